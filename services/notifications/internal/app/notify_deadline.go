package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// DueSoon reminds the assignee unit (its specialists and its leaders)
// before the deadline. The tasks service sends it once per task and due
// date; the notifications' uniqueness keeps a redelivery from repeating it.
// workingDays says the days are working days (the event names its rule's
// step; older events counted calendar days).
func (n *Notifier) DueSoon(ctx context.Context, st NotifyStore, ev Event, t Task, daysLeft int, workingDays bool) error {
	return n.tellAssignee(ctx, st, ev, domain.TypeTaskDueSoon, t, assigneeRoles, func(f templates.Task) templates.Message {
		return templates.DueSoon{Task: f, DaysLeft: daysLeft, WorkingDays: workingDays}.Render()
	})
}

// Overdue warns the assignee unit (its specialists and its leaders) after
// the deadline.
func (n *Notifier) Overdue(ctx context.Context, st NotifyStore, ev Event, t Task, daysOverdue int, workingDays bool) error {
	return n.tellAssignee(ctx, st, ev, domain.TypeTaskOverdue, t, assigneeRoles, func(f templates.Task) templates.Message {
		return templates.Overdue{Task: f, DaysOverdue: daysOverdue, WorkingDays: workingDays}.Render()
	})
}

// ReportDue is a periodic report request's reminder: its period, its own
// due date, and the working days left (or past it when Overdue).
type ReportDue struct {
	Period  string // 2026-03, 2026-Q1, 2026-W11 or a date
	DueDate string // YYYY-MM-DD
	Overdue bool
	Days    int
}

// ReportDue reminds the assignee unit (its specialists and its leaders,
// or the named person) of a periodic report before, on and after its due
// date, as the agency's reminder rules step it; the tasks service sends
// each step once.
func (n *Notifier) ReportDue(ctx context.Context, st NotifyStore, ev Event, t Task, r ReportDue) error {
	return n.tellAssignee(ctx, st, ev, domain.TypeTaskReportDue, t, assigneeRoles, func(f templates.Task) templates.Message {
		return templates.ReportDue{Task: f, Period: r.Period, ReportDueDate: r.DueDate, Overdue: r.Overdue, Days: r.Days}.Render()
	})
}
