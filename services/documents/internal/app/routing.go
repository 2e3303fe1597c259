package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// routedReceipt picks the receipt a acts on in the routing of document
// id: one they hold, else one that informs them, else their agency's. A
// leader of a Sở the province office assigned it to acts on the office's
// receipt, not on one of their own.
func routedReceipt(a domain.Actor, d domain.Document, rs []domain.Receipt) (domain.Receipt, bool) {
	for _, r := range rs {
		if h, ok := r.Holder(); ok && h.Held(a) {
			return r, true
		}
	}
	for _, r := range rs {
		if r.Informs(a) {
			return r, true
		}
	}
	for _, r := range rs {
		if r.AgencyID == a.AgencyID && !d.IsIssuerStaff(a) {
			return r, true
		}
	}
	return domain.Receipt{}, false
}

// routeStep runs apply on the receipt a acts on; receipt, routing step,
// history and events commit together.
func (s *service) routeStep(ctx context.Context, a domain.Actor, id string, apply ReceiptStep) (DocumentView, error) {
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	rs, err := s.st.Receipts(ctx, id)
	if err != nil {
		return DocumentView{}, err
	}
	r, ok := routedReceipt(a, d, rs)
	if !ok {
		return DocumentView{}, apperr.Forbidden("you have no part in this document's routing")
	}
	err = s.st.UpdateReceipt(ctx, id, r.AgencyID, func(ctx context.Context, w Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		h, evs, err := apply(ctx, w, d, r)
		h.TraceID = traceID(ctx)
		return h, evs, err
	})
	if errors.Is(err, domain.ErrNotFound) {
		return DocumentView{}, domain.ErrDocumentNotFound()
	}
	if err != nil {
		return DocumentView{}, err
	}
	return s.documentView(ctx, a, id)
}

// RouteDocument forwards the document to a person (chuyển), sends them a
// proposal (đề xuất), or assigns it inside a unit (giao xử lý).
func (s *service) RouteDocument(ctx context.Context, id string, p domain.Pass) (DocumentView, error) {
	a, tok, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	if p.ToUserID != "" {
		person, err := s.facts.Person(ctx, tok.Token, p.ToUserID)
		if errors.Is(err, domain.ErrNotFound) {
			return DocumentView{}, apperr.Invalid("unknown person", apperr.FieldError{Field: "to_user_id", Message: "unknown person " + p.ToUserID})
		}
		if err != nil {
			return DocumentView{}, err
		}
		p.ToName = person.FullName
	}
	if p.ToUnitID != "" {
		if _, err := s.dir.unitField(ctx, tok.Token, p.ToUnitID, "to_unit_id"); err != nil {
			return DocumentView{}, err
		}
	}
	return s.routeStep(ctx, a, id, func(ctx context.Context, _ Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		st, err := r.Route(a, d, newID(), p, s.now())
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		return s.routed(ctx, a, d, *r, st, "")
	})
}

// ReturnDocument sends the document one step back with a reason.
func (s *service) ReturnDocument(ctx context.Context, id, reason string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	return s.routeStep(ctx, a, id, func(ctx context.Context, _ Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		back, _ := r.ReturnsTo()
		st, err := r.Return(a, d, newID(), reason, back.FromName, s.now())
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		return s.routed(ctx, a, d, *r, st, back.ID)
	})
}

// MarkDocumentRead records that a for-information reader read it: it
// leaves their for-information box.
func (s *service) MarkDocumentRead(ctx context.Context, id string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	return s.routeStep(ctx, a, id, func(ctx context.Context, _ Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		st, err := r.MarkRead(a, newID(), s.now())
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		return s.routed(ctx, a, d, *r, st, "")
	})
}

// routed is a routing step's history entry and its document.routed,
// which tells whoever must act next (notifications) and, for an assign or
// a return (of undone, the step it undoes), tasks, whose unit task follows.
func (s *service) routed(ctx context.Context, a domain.Actor, d domain.Document, r domain.Receipt, st domain.RoutingStep, undone string) (domain.HistoryEntry, []envelope.Event, error) {
	h := r.StepEntry(a, st)
	ev := routedPayload(a, d, r, st)
	ev.ReturnedStepId = undone
	evs, err := s.event(ctx, events.DocumentRouted, d, ev)
	return h, evs, err
}

func routedPayload(a domain.Actor, d domain.Document, r domain.Receipt, st domain.RoutingStep) *eventsv1.DocumentRouted {
	ev := &eventsv1.DocumentRouted{
		FromUnitId: a.UnitID,
		DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: r.AgencyID, StepId: st.ID, Kind: string(st.Kind),
		FromUserId: st.FromUserID, FromName: st.FromName, Note: st.Note, Notation: notationOf(d),
		Summary: openSummary(d), Urgency: string(d.Urgency), Confidentiality: string(d.Confidentiality), DueDate: st.DueDate,
	}
	if st.ToUserID != "" {
		ev.ToUserIds = append(ev.ToUserIds, st.ToUserID)
	}
	if st.ToUnitID != "" {
		ev.ToUnitIds = append(ev.ToUnitIds, st.ToUnitID)
	}
	for _, c := range st.Cooperating {
		if c.UserID != "" {
			ev.ToUserIds = append(ev.ToUserIds, c.UserID)
		} else {
			ev.ToUnitIds = append(ev.ToUnitIds, c.UnitID)
		}
	}
	for _, c := range st.Informed {
		if c.UserID != "" {
			ev.InformedUserIds = append(ev.InformedUserIds, c.UserID)
		} else {
			ev.InformedUnitIds = append(ev.InformedUnitIds, c.UnitID)
		}
	}
	if d.Confidentiality.Restricted() {
		ev.Note = ""
	}
	return ev
}

// notationOf is how a reader knows the document: its notation, or the one
// its sender wrote for a document from outside.
func notationOf(d domain.Document) string {
	if d.Notation != "" {
		return d.Notation
	}
	return d.OriginalNotation
}
