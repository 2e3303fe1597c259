package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// Escalation are the facts of a task.escalated event.
type Escalation struct {
	Task        Task
	DaysOverdue int
	// AssignerUserID is the leader who assigned the task; "" when a
	// document did, and the assigner unit's leaders are told instead.
	AssignerUserID  string
	UnitOverdue     []Task
	AssignerOverdue []Task
}

// Escalated tells the leader who assigned an overdue task, with the
// overdue tasks they assigned, and the assignee unit's head (its leaders),
// with the unit's overdue tasks (DOMAIN.md, Deadlines and follow-up).
func (n *Notifier) Escalated(ctx context.Context, st NotifyStore, ev Event, e Escalation) error {
	t := e.Task
	unit, heads, err := n.members(ctx, st, t.AssigneeUnitID, domain.RoleLeader)
	if err != nil {
		return fmt.Errorf("task %s: %w", t.ID, err)
	}
	var assigners []domain.Person
	if e.AssignerUserID != "" {
		p, err := st.Person(ctx, e.AssignerUserID)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			if n.now().Sub(ev.Time) < n.maxLag {
				return fmt.Errorf("task %s: %w: %w", t.ID, ErrRecipientsNotYetKnown, recipients.ErrUnknownPerson)
			}
		case err != nil:
			return err
		default:
			assigners = recipients.Reachable([]domain.Person{p})
		}
	}
	if e.AssignerUserID == "" || len(assigners) == 0 {
		if _, assigners, err = n.members(ctx, st, t.AssignerUnitID, domain.RoleLeader); err != nil {
			return fmt.Errorf("task %s: %w", t.ID, err)
		}
	}
	f := t.facts(unit)
	mine, err := n.items(ctx, st, e.AssignerOverdue)
	if err != nil {
		return err
	}
	theirs, err := n.items(ctx, st, e.UnitOverdue)
	if err != nil {
		return err
	}
	u := domain.ParseUrgency(t.Urgency)
	if err := n.notify(ctx, st, ev, domain.TypeTaskEscalated, "task "+t.ID, assigners,
		templates.Escalated{Task: f, DaysOverdue: e.DaysOverdue, ToAssigner: true, Items: mine}.Render(), u); err != nil {
		return err
	}
	return n.notify(ctx, st, ev, domain.TypeTaskEscalated, "task "+t.ID, heads,
		templates.Escalated{Task: f, DaysOverdue: e.DaysOverdue, Items: theirs}.Render(), u)
}

// items are the list lines of tasks, naming each one's assignee unit (a
// unit the directory does not know yet goes unnamed rather than holding
// the message back).
func (n *Notifier) items(ctx context.Context, st NotifyStore, ts []Task) ([]templates.Item, error) {
	out := make([]templates.Item, 0, len(ts))
	names := map[string]string{}
	for _, t := range ts {
		name, ok := names[t.AssigneeUnitID]
		if !ok {
			u, err := recipients.New(st).Unit(ctx, t.AssigneeUnitID)
			if err != nil && !errors.Is(err, recipients.ErrUnknownUnit) {
				return nil, err
			}
			name = unitName(u)
			names[t.AssigneeUnitID] = name
		}
		out = append(out, templates.Item{ID: t.ID, Title: t.Title, SourceNotation: t.SourceNotation, SourceKind: t.SourceKind,
			UnitName: name, DueDate: t.DueDate})
	}
	return out, nil
}
