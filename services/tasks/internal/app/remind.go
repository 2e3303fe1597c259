package app

import (
	"context"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Reminder kinds, as stored in task_reminders.
const (
	ReminderDueSoon = "due_soon"
	ReminderOverdue = "overdue"
)

// remindBatch bounds one transaction of reminders.
const remindBatch = 200

// RemindDeadlines sends, at now, task.due_soon for open tasks due within
// lead days (today included) and task.overdue for open tasks whose due
// date has passed, each once per task, kind and due date: the reminder row
// and the outbox row commit together, and the row's key turns a second run
// or a second replica into a no-op. It returns how many it sent.
func (a *App) RemindDeadlines(ctx context.Context, now time.Time, leadDays int) (int, error) {
	today := domain.OverdueBefore(now)
	soonEnd := domain.DateOf(today.End().AddDate(0, 0, leadDays))
	yesterday := domain.DateOf(today.End().AddDate(0, 0, -1))
	sent := 0
	for _, k := range []struct {
		kind     string
		from, to domain.Date
	}{
		{ReminderDueSoon, today, soonEnd},
		{ReminderOverdue, domain.MustDate("0001-01-01"), yesterday},
	} {
		for {
			tasks, err := a.reminders.ReminderCandidates(ctx, k.kind, k.from, k.to, remindBatch)
			if err != nil {
				return sent, err
			}
			n := 0
			err = a.txs.InTx(ctx, func(ctx context.Context, w Writes) error {
				n = 0
				for _, t := range tasks {
					ok, err := w.Reminders.MarkReminder(ctx, t.ID, k.kind, t.DueDate, now)
					if err != nil {
						return err
					}
					if !ok {
						continue // another replica got there first
					}
					if err := a.emit(ctx, w, remindEvent(k.kind), t.ID, reminder(k.kind, t, now)); err != nil {
						return err
					}
					n++
				}
				return nil
			})
			if err != nil {
				return sent, err
			}
			sent += n
			if len(tasks) < remindBatch {
				break
			}
		}
	}
	return sent, nil
}

func remindEvent(kind string) string {
	if kind == ReminderDueSoon {
		return events.TaskDueSoon
	}
	return events.TaskOverdue
}

func reminder(kind string, t domain.Task, now time.Time) proto.Message {
	days := int32(domain.DaysBetween(domain.OverdueBefore(now), t.DueDate))
	if kind == ReminderDueSoon {
		return &eventsv1.TaskDueSoon{Task: ref(t, now), DaysLeft: days}
	}
	return &eventsv1.TaskOverdue{Task: ref(t, now), DaysOverdue: -days}
}
