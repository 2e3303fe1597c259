package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// RefuseDocument: a clerk of the receiving agency refuses its receipt
// while it awaits registration, with a reason; document.refused follows
// (exchange answers status 02 to the sender of one that came in a package).
func (s *service) RefuseDocument(ctx context.Context, id, reason string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	if err := domain.ValidateReason(reason); err != nil {
		return DocumentView{}, err
	}
	return s.updateReceipt(ctx, a, id, func(ctx context.Context, _ Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := r.Refuse(a, d, reason, s.now())
		if err != nil {
			return h, nil, err
		}
		ev := &eventsv1.DocumentRefused{
			DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: r.AgencyID, Reason: r.RefuseReason,
			RefusedBy: a.UserID, Channel: string(channelOf(d)), ExchangePackageId: d.ExchangePackageID,
		}
		if d.Confidentiality.Restricted() {
			ev.Reason = "" // ids only
		}
		evs, err := s.event(ctx, events.DocumentRefused, d, ev)
		return h, evs, err
	})
}
