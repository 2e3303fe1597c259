package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// newKey builds the Idempotency-Key of a creating request (pkg/idempotency
// runs the protocol); scope names the route and its target (e.g.
// "attachment:<document id>").
func newKey(key, caller, scope string, input any) (idempotency.Key, error) {
	return idempotency.New(caller, key, scope, input)
}

// replayed returns the id of what the key created before; done is false
// when the key is new (or absent). A shortcut only: idempotency.Do, which
// claims the key in the creating transaction, decides.
func (s *service) replayed(ctx context.Context, k idempotency.Key) (id string, done bool, err error) {
	return s.st.Replayed(ctx, k)
}

// replayDocument answers a repeated key with the document it created.
func (s *service) replayDocument(ctx context.Context, a domain.Actor, k idempotency.Key) (DocumentView, bool, error) {
	id, done, err := s.replayed(ctx, k)
	if !done || err != nil {
		return DocumentView{}, done, err
	}
	v, err := s.documentView(ctx, a, id)
	return v, true, err
}

// documentView reads a document the caller created, as they see it.
func (s *service) documentView(ctx context.Context, a domain.Actor, id string) (DocumentView, error) {
	d, err := s.st.Document(ctx, id)
	if err != nil {
		return DocumentView{}, err
	}
	return s.view(ctx, a, d)
}
