package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// TaskCancelled tells the assignee unit's leaders, who were told of the
// task, that it is withdrawn.
func (n *Notifier) TaskCancelled(ctx context.Context, st NotifyStore, ev Event, t Task, reason string) error {
	return n.tellAssignee(ctx, st, ev, domain.TypeTaskCancelled, t, []string{domain.RoleLeader}, func(f templates.Task) templates.Message {
		return templates.TaskCancelled{Task: f, Reason: reason}.Render()
	})
}
