package app

import (
	"context"
	"fmt"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// AssignFromDocument creates the tasks an issued document gives its
// recipients, with their history and task.assigned events, through w. Tasks
// that exist already (same natural key: the event was handled before) are
// left alone and announced no second time; the created ones are returned.
// Recipient units need not be known to the unit tree: ids are enough.
// A malformed document is an apperr.ErrInvalid error.
func (a *App) AssignFromDocument(ctx context.Context, w Writes, doc domain.IssuedDocument, eventID string) ([]domain.Task, error) {
	tasks, err := domain.TasksFor(doc, a.now(), a.newID)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.DocumentID, err)
	}
	return a.createAssigned(ctx, w, tasks, domain.Viewer{UserID: doc.IssuedBy, UnitID: doc.IssuerUnitID}, eventID)
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
		AssigneeUserId:   t.AssigneeUserID,
	}
}
