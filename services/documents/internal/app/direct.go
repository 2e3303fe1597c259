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

// DirectDocument records a leader's direction (bút phê) on a registered
// receipt, as a routing step: before any routing a leader who may direct
// their agency's receipt (the route's first clients), after it the leader
// holding it. With a lead unit and a due date (the document's own when
// the leader sets none) the tasks service makes the tasks from
// document.directed; document.routed tells the lead, cooperating and
// informed units and people.
func (s *service) DirectDocument(ctx context.Context, id string, in domain.DirectionInput) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	if !a.Has(domain.RoleLeader) {
		return DocumentView{}, apperr.Forbidden("only a leader directs a document")
	}
	if in.DueDate == "" && (in.LeadUnitID != "" || in.LeadUserID != "") {
		in.DueDate = d.DueDate // the document's own deadline, when the leader sets none
	}
	if err := in.Validate(); err != nil {
		return DocumentView{}, err
	}
	units, err := s.checkDirectionNames(ctx, p.Token, &in)
	if err != nil {
		return DocumentView{}, err
	}
	return s.routeStep(ctx, a, id, func(ctx context.Context, _ Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := r.Direct(a, d, newID(), in, units, s.now())
		if err != nil {
			return h, nil, err
		}
		st := r.Routing[len(r.Routing)-1]
		evs, err := s.event(ctx, events.DocumentRouted, d, routedPayload(a, d, *r, st))
		if err != nil || r.Direction == nil || !r.Direction.MakesTasks() {
			return h, evs, err
		}
		ev := &eventsv1.DocumentDirected{
			DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: r.AgencyID, LeadUnitId: in.LeadUnitID,
			CooperatingUnitIds: r.Direction.CooperatingUnitIDs, DueDate: in.DueDate, Note: r.Direction.Note,
			DirectedBy: a.UserID, Notation: d.Notation, Summary: openSummary(d), Urgency: string(d.Urgency),
			Confidentiality: string(d.Confidentiality), Channel: string(channelOf(d)), ExchangePackageId: d.ExchangePackageID,
		}
		if in.LeadUserID != "" {
			ev.LeadUserId, ev.LeadUserUnitId = in.LeadUserID, r.Direction.LeadUnitID
		}
		for _, c := range r.Direction.CooperatingUsers {
			ev.CooperatingUsers = append(ev.CooperatingUsers, &eventsv1.DirectedPerson{UserId: c.UserID, UnitId: c.UnitID})
		}
		if d.Confidentiality.Restricted() {
			ev.Note = ""
		}
		dir, err := s.event(ctx, events.DocumentDirected, d, ev)
		return h, append(dir, evs...), err
	})
}

// checkDirectionNames checks that the units and people a direction names
// exist (an unknown one is its field's 400), returns the units, and fills
// in where the people work and the lead person's name.
func (s *service) checkDirectionNames(ctx context.Context, token string, in *domain.DirectionInput) ([]domain.Unit, error) {
	var found []domain.Unit
	units := []struct {
		field string
		ids   []string
	}{{"lead_unit_id", []string{in.LeadUnitID}}, {"cooperating_unit_ids", in.CooperatingUnitIDs}, {"informed_unit_ids", in.InformedUnitIDs}}
	for _, l := range units {
		for _, uid := range l.ids {
			if uid == "" {
				continue
			}
			u, err := s.dir.unitField(ctx, token, uid, l.field)
			if err != nil {
				return nil, err
			}
			found = append(found, u)
		}
	}
	people := []struct {
		field string
		ids   []string
	}{{"lead_user_id", []string{in.LeadUserID}}, {"cooperating_user_ids", in.CooperatingUserIDs}, {"informed_user_ids", in.InformedUserIDs}}
	for _, l := range people {
		for _, uid := range l.ids {
			if uid == "" {
				continue
			}
			p, err := s.facts.Person(ctx, token, uid)
			if errors.Is(err, domain.ErrNotFound) {
				return nil, apperr.Invalid("unknown person", apperr.FieldError{Field: l.field, Message: "unknown person " + uid})
			}
			if err != nil {
				return nil, err
			}
			if l.field == "lead_user_id" {
				in.LeadName = p.FullName
			}
			place, err := s.placeOf(ctx, token, p)
			if err != nil {
				return nil, err
			}
			if in.People == nil {
				in.People = map[string]domain.PersonPlace{}
			}
			in.People[uid] = place
		}
	}
	return found, nil
}

// placeOf is where p works: their unit and its agency (zero when the
// directory does not know the unit, which the direction refuses).
func (s *service) placeOf(ctx context.Context, token string, p PersonInfo) (domain.PersonPlace, error) {
	var place domain.PersonPlace
	for _, x := range []struct {
		id  string
		set *domain.Unit
	}{{p.UnitID, &place.Unit}, {p.AgencyID, &place.Agency}} {
		if x.id == "" {
			continue
		}
		u, err := s.dir.Unit(ctx, token, x.id)
		if errors.Is(err, ErrUnknownUnit) {
			continue
		}
		if err != nil {
			return place, err
		}
		*x.set = u
	}
	if place.Unit.ID == "" {
		return domain.PersonPlace{}, nil
	}
	return place, nil
}
