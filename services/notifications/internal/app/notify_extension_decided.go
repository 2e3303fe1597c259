package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// Extension is the decision on an extension request.
type Extension struct {
	Approved  bool
	Requested string
	Previous  string
	Comment   string
}

// ExtensionDecided tells the assignee unit's leaders and specialists
// whether their due date moved.
func (n *Notifier) ExtensionDecided(ctx context.Context, st NotifyStore, ev Event, t Task, x Extension) error {
	return n.tellAssignee(ctx, st, ev, domain.TypeExtensionDecided, t, assigneeRoles, func(f templates.Task) templates.Message {
		return templates.ExtensionDecided{Task: f, Approved: x.Approved, Requested: x.Requested, Previous: x.Previous, Comment: x.Comment}.Render()
	})
}
