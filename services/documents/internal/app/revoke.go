package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// RevokeDocument withdraws an issued document (thu hồi); the tasks service
// cancels its tasks on document.revoked.
func (s *service) RevokeDocument(ctx context.Context, id, reason string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	return s.transition(ctx, a, id, func(ctx context.Context, _ Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := d.Revoke(a, reason, s.now())
		if err != nil {
			return h, nil, err
		}
		p := &eventsv1.DocumentRevoked{
			DocumentId: d.ID, Kind: string(d.Kind), IssuerUnitId: d.IssuerUnitID, Notation: d.Notation,
			Reason: d.RevokeReason, RevokedBy: a.UserID, RecipientUnitIds: d.RecipientIDs(),
			Confidentiality: string(d.Confidentiality),
		}
		if d.Confidentiality.Restricted() {
			p.Reason = ""
		}
		evs, err := s.event(ctx, events.DocumentRevoked, *d, p)
		return h, evs, err
	})
}
