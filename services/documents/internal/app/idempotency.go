package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// maxIdempotencyKey bounds the header's length.
const maxIdempotencyKey = 255

// idempotency is a creating request's Idempotency-Key, scoped to its caller.
type idempotency struct {
	key, caller, hash string
}

func (k idempotency) validate() error {
	if len(k.key) > maxIdempotencyKey {
		return apperr.Invalid("Idempotency-Key is too long",
			apperr.FieldError{Field: "Idempotency-Key", Message: "must be at most 255 characters"})
	}
	return nil
}

// requestHash identifies a normalized draft, so that a key reused with
// another body is caught.
func requestHash(in domain.DraftInput) string {
	b, _ := json.Marshal(in)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// replay returns the first result of a key already used; done is false when
// the key is new (or absent).
func (s *service) replay(ctx context.Context, a domain.Actor, k idempotency) (DocumentView, bool, error) {
	if k.key == "" {
		return DocumentView{}, false, nil
	}
	hash, id, err := s.st.IdempotentResult(ctx, s.db, k.caller, k.key)
	if errors.Is(err, store.ErrNotFound) {
		return DocumentView{}, false, nil
	}
	if err != nil {
		return DocumentView{}, true, err
	}
	if hash != k.hash {
		return DocumentView{}, true, &apperr.Error{Kind: apperr.ErrConflict,
			Detail: "this Idempotency-Key was used with a different request body"}
	}
	d, err := s.st.Document(ctx, s.db, id)
	if err != nil {
		return DocumentView{}, true, err
	}
	v, err := s.view(ctx, a, d)
	return v, true, err
}
