package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// TestRegisterWebhook: a webhook and its owner's kind are stored in one
// transaction, so a failure of either keeps neither.
func TestRegisterWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		open(t, db)
		s := store.New(db)
		at := time.Date(2022, 3, 1, 8, 0, 0, 0, time.UTC)
		hook := func(id string) domain.Webhook {
			return domain.Webhook{ID: id, OwnerID: "c", URL: "https://x.example.vn/" + id,
				EventTypes: []string{"task.assigned"}, Secret: "first-secret-0123456789", CreatedAt: at}
		}
		// w-owned already has an owner's row: registering it again breaks
		// the owner's key, and its webhook must not be kept either.
		if err := s.SetWebhookOwner(ctx, "w-owned", domain.OwnerUser); err != nil {
			t.Fatal(err)
		}
		if err := s.AddWebhook(ctx, hook("w-kept")); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, id  string
			wantErr   bool
			wantHook  bool
			wantOwner string
		}{
			{"new: both stored", "w-new", false, true, domain.OwnerClient},
			{"owner's row fails: no webhook", "w-owned", true, false, domain.OwnerUser},
			{"webhook fails: no owner", "w-kept", true, true, ""},
		}
		for _, tt := range tests {
			err := s.RegisterWebhook(ctx, hook(tt.id), domain.OwnerClient)
			if (err != nil) != tt.wantErr {
				t.Fatalf("%s: error %v, want error %v", tt.name, err, tt.wantErr)
			}
			_, err = s.Webhook(ctx, db, tt.id)
			if got := err == nil; got != tt.wantHook {
				t.Errorf("%s: webhook stored %v (%v), want %v", tt.name, got, err, tt.wantHook)
			}
			if err != nil && !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s: %v", tt.name, err)
			}
			o, err := s.WebhookOwner(ctx, db, domain.Webhook{ID: tt.id})
			if err != nil {
				t.Fatal(err)
			}
			if o.Kind != tt.wantOwner {
				t.Errorf("%s: owner %q, want %q", tt.name, o.Kind, tt.wantOwner)
			}
		}
	})
}
