package app

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/workdays"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Reminder kinds, as stored in task_reminders.
const (
	ReminderDueSoon  = domain.ReminderDueSoon
	ReminderOverdue  = domain.ReminderOverdue
	ReminderEscalate = domain.ReminderEscalate
)

const (
	// remindBatch bounds one transaction of reminders.
	remindBatch = 200
	// remindHorizon is how far ahead (calendar days) a deadline may lie
	// and still be within the farthest rule (30 working days).
	remindHorizon = 60
	// escalationList bounds the overdue items an escalation lists.
	escalationList = 50
)

// RemindDeadlines sends, on the day of now, the reminders the agencies'
// rules (domain.ReminderRules.Steps, over each agency's working days) give
// each open task: task.due_soon before and on the deadline, task.overdue
// after it, task.escalated once it is overdue long enough. Each step is
// claimed in task_reminders in the outbox row's transaction, once per
// task, step and due date, so a second run, a second replica or a restart
// sends nothing twice; a task done, cancelled or given a new due date is
// no longer (or freshly) due any. Each task is looked at once a day. It
// returns how many events it sent.
func (a *App) RemindDeadlines(ctx context.Context, now time.Time) (int, error) {
	today := domain.DateOf(now)
	horizon := domain.DateOf(today.End().AddDate(0, 0, remindHorizon))
	rules := map[string]domain.ReminderRules{}
	cals := map[string]*workdays.Calendar{}
	sent := 0
	for {
		cands, err := a.reminders.ReminderCandidates(ctx, today, horizon, remindBatch)
		if err != nil {
			return sent, err
		}
		type due struct {
			c     ReminderCandidate
			steps []domain.Step
		}
		var dues []due
		for _, c := range cands {
			r, ok := rules[c.AgencyID]
			if !ok {
				if r, err = a.reminders.ReminderRules(ctx, c.AgencyID); err != nil {
					return sent, err
				}
				rules[c.AgencyID] = r
			}
			cal, ok := cals[c.AgencyID]
			if !ok {
				if cal, err = a.CalendarOf(ctx, c.AgencyID); err != nil {
					return sent, err
				}
				cals[c.AgencyID] = cal
			}
			dues = append(dues, due{c, r.Steps(cal, today, c.DueDate)})
		}
		n := 0
		err = a.txs.InTx(ctx, func(ctx context.Context, w Writes) error {
			n = 0
			for _, d := range dues {
				for _, s := range d.steps {
					ok, err := w.Reminders.MarkReminder(ctx, d.c.ID, s.Kind, s.Name, d.c.DueDate, now)
					if err != nil {
						return err
					}
					if !ok {
						continue // sent before, or by another replica
					}
					if err := a.sendStep(ctx, w, d.c, s, now); err != nil {
						return err
					}
					n++
				}
				if err := w.Reminders.MarkChecked(ctx, d.c.ID, d.c.DueDate, today); err != nil {
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

// sendStep writes the event of one reminder step.
func (a *App) sendStep(ctx context.Context, w Writes, c ReminderCandidate, s domain.Step, now time.Time) error {
	switch s.Kind {
	case ReminderDueSoon:
		return a.emit(ctx, w, events.TaskDueSoon, c.ID, &eventsv1.TaskDueSoon{Task: ref(c.Task, now), DaysLeft: int32(s.Days), Step: s.Name})
	case ReminderOverdue:
		return a.emit(ctx, w, events.TaskOverdue, c.ID, &eventsv1.TaskOverdue{Task: ref(c.Task, now), DaysOverdue: int32(-s.Days), Step: s.Name})
	case ReminderEscalate:
		today := domain.DateOf(now)
		unit, err := a.reminders.OverdueTasks(ctx, OverdueQuery{AssigneeUnitID: c.AssigneeUnitID, Before: today, Limit: escalationList})
		if err != nil {
			return err
		}
		var mine []domain.Task
		if c.AssignerUserID != "" {
			if mine, err = a.reminders.OverdueTasks(ctx, OverdueQuery{AssignerUserID: c.AssignerUserID, Before: today, Limit: escalationList}); err != nil {
				return err
			}
		}
		return a.emit(ctx, w, events.TaskEscalated, c.ID, &eventsv1.TaskEscalated{Task: ref(c.Task, now), DaysOverdue: int32(-s.Days),
			AssignerUserId: c.AssignerUserID, UnitOverdue: refs(unit, now), AssignerOverdue: refs(mine, now)})
	}
	return fmt.Errorf("unknown reminder kind %q", s.Kind)
}

func refs(ts []domain.Task, now time.Time) []*eventsv1.TaskRef {
	out := make([]*eventsv1.TaskRef, len(ts))
	for i, t := range ts {
		out[i] = ref(t, now)
	}
	return out
}
