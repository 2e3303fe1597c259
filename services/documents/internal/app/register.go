package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// RegisterDocument enters the caller's agency's receipt in its incoming
// register: the next incoming number (số đến) of the agency for the year,
// taken in the same transaction, so never skipped nor repeated.
func (s *service) RegisterDocument(ctx context.Context, id string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	return s.updateReceipt(ctx, a, id, func(ctx context.Context, w Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		// Check before taking a number: a refused step must not consume one
		// (the rollback would give it back, but why take it).
		probe := *r
		if _, err := probe.Register(a, d, 1, s.now()); err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		now := s.now()
		n, err := w.NextNumber(ctx, r.AgencyID, domain.NumberingYear(now), domain.IncomingSeriesFor(d))
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		h, err := r.Register(a, d, n, now)
		if err != nil {
			return h, nil, err
		}
		evs, err := s.event(ctx, events.DocumentRegistered, d, registeredPayload(d, *r))
		return h, evs, err
	})
}
