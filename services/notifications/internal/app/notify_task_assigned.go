package app

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// TaskAssigned are the facts of a task.assigned event.
type TaskAssigned struct {
	TaskID         string
	Title          string
	AssigneeUnitID string
	Role           string
	DueDate        string // YYYY-MM-DD
	Urgency        string
	SourceNotation string
	// AssigneeUserID is the named person a leader delegated the task to.
	AssigneeUserID string
}

// TaskAssigned tells each active leader of the assignee unit of their new
// task (DOMAIN.md, Notifications), and the named person a leader delegated
// it to, if any. While the directory does not know the
// unit, or knows no leader of it and the event is recent, it returns
// ErrRecipientsNotYetKnown so the event is retried; a known unit that still
// has no leader after the grace period gets nothing, and that is logged.
func (n *Notifier) TaskAssigned(ctx context.Context, st NotifyStore, ev Event, t TaskAssigned) error {
	unit, leaders, name, err := n.assignee(ctx, st, ev, t.AssigneeUnitID, t.AssigneeUserID, domain.RoleLeader)
	if err != nil {
		return fmt.Errorf("task %s: %w", t.TaskID, err)
	}
	msg := templates.TaskAssigned{
		TaskID:         t.TaskID,
		Title:          t.Title,
		SourceNotation: t.SourceNotation,
		UnitName:       unitName(unit),
		Role:           t.Role,
		DueDate:        t.DueDate,
		Urgency:        domain.ParseUrgency(t.Urgency),
		PersonName:     name,
	}.Render()
	return n.notify(ctx, st, ev, domain.TypeTaskAssigned, "task "+t.TaskID, leaders, msg, domain.ParseUrgency(t.Urgency))
}
