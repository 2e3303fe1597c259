package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// RemindReports sends, on the day of now, the reminders of the periodic
// report requests still unanswered: the same agency rules and working-day
// calendar as task deadlines (domain.ReminderRules.Steps) give each
// request task.report_due before its due date, on it, and every N working
// days after it until the report comes in (no escalation: that is the
// task's). Each step is claimed in report_request_reminders in the outbox
// row's transaction, once per request, step and due date, so replicas and
// restarts send nothing twice. Each request is looked at once a day. It
// returns how many events it sent.
func (a *App) RemindReports(ctx context.Context, now time.Time) (int, error) {
	today := domain.DateOf(now)
	horizon := domain.DateOf(today.End().AddDate(0, 0, remindHorizon))
	rules := &agencyRules{a: a}
	sent := 0
	for {
		cands, err := a.requests.ReportReminderCandidates(ctx, today, horizon, remindBatch)
		if err != nil {
			return sent, err
		}
		type due struct {
			c     ReportReminderCandidate
			steps []domain.Step
		}
		var dues []due
		for _, c := range cands {
			steps, err := rules.steps(ctx, c.AgencyID, today, c.Request.DueDate)
			if err != nil {
				return sent, err
			}
			d := due{c: c}
			for _, s := range steps {
				if s.Kind != ReminderEscalate {
					d.steps = append(d.steps, s)
				}
			}
			dues = append(dues, d)
		}
		n := 0
		err = a.txs.InTx(ctx, func(ctx context.Context, w Writes) error {
			n = 0
			for _, d := range dues {
				for _, s := range d.steps {
					ok, err := a.sendReportStep(ctx, w, d.c, s, now)
					if err != nil {
						return err
					}
					if ok {
						n++
					}
				}
				if err := w.Requests.MarkReportChecked(ctx, d.c.Request.ID, d.c.Request.DueDate, today); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return sent, err
		}
		sent += n
		if len(cands) < remindBatch {
			return sent, nil
		}
	}
}

// sendReportStep claims step s of c's reminders and writes its
// task.report_due; false when it was sent before or the task is gone.
func (a *App) sendReportStep(ctx context.Context, w Writes, c ReportReminderCandidate, s domain.Step, now time.Time) (bool, error) {
	ok, err := w.Requests.MarkReportReminder(ctx, c.Request.ID, s.Kind, s.Name, c.Request.DueDate, now)
	if err != nil || !ok {
		return false, err
	}
	t, err := w.Tasks.TaskForUpdate(ctx, c.Request.TaskID)
	if err != nil {
		return false, err
	}
	days := s.Days
	if s.Kind == ReminderOverdue {
		days = -days
	}
	return true, a.emit(ctx, w, events.TaskReportDue, t.ID, &eventsv1.TaskReportDue{Task: ref(t, now), RequestId: c.Request.ID,
		Period: c.Request.Period, DueDate: c.Request.DueDate.String(), Kind: s.Kind, Days: int32(days)})
}
