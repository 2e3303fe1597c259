package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// RejectDocument sends a document waiting for approval back to its drafter.
func (s *service) RejectDocument(ctx context.Context, id, reason string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	if err := domain.ValidateReason(reason); err != nil {
		return DocumentView{}, err
	}
	return s.transition(ctx, a, id, func(ctx context.Context, _ Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := d.Reject(a, reason, s.now())
		if err != nil {
			return h, nil, err
		}
		// The reason may quote a restricted document: it stays home too.
		shared := h.Reason
		if d.Confidentiality.Restricted() {
			shared = ""
		}
		evs, err := s.event(ctx, events.DocumentRejected, *d, &eventsv1.DocumentRejected{
			DocumentId: d.ID, Kind: string(d.Kind), IssuerUnitId: d.IssuerUnitID, RejectedBy: a.UserID,
			DrafterId: d.Drafter.UserID, Reason: shared, Confidentiality: string(d.Confidentiality),
		})
		return h, evs, err
	})
}
