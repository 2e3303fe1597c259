package app

import (
	"context"
	"errors"
	"fmt"

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
	SourceKind     string
	// AssigneeUserID is the named person the task was delegated to, if any.
	AssigneeUserID string
}

// assigneeRoles are the people of an assignee unit who work on its tasks:
// its leaders, who direct the work, and its specialists, who report.
var assigneeRoles = []string{domain.RoleLeader, domain.RoleSpecialist}

// members resolves the people of unitID holding roles; a unit the
// directory does not know yet is retried.
func (n *Notifier) members(ctx context.Context, st NotifyStore, unitID string, roles ...string) (domain.Unit, []domain.Person, error) {
	u, people, err := recipients.New(st).MembersOf(ctx, unitID, roles...)
	return u, people, lag(err)
}

// lag marks an unknown unit or person as directory lag, to be retried.
func lag(err error) error {
	if errors.Is(err, recipients.ErrUnknownUnit) || errors.Is(err, recipients.ErrUnknownPerson) {
		return fmt.Errorf("%w: %w", ErrRecipientsNotYetKnown, err)
	}
	return err
}

// facts are the template facts of t, naming its assignee unit.
func (t Task) facts(assignee domain.Unit) templates.Task {
	return templates.Task{
		ID: t.ID, Title: t.Title, SourceNotation: t.SourceNotation, SourceKind: t.SourceKind, UnitName: unitName(assignee),
		DueDate: t.DueDate, Urgency: domain.ParseUrgency(t.Urgency),
	}
}

// assignee resolves who is told about a task of unitID: its named person
// (userID) and the unit's leaders, or else the unit's people holding roles
// (recipients.AssigneeOf). It also returns the named person's name for the
// texts. A named person the directory does not know yet is lag, retried
// while the event is recent; after the longest lag the others are told
// without them, and that is logged.
func (n *Notifier) assignee(ctx context.Context, st NotifyStore, ev Event, unitID, userID string, roles ...string) (domain.Unit, []domain.Person, string, error) {
	u, people, err := recipients.New(st).AssigneeOf(ctx, unitID, userID, roles...)
	if errors.Is(err, recipients.ErrUnknownPerson) {
		if n.now().Sub(ev.Time) < n.maxLag {
			return u, nil, "", lag(err)
		}
		n.log.WarnContext(ctx, "named person unknown to the directory; telling the unit's leaders only", "user_id", userID, "event_id", ev.ID)
		err = nil
	}
	if err != nil {
		return u, nil, "", lag(err)
	}
	var name string
	for _, p := range people {
		if userID != "" && p.ID == userID {
			name = p.FullName
		}
	}
	return u, people, name, nil
}

// tellAssignee tells the working people of t's assignee unit (roles), or
// its named person and the unit's leaders, what render says; it is the
// shape of most task rules.
func (n *Notifier) tellAssignee(ctx context.Context, st NotifyStore, ev Event, typ string, t Task, roles []string,
	render func(templates.Task) templates.Message) error {
	unit, people, name, err := n.assignee(ctx, st, ev, t.AssigneeUnitID, t.AssigneeUserID, roles...)
	if err != nil {
		return fmt.Errorf("task %s: %w", t.ID, err)
	}
	f := t.facts(unit)
	f.PersonName = name
	return n.notify(ctx, st, ev, typ, "task "+t.ID, people, render(f), domain.ParseUrgency(t.Urgency))
}
