package app

import (
	"context"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// TaskCancelled tells the assignee unit's leaders, who were told of the
// task, that it is withdrawn.
func (n *Notifier) TaskCancelled(ctx context.Context, tx *pkgstore.Tx, ev Event, t Task, reason string) error {
	return n.tellAssignee(ctx, tx, ev, domain.TypeTaskCancelled, t, []string{domain.RoleLeader}, func(f templates.Task) templates.Message {
		return templates.TaskCancelled{Task: f, Reason: reason}.Render()
	})
}
