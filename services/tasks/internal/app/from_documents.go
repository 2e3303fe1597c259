package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// AssignFromPlanItem creates an issued plan item's lead and cooperate
// tasks (assigned by the plan's issuer), each once.
func (a *App) AssignFromPlanItem(ctx context.Context, w Writes, it domain.PlanItem, eventID string) ([]domain.Task, error) {
	tasks, err := domain.TasksForPlanItem(it, a.now(), a.newID)
	if err != nil {
		return nil, fmt.Errorf("plan %s item %s: %w", it.PlanDocumentID, it.ItemID, err)
	}
	created, err := a.createAssigned(ctx, w, tasks, domain.Viewer{UnitID: it.IssuerUnitID}, eventID)
	if err != nil {
		return nil, err
	}
	cadence, err := domain.ParseCadence(it.Cadence)
	if err != nil {
		// a cadence this service does not know yet: the tasks stand, without
		// periodic reports
		slog.WarnContext(ctx, "plan item without periodic reports", "plan", it.PlanDocumentID, "item", it.ItemID, "err", err)
		return created, nil
	}
	return created, a.requestReports(ctx, w, cadence, created)
}

// requestReports creates each period's report request of the new tasks
// under cadence, with task.report_requested.
func (a *App) requestReports(ctx context.Context, w Writes, c domain.Cadence, tasks []domain.Task) error {
	var all []domain.ReportRequest
	for _, t := range tasks {
		all = append(all, c.ReportRequests(t, a.newID)...)
	}
	if len(all) == 0 {
		return nil
	}
	created, err := w.Requests.CreateReportRequests(ctx, all)
	if err != nil {
		return err
	}
	byID := map[string]domain.Task{}
	for _, t := range tasks {
		byID[t.ID] = t
	}
	var evs []envelope.Event
	for _, r := range created {
		t := byID[r.TaskID]
		ev, err := envelope.New(ctx, a.source, events.TaskReportRequested, t.ID, &eventsv1.TaskReportRequested{
			Task: ref(t, t.CreatedAt), RequestId: r.ID, Period: r.Period, PeriodStart: r.PeriodStart.String(),
			PeriodEnd: r.PeriodEnd.String(), DueDate: r.DueDate.String()})
		if err != nil {
			return err
		}
		evs = append(evs, ev)
	}
	return w.Events.Add(ctx, evs...)
}

// AssignFromDirection creates the tasks of a directed incoming document
// (assigned by the directing agency), each once.
func (a *App) AssignFromDirection(ctx context.Context, w Writes, d domain.Direction, eventID string) ([]domain.Task, error) {
	tasks, err := domain.TasksForDirection(d, a.now(), a.newID)
	if err != nil {
		return nil, fmt.Errorf("direction of %s: %w", d.DocumentID, err)
	}
	return a.createAssigned(ctx, w, tasks, domain.Viewer{UserID: d.DirectedBy, UnitID: d.AgencyID}, eventID)
}

// createAssigned inserts the tasks that do not exist yet, with history and
// task.assigned, through w, a few statements for any number of tasks; it
// returns the created ones.
func (a *App) createAssigned(ctx context.Context, w Writes, tasks []domain.Task, actor domain.Viewer, eventID string) ([]domain.Task, error) {
	ids, err := w.Tasks.CreateTasks(ctx, tasks)
	if err != nil {
		return nil, err
	}
	var created []domain.Task
	var hs []domain.HistoryEntry
	var evs []envelope.Event
	for _, t := range tasks {
		if !ids[t.ID] {
			continue
		}
		hs = append(hs, domain.HistoryEntry{TaskID: t.ID, Action: domain.ActionAssigned, ActorUserID: actor.UserID,
			ActorUnitID: actor.UnitID, At: t.CreatedAt, ToStatus: t.Status, EventID: eventID})
		ev, err := envelope.New(ctx, a.source, events.TaskAssigned, t.ID, assignedPayload(t))
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
		created = append(created, t)
	}
	if err := w.Tasks.AddFirstHistory(ctx, hs); err != nil {
		return nil, err
	}
	if err := w.Events.Add(ctx, evs...); err != nil {
		return nil, err
	}
	return created, nil
}

// CancelForDocument cancels every open task of a revoked document, their
// delegated children included (they carry the same source document).
func (a *App) CancelForDocument(ctx context.Context, w Writes, docID, reason, revokedBy, eventID string) (int, error) {
	tasks, err := w.Tasks.OpenTasksOfDocument(ctx, docID)
	if err != nil {
		return 0, err
	}
	now := a.now()
	for _, t := range tasks {
		was, from := t, t.Status
		if t, err = t.Cancel(now); err != nil {
			return 0, err
		}
		if err := w.Tasks.UpdateTask(ctx, was, t); err != nil {
			return 0, err
		}
		if err := a.record(ctx, w, t, domain.Viewer{UserID: revokedBy}, from, domain.HistoryEntry{Action: domain.ActionCancelled,
			Reason: reason, EventID: eventID}); err != nil {
			return 0, err
		}
		if err := a.emit(ctx, w, events.TaskCancelled, t.ID, &eventsv1.TaskCancelled{Task: ref(t, now),
			Reason: reason, CauseDocumentId: docID}); err != nil {
			return 0, err
		}
	}
	return len(tasks), nil
}

// FileReplyReports closes the loop: a document issued in reply to another
// files a final report on each task of that other document its issuing
// agency holds (and still works on). The assigner reviews it as any other.
func (a *App) FileReplyReports(ctx context.Context, w Writes, reply domain.IssuedDocument, eventID string) (int, error) {
	if reply.InReplyTo == "" || reply.IssuerUnitID == "" {
		return 0, nil
	}
	tasks, err := w.Tasks.ReplyTargets(ctx, reply.InReplyTo, reply.IssuerUnitID)
	if err != nil {
		return 0, err
	}
	now := a.now()
	actor := domain.Viewer{UserID: reply.IssuedBy, UnitID: reply.IssuerUnitID}
	for _, t := range tasks {
		r := domain.ReplyReport(t, reply, a.newID(), now)
		if err := a.fileReport(ctx, w, t, r, actor, eventID); err != nil {
			return 0, err
		}
	}
	return len(tasks), nil
}
