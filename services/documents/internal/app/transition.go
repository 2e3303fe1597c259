package app

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// transition runs a step on the locked document: the document, its
// history entry and its events change together or not at all.
func (s *service) transition(ctx context.Context, a domain.Actor, id string, apply Step) (DocumentView, error) {
	d, err := s.st.UpdateDocument(ctx, id, func(ctx context.Context, w Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		h, evs, err := apply(ctx, w, d)
		h.TraceID = traceID(ctx)
		return h, evs, err
	})
	if errors.Is(err, domain.ErrNotFound) {
		return DocumentView{}, domain.ErrDocumentNotFound()
	}
	if err != nil {
		return DocumentView{}, err
	}
	return s.view(ctx, a, d)
}

// event builds one event about d.
func (s *service) event(ctx context.Context, short string, d domain.Document, payload proto.Message) ([]envelope.Event, error) {
	ev, err := envelope.New(ctx, s.source, short, d.ID, payload)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", short, err)
	}
	return []envelope.Event{ev}, nil
}

// openSummary is the summary an event may carry: none for a restricted
// document, which travels with ids only.
func openSummary(d domain.Document) string {
	if d.Confidentiality.Restricted() {
		return ""
	}
	return d.Summary
}
