package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// maxIdempotencyKey bounds the header's length.
const maxIdempotencyKey = 255

// idempotency is a creating request's Idempotency-Key, scoped to its
// caller; hash identifies the route and normalized input, so that a key
// reused with another request is caught.
type idempotency struct {
	key, caller, hash string
}

// newKey builds the key of a creating request; scope names the route and
// its target (e.g. "attachment:<document id>").
func newKey(key, caller, scope string, input any) (idempotency, error) {
	if len(key) > maxIdempotencyKey {
		return idempotency{}, apperr.Invalid("Idempotency-Key is too long",
			apperr.FieldError{Field: "Idempotency-Key", Message: "must be at most 255 characters"})
	}
	b, err := json.Marshal(input)
	if err != nil {
		return idempotency{}, err
	}
	sum := sha256.Sum256(append([]byte(scope+"\x00"), b...))
	return idempotency{key: key, caller: caller, hash: hex.EncodeToString(sum[:])}, nil
}

// replayed returns the id of what the key created before; done is false
// when the key is new (or absent).
func (s *service) replayed(ctx context.Context, k idempotency) (id string, done bool, err error) {
	if k.key == "" {
		return "", false, nil
	}
	hash, id, err := s.st.IdempotentResult(ctx, s.db, k.caller, k.key)
	if errors.Is(err, store.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", true, err
	}
	if hash != k.hash {
		return "", true, &apperr.Error{Kind: apperr.ErrConflict,
			Detail: "this Idempotency-Key was used with a different request"}
	}
	return id, true, nil
}

// save records the key in the creating transaction.
func (s *service) saveKey(ctx context.Context, tx *pkgstore.Tx, k idempotency, id string) error {
	if k.key == "" {
		return nil
	}
	return s.st.SaveIdempotencyKey(ctx, tx, k.caller, k.key, k.hash, id)
}

// lostRace reports whether err is the key's primary key meeting a request
// with the same key that committed first: answer with its result.
func lostRace(k idempotency, err error) bool { return k.key != "" && pkgstore.IsUniqueViolation(err) }
