package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Patch is an edit of a draft: nil fields keep their value.
type Patch struct {
	Kind                 *string
	Summary              *string
	Body                 *string
	Urgency              *string
	Confidentiality      *string
	Recipients           *[]string
	DueDate              *string
	ImplementsDocumentID *string
	InReplyToDocumentID  *string
	Items                *[]domain.PlanItem
	SigningMark          *string
	Normative            *bool
	DraftingUnitID       *string
	ExternalRecipients   *[]string
}

func (p Patch) apply(in *domain.DraftInput) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&in.Kind, p.Kind)
	set(&in.Summary, p.Summary)
	set(&in.Body, p.Body)
	set(&in.Urgency, p.Urgency)
	set(&in.Confidentiality, p.Confidentiality)
	set(&in.DueDate, p.DueDate)
	set(&in.ImplementsDocumentID, p.ImplementsDocumentID)
	set(&in.InReplyToDocumentID, p.InReplyToDocumentID)
	set(&in.RequestedMark, p.SigningMark)
	set(&in.DraftingUnitID, p.DraftingUnitID)
	if p.Normative != nil {
		in.Normative = *p.Normative
	}
	if p.Recipients != nil {
		in.Recipients = *p.Recipients
	}
	if p.ExternalRecipients != nil {
		in.ExternalRecipients = *p.ExternalRecipients
	}
	if p.Items != nil {
		in.Items = *p.Items
		for i := range in.Items {
			in.Items[i].ID = "" // new items, new ids
		}
	}
}

// UpdateDocument edits the caller's draft (PATCH). Recipients the server
// added for the items of a plan stay unless the patch names recipients.
func (s *service) UpdateDocument(ctx context.Context, id string, p Patch) (DocumentView, error) {
	a, pr, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	if err := d.Check(a, domain.ActionEdit); err != nil {
		return DocumentView{}, err
	}
	in := d.Input()
	p.apply(&in)
	in.Normalize()
	if err := in.Validate(); err != nil {
		return DocumentView{}, err
	}
	recipients, err := s.resolveDraft(ctx, a, pr.Token, &in)
	if err != nil {
		return DocumentView{}, err
	}
	// Codes already on the draft keep their names; only a new list is
	// looked up (exchange need not answer an edit that does not touch it).
	external := d.ExternalRecipients
	if p.ExternalRecipients != nil {
		if external, err = s.externalRecipients(ctx, pr.Token, in.ExternalRecipients); err != nil {
			return DocumentView{}, err
		}
	}
	return s.transition(ctx, a, id, func(ctx context.Context, w Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		h, err := d.Edit(a, in, recipients, s.now())
		if err != nil {
			return h, nil, err
		}
		d.ExternalRecipients = external
		return h, nil, w.UpdateContent(ctx, *d)
	})
}
