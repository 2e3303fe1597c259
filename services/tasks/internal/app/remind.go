package app

import (
	"context"
	"fmt"
	"slices"
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
// no longer (or freshly) due any, and one whose final report came in on
// time and waits for review (followup's awaiting_review) is not overdue,
// so gets neither overdue reminders nor escalation. Each task is looked at once a day. It
// returns how many events it sent.
func (a *App) RemindDeadlines(ctx context.Context, now time.Time) (int, error) {
	today := domain.DateOf(now)
	horizon := domain.DateOf(today.End().AddDate(0, 0, remindHorizon))
	rules := &agencyRules{a: a}
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
			steps, err := rules.steps(ctx, c.AgencyID, today, c.DueDate)
			if err != nil {
				return sent, err
			}
			if cl, _ := c.ClassAt(now); cl == domain.ClassAwaitingReview {
				// the final report came in on time and waits for the
				// assigner's review: the task is not overdue
				steps = slices.DeleteFunc(steps, func(s domain.Step) bool { return s.Kind != ReminderDueSoon })
			}
			dues = append(dues, due{c, steps})
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

// agencyRules reads each agency's rules and calendar once per run.
type agencyRules struct {
	a     *App
	rules map[string]domain.ReminderRules
	cals  map[string]*workdays.Calendar
}

// steps are the reminders due on day today for a deadline due under the
// agency's rules and working days.
func (r *agencyRules) steps(ctx context.Context, agencyID string, today, due domain.Date) ([]domain.Step, error) {
	if r.rules == nil {
		r.rules, r.cals = map[string]domain.ReminderRules{}, map[string]*workdays.Calendar{}
	}
	rules, ok := r.rules[agencyID]
	if !ok {
		var err error
		if rules, err = r.a.reminders.ReminderRules(ctx, agencyID); err != nil {
			return nil, err
		}
		r.rules[agencyID] = rules
	}
	cal, ok := r.cals[agencyID]
	if !ok {
		var err error
		if cal, err = r.a.CalendarOf(ctx, agencyID); err != nil {
			return nil, err
		}
		r.cals[agencyID] = cal
	}
	return rules.Steps(cal, today, due), nil
}

func refs(ts []domain.Task, now time.Time) []*eventsv1.TaskRef {
	out := make([]*eventsv1.TaskRef, len(ts))
	for i, t := range ts {
		out[i] = ref(t, now)
	}
	return out
}
