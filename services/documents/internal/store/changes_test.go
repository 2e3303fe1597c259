package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

type failingOutbox struct{}

func (failingOutbox) Add(context.Context, *pkgstore.Tx, ...envelope.Event) error {
	return errors.New("outbox down")
}

// TestUpdateDocumentIsOneTransaction: a step's document, history entry,
// events and register number commit together, or, when the step or the
// outbox fails, none of them does.
func TestUpdateDocumentIsOneTransaction(t *testing.T) {
	errStep := errors.New("refused")
	tests := []struct {
		name    string
		outbox  func(db *pkgstore.DB) store.Outbox
		fail    error // the step's own error
		wantErr bool
	}{
		{"commits", realOutbox, nil, false},
		{"step fails", realOutbox, errStep, true},
		{"outbox fails", func(*pkgstore.DB) store.Outbox { return failingOutbox{} }, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
				ctx := context.Background()
				if err := messaging.Migrate(ctx, db); err != nil {
					t.Fatal(err)
				}
				s := open(t, db)
				s.Outbox = tt.outbox(db)
				inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
					return s.InsertDocument(ctx, tx, draft("d1", "A", t0))
				})
				ev, err := envelope.New(ctx, "/test", "document.approved", "d1", &eventsv1.DocumentApproved{DocumentId: "d1"})
				if err != nil {
					t.Fatal(err)
				}
				_, err = s.UpdateDocument(ctx, "d1", func(ctx context.Context, w app.Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
					if _, err := w.NextNumber(ctx, "A", 2025, domain.SeriesGeneral); err != nil {
						return domain.HistoryEntry{}, nil, err
					}
					d.Status, d.UpdatedAt = domain.StatusPendingApproval, t0
					return domain.HistoryEntry{ID: "h1", DocumentID: d.ID, Action: domain.ActionSubmit, From: domain.StatusDraft,
						To: domain.StatusPendingApproval, ActorID: "drafter", At: t0}, []envelope.Event{ev}, tt.fail
				})
				if (err != nil) != tt.wantErr {
					t.Fatalf("err %v, want one: %v", err, tt.wantErr)
				}
				got, _ := s.Document(ctx, "d1")
				hs, _ := s.History(ctx, "d1")
				var events int
				if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox`).Scan(&events); err != nil {
					t.Fatal(err)
				}
				committed := got.Status == domain.StatusPendingApproval
				if committed == tt.wantErr || (len(hs) == 1) != committed || (events == 1) != committed {
					t.Fatalf("status %s, %d history entries, %d events: partly committed", got.Status, len(hs), events)
				}
				// A number taken by a step that did not commit is given back.
				var n int64
				inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) (err error) {
					n, err = s.NextNumber(ctx, tx, "A", 2025, domain.SeriesGeneral)
					return err
				})
				if want := map[bool]int64{true: 2, false: 1}[committed]; n != want {
					t.Fatalf("next number %d, want %d", n, want)
				}
			})
		})
	}
}

func realOutbox(db *pkgstore.DB) store.Outbox {
	return messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}})
}
