package app

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// step applies one transition to a locked document inside the transaction
// and says what to record and publish.
type step func(ctx context.Context, tx *pkgstore.Tx, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error)

// transition runs a step: the document, its history entry and its events
// change together or not at all.
func (s *service) transition(ctx context.Context, a domain.Actor, id string, apply step) (DocumentView, error) {
	var d domain.Document
	err := s.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		var err error
		d, err = s.st.DocumentForUpdate(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return domain.ErrDocumentNotFound()
		}
		if err != nil {
			return err
		}
		from := d.Status
		h, evs, err := apply(ctx, tx, &d)
		if err != nil {
			return err
		}
		h.TraceID = traceID(ctx)
		if err := s.st.UpdateDocument(ctx, tx, d, from); err != nil {
			return err
		}
		if err := s.st.AddHistory(ctx, tx, h); err != nil {
			return err
		}
		return s.outbox.Add(ctx, tx, evs...)
	})
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
