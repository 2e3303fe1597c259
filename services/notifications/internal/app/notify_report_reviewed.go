package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// ReportReviewed tells the assignee unit's leaders and specialists that
// its report was accepted or returned.
func (n *Notifier) ReportReviewed(ctx context.Context, st NotifyStore, ev Event, t Task, accepted, final bool, comment string) error {
	return n.tellAssignee(ctx, st, ev, domain.TypeReportReviewed, t, assigneeRoles, func(f templates.Task) templates.Message {
		return templates.ReportReviewed{Task: f, Accepted: accepted, Final: final, Comment: comment}.Render()
	})
}
