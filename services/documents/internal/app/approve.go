package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ApproveInput is the leader's signature.
type ApproveInput struct {
	SigningMark string
}

// ApproveDocument signs a document waiting for approval. The signer's
// position (title) is not in the token: it comes from the people directory
// built from identity's user events, and stays empty while the signer's
// user.created has not arrived (identity has no API to ask for one user).
func (s *service) ApproveDocument(ctx context.Context, id string, in ApproveInput) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	return s.transition(ctx, a, id, func(ctx context.Context, w Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		title, err := w.UserTitle(ctx, a.UserID)
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		h, err := d.Approve(a, title, domain.SigningMark(in.SigningMark), s.now())
		if err != nil {
			return h, nil, err
		}
		evs, err := s.event(ctx, events.DocumentApproved, *d, &eventsv1.DocumentApproved{
			DocumentId: d.ID, Kind: string(d.Kind), IssuerUnitId: d.IssuerUnitID, SignerId: a.UserID,
			DrafterId: d.Drafter.UserID, Summary: openSummary(*d), Confidentiality: string(d.Confidentiality),
		})
		return h, evs, err
	})
}
