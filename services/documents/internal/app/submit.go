package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// SubmitDocument sends the caller's draft for approval.
func (s *service) SubmitDocument(ctx context.Context, id string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	return s.transition(ctx, a, id, func(ctx context.Context, _ Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := d.Submit(a, s.now())
		if err != nil {
			return h, nil, err
		}
		evs, err := s.event(ctx, events.DocumentSubmitted, *d, &eventsv1.DocumentSubmitted{
			DocumentId: d.ID, Kind: string(d.Kind), IssuerUnitId: d.IssuerUnitID, DrafterId: d.Drafter.UserID,
			Summary: openSummary(*d), Urgency: string(d.Urgency), Confidentiality: string(d.Confidentiality),
		})
		return h, evs, err
	})
}
