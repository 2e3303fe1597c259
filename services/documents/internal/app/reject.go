package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// RejectDocument sends a document waiting for approval back to its
// drafter; whoever may sign it may (ApproveDocument).
func (s *service) RejectDocument(ctx context.Context, id, reason string) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	if err := domain.ValidateReason(reason); err != nil {
		return DocumentView{}, err
	}
	auth, err := s.authority(ctx, a, p.Token)
	if err != nil {
		return DocumentView{}, err
	}
	return s.transition(ctx, a, id, func(ctx context.Context, w Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		rules, aus, err := w.SignerRules(ctx, d.IssuerUnitID, a.UserID, auth.Today)
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		auth.TLKinds, auth.Authorisations = rules.TLKinds, aus
		h, err := d.Reject(auth, reason, s.now())
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
