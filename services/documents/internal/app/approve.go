package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ApproveInput is the leader's signature: the mark requested, overriding
// the draft's ("" keeps it).
type ApproveInput struct {
	SigningMark string
}

// ApproveDocument signs a document waiting for approval under the mark
// the signer may use (domain.SigningAuthority). The signer's title and
// position and their agency's regime come from identity (SigningFacts),
// read before the transaction; the agency's signing rules and the
// authorisations granted to the signer are read in it, so a revocation
// that commits first is seen.
func (s *service) ApproveDocument(ctx context.Context, id string, in ApproveInput) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
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
		h, err := d.Approve(auth, in.SigningMark, s.now())
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
