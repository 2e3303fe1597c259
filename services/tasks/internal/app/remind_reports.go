package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ReportReminderCandidates are the unanswered report requests of open
// tasks due in [from, to] that have had no reminder of kind for their due
// date (ReminderDueSoon or ReminderOverdue): the periodic reports a
// reminder engine treats like deadlines.
func (a *App) ReportReminderCandidates(ctx context.Context, kind string, from, to domain.Date, limit int) ([]ReportReminderCandidate, error) {
	return a.requests.ReportReminderCandidates(ctx, kind, from, to, limit)
}

// SendReportReminder sends task.report_due of kind for c at now, once per
// request, kind and due date (the claim and the outbox row commit
// together, as task_reminders do for deadlines); false when it was sent
// before or the task is gone.
func (a *App) SendReportReminder(ctx context.Context, w Writes, c ReportReminderCandidate, kind string, now time.Time) (bool, error) {
	ok, err := w.Requests.MarkReportReminder(ctx, c.Request.ID, kind, c.Request.DueDate, now)
	if err != nil || !ok {
		return false, err
	}
	t, err := w.Tasks.TaskForUpdate(ctx, c.Request.TaskID)
	if err != nil {
		return false, err
	}
	days := domain.DaysBetween(domain.OverdueBefore(now), c.Request.DueDate)
	if kind == ReminderOverdue {
		days = -days
	}
	return true, a.emit(ctx, w, events.TaskReportDue, t.ID, &eventsv1.TaskReportDue{Task: ref(t, now), RequestId: c.Request.ID,
		Period: c.Request.Period, DueDate: c.Request.DueDate.String(), Kind: kind, Days: int32(days)})
}

// RemindReports sends the periodic reports' reminders at now: due_soon
// for requests due within lead days (today included), overdue for those
// past their due date; it returns how many it sent. It stands apart from
// RemindDeadlines so that a reminder engine can take its two steps
// (candidates, send) into its own rules.
func (a *App) RemindReports(ctx context.Context, now time.Time, leadDays int) (int, error) {
	today := domain.OverdueBefore(now)
	sent := 0
	for _, k := range []struct {
		kind     string
		from, to domain.Date
	}{
		{ReminderDueSoon, today, domain.DateOf(today.End().AddDate(0, 0, leadDays))},
		{ReminderOverdue, domain.MustDate("0001-01-01"), domain.DateOf(today.End().AddDate(0, 0, -1))},
	} {
		for {
			cs, err := a.ReportReminderCandidates(ctx, k.kind, k.from, k.to, remindBatch)
			if err != nil {
				return sent, err
			}
			n := 0
			err = a.txs.InTx(ctx, func(ctx context.Context, w Writes) error {
				n = 0
				for _, c := range cs {
					ok, err := a.SendReportReminder(ctx, w, c, k.kind, now)
					if err != nil {
						return err
					}
					if ok {
						n++
					}
				}
				return nil
			})
			if err != nil {
				return sent, err
			}
			sent += n
			if len(cs) < remindBatch {
				break
			}
		}
	}
	return sent, nil
}
