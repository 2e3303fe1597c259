package app

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// AssignFromDocument creates the tasks an issued document gives its
// recipients, with their history and task.assigned events, in tx. Tasks
// that exist already (same natural key: the event was handled before) are
// left alone and announced no second time; the created ones are returned.
// Recipient units need not be known to the unit tree: ids are enough.
// A malformed document is an apperr.ErrInvalid error.
func (a *App) AssignFromDocument(ctx context.Context, tx *store.Tx, doc domain.IssuedDocument, eventID string) ([]domain.Task, error) {
	tasks, err := domain.TasksFor(doc, a.now(), a.newID)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.DocumentID, err)
	}
	var created []domain.Task
	var evs []envelope.Event
	for _, t := range tasks {
		ok, err := a.repo.CreateTask(ctx, tx, t)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		err = a.repo.AddHistory(ctx, tx, domain.HistoryEntry{
			TaskID: t.ID, Action: domain.ActionAssigned, ActorUserID: doc.IssuedBy, ActorUnitID: doc.IssuerUnitID,
			At: t.CreatedAt, ToStatus: t.Status, EventID: eventID,
		})
		if err != nil {
			return nil, err
		}
		ev, err := envelope.New(ctx, a.source, events.TaskAssigned, t.ID, assignedPayload(t))
		if err != nil {
			return nil, err
		}
		created, evs = append(created, t), append(evs, ev)
	}
	if err := a.outbox.Add(ctx, tx, evs...); err != nil {
		return nil, err
	}
	return created, nil
}

func assignedPayload(t domain.Task) *eventsv1.TaskAssigned {
	return &eventsv1.TaskAssigned{
		TaskId:           t.ID,
		SourceDocumentId: t.SourceDocumentID,
		PlanItemId:       t.PlanItemID,
		ParentTaskId:     t.ParentTaskID,
		AssignerUnitId:   t.AssignerUnitID,
		AssigneeUnitId:   t.AssigneeUnitID,
		Role:             string(t.Role),
		Title:            t.Title,
		DueDate:          t.DueDate.String(),
		Urgency:          string(t.Urgency),
		SourceNotation:   t.SourceNotation,
	}
}
