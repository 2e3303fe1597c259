package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
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
	key := idempotency{key: ci.IdempotencyKey, caller: a.UserID, hash: requestHash(in)}
	if err := key.validate(); err != nil {
		return DocumentView{}, err
	}
	if v, done, err := s.replay(ctx, a, key); done || err != nil {
		return v, err
	}
	recipients := make([]domain.Unit, len(in.Recipients))
	for i, id := range in.Recipients {
		if recipients[i], err = s.dir.unitField(ctx, p.Token, id, "recipients"); err != nil {
			return DocumentView{}, err
		}
	}
	for field, id := range map[string]string{
		"implements_document_id":  in.ImplementsDocumentID,
		"in_reply_to_document_id": in.InReplyToDocumentID,
	} {
		if err := s.checkReference(ctx, a, field, id); err != nil {
			return DocumentView{}, err
		}
	}
	d, err := domain.NewDraft(newID(), in, a, recipients, s.now())
	if err != nil {
		return DocumentView{}, err
	}
	h := d.Created(a)
	h.TraceID = traceID(ctx)
	err = s.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		if err := s.st.InsertDocument(ctx, tx, d); err != nil {
			return err
		}
		if err := s.st.AddHistory(ctx, tx, h); err != nil {
			return err
		}
		if key.key == "" {
			return nil
		}
		return s.st.SaveIdempotencyKey(ctx, tx, key.caller, key.key, key.hash, d.ID)
	})
	if key.key != "" && pkgstore.IsUniqueViolation(err) {
		// The same key raced us and won: answer with its result.
		v, _, err := s.replay(ctx, a, key)
		return v, err
	}
	if err != nil {
		return DocumentView{}, err
	}
	return s.view(ctx, a, d)
}

// checkReference: a document a draft implements or replies to must be one
// the drafter can see.
func (s *service) checkReference(ctx context.Context, a domain.Actor, field, id string) error {
	if id == "" {
		return nil
	}
	d, err := s.st.Document(ctx, s.db, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !d.VisibleTo(a)) {
		return apperr.Invalid("unknown document", apperr.FieldError{Field: field, Message: "unknown document " + id})
	}
	return err
}
