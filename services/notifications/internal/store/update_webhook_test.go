package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// TestUpdateWebhook: the store owns the transaction of a change: update
// sees the webhook as stored, what it changes is stored, its refusal
// stores nothing, a deleted webhook is not found, and changes at once
// queue rather than one overwriting what the other read.
func TestUpdateWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		open(t, db)
		s := store.New(db)
		at := time.Date(2022, 3, 1, 8, 0, 0, 0, time.UTC)
		for _, id := range []string{"w1", "gone"} {
			if err := s.AddWebhook(ctx, domain.Webhook{ID: id, OwnerID: "c", URL: "https://x.example.vn", EventTypes: []string{"task.assigned"},
				Secret: "first-secret-0123456789", CreatedAt: at}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteWebhook(ctx, "gone", at); err != nil {
			t.Fatal(err)
		}
		refused := errors.New("refused")
		tests := []struct {
			name, id   string
			update     func(w *domain.Webhook) error
			wantErr    error
			wantSecret string
		}{
			{"rotate", "w1", func(w *domain.Webhook) error { w.Rotate("second-secret-0123456789", at.Add(time.Hour)); return nil },
				nil, "second-secret-0123456789"},
			{"refused: nothing stored", "w1", func(w *domain.Webhook) error { w.Rotate("third-secret-0123456789", at); return refused },
				refused, "second-secret-0123456789"},
			{"deleted", "gone", func(*domain.Webhook) error { return nil }, domain.ErrNotFound, ""},
		}
		for _, tt := range tests {
			_, err := s.UpdateWebhook(ctx, tt.id, func(_ context.Context, w *domain.Webhook) error { return tt.update(w) })
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
			if tt.wantSecret == "" {
				continue
			}
			w, err := s.Webhook(ctx, db, tt.id)
			if err != nil || w.Secret != tt.wantSecret || w.PreviousSecret != "first-secret-0123456789" ||
				w.PreviousSecretUntil == nil || !w.PreviousSecretUntil.Equal(at.Add(time.Hour)) || !w.Active || len(w.EventTypes) != 1 {
				t.Fatalf("%s: stored %+v, %v", tt.name, w, err)
			}
		}

		// Ten failures counted at once, each reading the count the one
		// before it stored.
		var wg sync.WaitGroup
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.UpdateWebhook(ctx, "w1", func(_ context.Context, w *domain.Webhook) error {
					w.ConsecutiveFailures++
					return nil
				}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if w, err := s.Webhook(ctx, db, "w1"); err != nil || w.ConsecutiveFailures != 10 {
			t.Fatalf("failures = %d, %v; want 10", w.ConsecutiveFailures, err)
		}
	})
}
