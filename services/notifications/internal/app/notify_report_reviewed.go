package app

import (
	"context"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// ReportReviewed tells the assignee unit's leaders and specialists that
// its report was accepted or returned.
func (n *Notifier) ReportReviewed(ctx context.Context, tx *pkgstore.Tx, ev Event, t Task, accepted, final bool, comment string) error {
	return n.tellAssignee(ctx, tx, ev, domain.TypeReportReviewed, t, assigneeRoles, func(f templates.Task) templates.Message {
		return templates.ReportReviewed{Task: f, Accepted: accepted, Final: final, Comment: comment}.Render()
	})
}
