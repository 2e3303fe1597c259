package consumer

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// DocumentIssued gives each recipient of an issued document with a due date
// (a plan excepted) its task.
func (h Handlers) DocumentIssued(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.DocumentIssued
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	doc := domain.IssuedDocument{
		DocumentID:       p.DocumentId,
		Kind:             p.Kind,
		Notation:         p.Notation,
		IssuerUnitID:     p.IssuerUnitId,
		RecipientUnitIDs: p.RecipientUnitIds,
		Urgency:          p.Urgency,
		Confidentiality:  p.Confidentiality,
		Summary:          p.Summary,
		DueDate:          p.DueDate,
		IssuedBy:         p.IssuedBy,
		InReplyTo:        p.InReplyToDocumentId,
	}
	if _, err := h.uc.AssignFromDocument(ctx, h.bind(tx), doc, ev.ID); err != nil {
		return permanent(err)
	}
	// A reply files its report on the answered document's tasks; a
	// redelivery finds them awaiting review and files nothing again.
	_, err := h.uc.FileReplyReports(ctx, h.bind(tx), doc, ev.ID)
	return permanent(err)
}

// PlanItemIssued gives an issued plan item's lead and cooperating units
// their tasks.
func (h Handlers) PlanItemIssued(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.PlanItemIssued
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	_, err := h.uc.AssignFromPlanItem(ctx, h.bind(tx), domain.PlanItem{
		PlanDocumentID: p.PlanDocumentId, ItemID: p.ItemId, Title: p.Title, LeadUnitID: p.LeadUnitId,
		Cooperating: p.CooperatingUnitIds, DueDate: p.DueDate, IssuerUnitID: p.IssuerUnitId,
		PlanNotation: p.PlanNotation, Urgency: p.Urgency, Confidentiality: p.Confidentiality, Cadence: p.ReportCadence,
	}, ev.ID)
	return permanent(err)
}

// DocumentDirected gives the lead and cooperating units of a directed
// incoming document their tasks.
func (h Handlers) DocumentDirected(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.DocumentDirected
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	d := domain.Direction{
		DocumentID: p.DocumentId, AgencyID: p.RecipientAgencyId, LeadUnitID: p.LeadUnitId,
		Cooperating: p.CooperatingUnitIds, DueDate: p.DueDate, Notation: p.Notation, Summary: p.Summary,
		Urgency: p.Urgency, Confidentiality: p.Confidentiality, DirectedBy: p.DirectedBy,
		LeadUser: domain.Person{UserID: p.LeadUserId, UnitID: p.LeadUserUnitId},
	}
	for _, c := range p.CooperatingUsers {
		d.CooperatingUsers = append(d.CooperatingUsers, domain.Person{UserID: c.UserId, UnitID: c.UnitId})
	}
	_, err := h.uc.AssignFromDirection(ctx, h.bind(tx), d, ev.ID)
	return permanent(err)
}

// DocumentRouted makes the direction's unit task follow the routing inside
// the unit: an assign delegates it, a return hands it back.
func (h Handlers) DocumentRouted(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.DocumentRouted
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	step := domain.RoutingStep{DocumentID: p.DocumentId, StepID: p.StepId, Kind: p.Kind, FromUserID: p.FromUserId,
		FromUnitID: p.FromUnitId, Note: p.Note}
	if len(p.ToUserIds) > 0 {
		step.ToUserID = p.ToUserIds[0]
	}
	if len(p.ToUnitIds) > 0 {
		step.ToUnitID = p.ToUnitIds[0]
	}
	_, err := h.uc.FollowRouting(ctx, h.bind(tx), step, ev.ID)
	return permanent(err)
}

// DocumentRevoked cancels the open tasks of a revoked document.
func (h Handlers) DocumentRevoked(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.DocumentRevoked
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	if p.DocumentId == "" {
		return messaging.Permanent(errors.New("document.revoked without document_id"))
	}
	_, err := h.uc.CancelForDocument(ctx, h.bind(tx), p.DocumentId, p.Reason, p.RevokedBy, ev.ID)
	return permanent(err)
}
