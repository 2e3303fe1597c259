package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// DirectDocument records a leader's direction (ý kiến chỉ đạo) on the
// caller's agency's registered receipt; the tasks service makes the tasks
// from document.directed.
func (s *service) DirectDocument(ctx context.Context, id string, in domain.DirectionInput) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	d, err := s.ownReceipt(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	if !(domain.Receipt{AgencyID: a.AgencyID}).MayDirect(a, d) {
		return DocumentView{}, apperr.Forbidden("only a leader of the receiving agency or of a recipient unit in it directs it")
	}
	if in.DueDate == "" {
		in.DueDate = d.DueDate // the document's own deadline, when the leader sets none
	}
	if err := in.Validate(); err != nil {
		return DocumentView{}, err
	}
	units := make([]domain.Unit, 0, 1+len(in.CooperatingUnitIDs))
	for i, uid := range append([]string{in.LeadUnitID}, in.CooperatingUnitIDs...) {
		field := "cooperating_unit_ids"
		if i == 0 {
			field = "lead_unit_id"
		}
		u, err := s.dir.unitField(ctx, p.Token, uid, field)
		if err != nil {
			return DocumentView{}, err
		}
		units = append(units, u)
	}
	return s.updateReceipt(ctx, a, id, func(ctx context.Context, _ Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := r.Direct(a, d, in, units, s.now())
		if err != nil {
			return h, nil, err
		}
		ev := &eventsv1.DocumentDirected{
			DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: r.AgencyID, LeadUnitId: in.LeadUnitID,
			CooperatingUnitIds: r.Direction.CooperatingUnitIDs, DueDate: in.DueDate, Note: r.Direction.Note,
			DirectedBy: a.UserID, Notation: d.Notation, Summary: openSummary(d), Urgency: string(d.Urgency),
			Confidentiality: string(d.Confidentiality), Channel: string(channelOf(d)), ExchangePackageId: d.ExchangePackageID,
		}
		if d.Confidentiality.Restricted() {
			ev.Note = ""
		}
		evs, err := s.event(ctx, events.DocumentDirected, d, ev)
		return h, evs, err
	})
}
