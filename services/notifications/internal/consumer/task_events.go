package consumer

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
)

var errNoTask = errors.New("task event without task id, assigner or assignee unit")

// task reads a TaskRef; one without its ids can never be told to anyone.
func task(r *eventsv1.TaskRef) (app.Task, error) {
	t := app.Task{
		ID: r.GetTaskId(), Title: r.GetTitle(), AssignerUnitID: r.GetAssignerUnitId(), AssigneeUnitID: r.GetAssigneeUnitId(),
		DueDate: r.GetDueDate(), Urgency: r.GetUrgency(), SourceNotation: r.GetSourceNotation(),
		AssigneeUserID: r.GetAssigneeUserId(), SourceKind: r.GetSourceKind(),
	}
	if t.ID == "" || t.AssignerUnitID == "" || t.AssigneeUnitID == "" {
		return t, messaging.Permanent(errNoTask)
	}
	return t, nil
}

func of(ev envelope.Event) app.Event { return app.Event{ID: ev.ID, Time: ev.Time} }

// ReportSubmitted tells the assigner.
func (h *Handlers) ReportSubmitted(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskReportSubmitted
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.ReportSubmitted(ctx, h.bind(tx), of(ev), t, int(m.GetProgressPercent()), m.GetFinal())
}

// ReportReviewed tells the assignee.
func (h *Handlers) ReportReviewed(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskReportReviewed
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.ReportReviewed(ctx, h.bind(tx), of(ev), t, m.GetDecision() == "accepted", m.GetFinal(), m.GetComment())
}

// ExtensionDecided tells the assignee.
func (h *Handlers) ExtensionDecided(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskExtensionDecided
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.ExtensionDecided(ctx, h.bind(tx), of(ev), t, app.Extension{
		Approved: m.GetApproved(), Requested: m.GetRequestedDueDate(), Previous: m.GetPreviousDueDate(), Comment: m.GetComment(),
	})
}

// DueSoon reminds the assignee.
func (h *Handlers) DueSoon(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskDueSoon
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.DueSoon(ctx, h.bind(tx), of(ev), t, int(m.GetDaysLeft()), m.GetStep() != "")
}

// Overdue warns the assignee.
func (h *Handlers) Overdue(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskOverdue
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.Overdue(ctx, h.bind(tx), of(ev), t, int(m.GetDaysOverdue()), m.GetStep() != "")
}

// ReportDue reminds the assignee of a periodic report.
func (h *Handlers) ReportDue(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskReportDue
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.ReportDue(ctx, h.bind(tx), of(ev), t, app.ReportDue{
		Period: m.GetPeriod(), DueDate: m.GetDueDate(), Overdue: m.GetKind() == "overdue", Days: int(m.GetDays()),
	})
}

// TaskCancelled tells the assignee's leaders.
func (h *Handlers) TaskCancelled(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskCancelled
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	return h.notifier.TaskCancelled(ctx, h.bind(tx), of(ev), t, m.GetReason())
}

// Escalated tells the assigning leader and the assignee unit's head.
func (h *Handlers) Escalated(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskEscalated
	if err := decode(ev, &m); err != nil {
		return err
	}
	t, err := task(m.GetTask())
	if err != nil {
		return err
	}
	e := app.Escalation{Task: t, DaysOverdue: int(m.GetDaysOverdue()), AssignerUserID: m.GetAssignerUserId()}
	if e.UnitOverdue, err = tasks(m.GetUnitOverdue()); err != nil {
		return err
	}
	if e.AssignerOverdue, err = tasks(m.GetAssignerOverdue()); err != nil {
		return err
	}
	return h.notifier.Escalated(ctx, h.bind(tx), of(ev), e)
}

// WeeklyDigest tells one leader of the week's tasks.
func (h *Handlers) WeeklyDigest(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskWeeklyDigest
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetLeaderUserId() == "" || m.GetUnitId() == "" {
		return messaging.Permanent(errors.New("weekly digest without its leader or unit"))
	}
	d := app.WeeklyDigest{LeaderUserID: m.GetLeaderUserId(), UnitID: m.GetUnitId(), WeekStart: m.GetWeekStart(),
		WeekEnd: m.GetWeekEnd(), Total: int(m.GetTotal())}
	for _, r := range m.GetItems() {
		t, err := task(r)
		if err != nil {
			return err
		}
		d.Items = append(d.Items, app.DigestItem{Task: t, Overdue: r.GetClass() == "open_overdue"})
	}
	return h.notifier.WeeklyDigest(ctx, h.bind(tx), of(ev), d)
}

// tasks reads a list of TaskRefs.
func tasks(rs []*eventsv1.TaskRef) ([]app.Task, error) {
	out := make([]app.Task, 0, len(rs))
	for _, r := range rs {
		t, err := task(r)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
