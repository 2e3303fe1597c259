package events

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// DocumentIssued gives each recipient of an issued document with a due date
// (a plan excepted) its task.
func (h Handlers) DocumentIssued(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.DocumentIssued
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	_, err := h.uc.AssignFromDocument(ctx, tx, domain.IssuedDocument{
		DocumentID:       p.DocumentId,
		Kind:             p.Kind,
		Notation:         p.Notation,
		IssuerUnitID:     p.IssuerUnitId,
		RecipientUnitIDs: p.RecipientUnitIds,
		Urgency:          p.Urgency,
		Confidentiality:  p.Confidentiality,
		Summary:          p.Summary,
		DueDate:          p.DueDate,
		IssuedBy:         p.IssuedBy,
	}, ev.ID)
	return permanent(err)
}
