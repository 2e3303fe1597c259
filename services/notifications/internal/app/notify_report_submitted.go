package app

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// ReportSubmitted tells the assigner unit's leaders that the assignee
// reported (DOMAIN.md: the assigner is told when a report is submitted).
func (n *Notifier) ReportSubmitted(ctx context.Context, st NotifyStore, ev Event, t Task, progress int, final bool) error {
	assignee, err := recipients.New(st).Unit(ctx, t.AssigneeUnitID)
	if err != nil {
		return fmt.Errorf("task %s: %w", t.ID, lag(err))
	}
	_, leaders, err := n.members(ctx, st, t.AssignerUnitID, domain.RoleLeader)
	if err != nil {
		return fmt.Errorf("task %s: %w", t.ID, err)
	}
	msg := templates.ReportSubmitted{Task: t.facts(assignee), Progress: progress, Final: final}.Render()
	return n.notify(ctx, st, ev, domain.TypeReportSubmitted, "task "+t.ID, leaders, msg, domain.ParseUrgency(t.Urgency))
}
