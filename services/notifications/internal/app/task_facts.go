package app

import (
	"context"
	"errors"
	"fmt"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// Task is what every task event after task.assigned says of its task
// (eventsv1.TaskRef).
type Task struct {
	ID             string
	Title          string
	AssignerUnitID string
	AssigneeUnitID string
	DueDate        string
	Urgency        string
	SourceNotation string
}

// assigneeRoles are the people of an assignee unit who work on its tasks:
// its leaders, who direct the work, and its specialists, who report.
var assigneeRoles = []string{domain.RoleLeader, domain.RoleSpecialist}

// members resolves the people of unitID holding roles; a unit the
// directory does not know yet is retried.
func (n *Notifier) members(ctx context.Context, tx *pkgstore.Tx, unitID string, roles ...string) (domain.Unit, []domain.Person, error) {
	u, people, err := n.resolve.MembersOf(ctx, tx, unitID, roles...)
	return u, people, lag(err)
}

// lag marks an unknown unit as directory lag, to be retried.
func lag(err error) error {
	if errors.Is(err, recipients.ErrUnknownUnit) {
		return fmt.Errorf("%w: %w", ErrRecipientsNotYetKnown, err)
	}
	return err
}

// facts are the template facts of t, naming its assignee unit.
func (t Task) facts(assignee domain.Unit) templates.Task {
	return templates.Task{
		ID: t.ID, Title: t.Title, SourceNotation: t.SourceNotation, UnitName: unitName(assignee),
		DueDate: t.DueDate, Urgency: domain.ParseUrgency(t.Urgency),
	}
}

// tellAssignee tells the working people of t's assignee unit (roles) what
// render says; it is the shape of most task rules.
func (n *Notifier) tellAssignee(ctx context.Context, tx *pkgstore.Tx, ev Event, typ string, t Task, roles []string,
	render func(templates.Task) templates.Message) error {
	unit, people, err := n.members(ctx, tx, t.AssigneeUnitID, roles...)
	if err != nil {
		return fmt.Errorf("task %s: %w", t.ID, err)
	}
	return n.notify(ctx, tx, ev, typ, "task "+t.ID, people, render(t.facts(unit)), domain.ParseUrgency(t.Urgency))
}
