package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// The transport authenticates; should it ever be wired without, the use
// cases still refuse to act for nobody.
func TestServiceNeedsACaller(t *testing.T) {
	db := storetest.OpenSQLite(t)
	if err := store.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	s := app.New(store.New(db).Repo(), nil, webhook.Guard{})
	anon := context.Background()
	nobody := auth.NewContext(anon, auth.Principal{})
	calls := map[string]func(ctx context.Context) error{
		"list": func(ctx context.Context) error {
			_, err := s.ListNotifications(ctx, app.ListQuery{Page: httpx.Page{Limit: 10}})
			return err
		},
		"mark read": func(ctx context.Context) error { _, err := s.MarkRead(ctx, "n1"); return err },
		"count":     func(ctx context.Context) error { _, err := s.UnreadCount(ctx); return err },
	}
	for name, call := range calls {
		for _, ctx := range []context.Context{anon, nobody} {
			if err := call(ctx); !errors.Is(err, apperr.ErrUnauthorized) {
				t.Errorf("%s: err = %v, want unauthorized", name, err)
			}
		}
	}
}
