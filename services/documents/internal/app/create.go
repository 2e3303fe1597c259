package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// CreateInput is a draft and the request's optional Idempotency-Key.
type CreateInput struct {
	Draft          domain.DraftInput
	IdempotencyKey string
}

// CreateDocument drafts a document for the caller's agency. A repeated
// Idempotency-Key with the same draft returns the first result.
func (s *service) CreateDocument(ctx context.Context, ci CreateInput) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	if !a.CanDraft() {
		return DocumentView{}, apperr.Forbidden("only leaders, specialists and clerks of a unit draft documents")
	}
	in := ci.Draft
	in.Normalize()
	if err := in.Validate(); err != nil {
		return DocumentView{}, err
	}
	key, err := newKey(ci.IdempotencyKey, a.UserID, "document", in)
	if err != nil {
		return DocumentView{}, err
	}
	if v, done, err := s.replayDocument(ctx, a, key); done || err != nil {
		return v, err
	}
	recipients, err := s.resolveDraft(ctx, a, p.Token, &in)
	if err != nil {
		return DocumentView{}, err
	}
	external, err := s.externalRecipients(ctx, p.Token, in.ExternalRecipients)
	if err != nil {
		return DocumentView{}, err
	}
	d, err := domain.NewDraft(newID(), in, a, recipients, s.now())
	if err != nil {
		return DocumentView{}, err
	}
	d.ExternalRecipients = external
	return s.insertDraft(ctx, a, d, key)
}

// insertDraft stores a new draft with its history entry, claiming key
// first in the same transaction: a repeat of the key gets the first draft.
func (s *service) insertDraft(ctx context.Context, a domain.Actor, d domain.Document, key idempotency.Key) (DocumentView, error) {
	h := d.Created(a)
	h.TraceID = traceID(ctx)
	id, replayed, err := s.st.CreateDocument(ctx, key, d, h)
	if err != nil {
		return DocumentView{}, err
	}
	if replayed {
		return s.documentView(ctx, a, id)
	}
	return s.view(ctx, a, d)
}

// resolveDraft looks up what a normalized, valid draft names: its
// recipients, its items' units (each must exist and be active) and the
// documents it refers to. It gives the items their ids.
func (s *service) resolveDraft(ctx context.Context, a domain.Actor, token string, in *domain.DraftInput) ([]domain.Unit, error) {
	recipients := make([]domain.Unit, len(in.Recipients))
	byID := map[string]domain.Unit{}
	for i, id := range in.Recipients {
		u, err := s.dir.unitField(ctx, token, id, "recipients")
		if err != nil {
			return nil, err
		}
		recipients[i], byID[id] = u, u
	}
	// Item units are recipients too (Normalize added them), so they are
	// resolved already; the checks here only name the item's field.
	for i := range in.Items {
		it := &in.Items[i]
		if it.ID == "" {
			it.ID = newID()
		}
		for j, id := range it.UnitIDs() {
			if _, ok := byID[id]; ok {
				continue
			}
			field := itemField(i, "lead_unit_id")
			if j > 0 {
				field = itemField(i, "cooperating_unit_ids")
			}
			if _, err := s.dir.unitField(ctx, token, id, field); err != nil {
				return nil, err
			}
		}
	}
	if err := s.checkDraftingUnit(ctx, a, token, in.DraftingUnitID); err != nil {
		return nil, err
	}
	if err := s.checkReference(ctx, a, "in_reply_to_document_id", in.InReplyToDocumentID); err != nil {
		return nil, err
	}
	if err := s.checkImplements(ctx, a, domain.Kind(in.Kind), in.ImplementsDocumentID); err != nil {
		return nil, err
	}
	return recipients, nil
}

// checkDraftingUnit: a draft names as its drafting unit the drafter's own
// unit (the default) or a division of the drafter's agency, whose short
// name a Công văn's notation carries.
func (s *service) checkDraftingUnit(ctx context.Context, a domain.Actor, token, id string) error {
	if id == "" || id == a.UnitID {
		return nil
	}
	u, err := s.dir.unitField(ctx, token, id, "drafting_unit_id")
	if err != nil {
		return err
	}
	if u.Kind != domain.UnitDivision || u.AgencyID != a.AgencyID {
		return apperr.Invalid("the drafting unit is a division of the issuing agency",
			apperr.FieldError{Field: "drafting_unit_id", Message: "unit " + id + " is not a division of the issuing agency"})
	}
	return nil
}

func itemField(i int, name string) string {
	return "items[" + itoa(i) + "]." + name
}

// checkReference: a document a draft implements or replies to must be one
// the drafter can see.
func (s *service) checkReference(ctx context.Context, a domain.Actor, field, id string) error {
	_, err := s.reference(ctx, a, field, id)
	return err
}

func (s *service) reference(ctx context.Context, a domain.Actor, field, id string) (domain.Document, error) {
	if id == "" {
		return domain.Document{}, nil
	}
	d, err := s.st.Document(ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !d.VisibleTo(a)) {
		return d, apperr.Invalid("unknown document", apperr.FieldError{Field: field, Message: "unknown document " + id})
	}
	return d, err
}

// checkImplements: a plan implements a directive its agency received;
// other kinds may implement any document they see.
func (s *service) checkImplements(ctx context.Context, a domain.Actor, kind domain.Kind, id string) error {
	d, err := s.reference(ctx, a, "implements_document_id", id)
	if err != nil || id == "" || kind != domain.KindPlan {
		return err
	}
	received := false
	for _, r := range d.Recipients {
		received = received || r.AgencyID == a.AgencyID
	}
	if d.Kind != domain.KindDirective || !d.Released() || !received || d.IssuerUnitID == a.AgencyID {
		return apperr.Invalid("a plan implements a directive its agency received",
			apperr.FieldError{Field: "implements_document_id", Message: "must be a directive issued to the plan's agency"})
	}
	return nil
}
