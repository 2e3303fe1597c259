package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/client"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	napi "github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

type token string

func (t token) AccessToken(context.Context) (string, error) { return string(t), nil }

// clientAs is the public client of the service, signed in as who.
func (a *api) clientAs(who string) *napi.Client {
	u := a.srv.URL
	return napi.New(client.New(client.Endpoints{u, u, u, u}, token(a.tokens[who])))
}

// TestClientSpeaksTheServer drives every route through notificationsapi's
// client, so that the client and the server agree on the types they share.
func TestClientSpeaksTheServer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		ctx := context.Background()

		lan := a.clientAs("lan")
		unread := true
		first, err := lan.Page(ctx, napi.ListNotificationsRequest{Unread: &unread, Limit: 3})
		if err != nil || len(first.Items) != 3 || first.Items[0].ID != "n4" || first.NextCursor == "" {
			t.Fatalf("first page = %+v, %v", first, err)
		}
		rest, err := lan.Page(ctx, napi.ListNotificationsRequest{Unread: &unread, Limit: 3, Cursor: first.NextCursor})
		if err != nil || len(rest.Items) != 2 || rest.Items[1].ID != "n0" || rest.NextCursor != "" {
			t.Fatalf("second page = %+v, %v", rest, err)
		}
		if err := lan.MarkRead(ctx, "n0"); err != nil {
			t.Fatal(err)
		}
		if n, err := lan.UnreadCount(ctx); err != nil || n != 4 {
			t.Fatalf("unread = %d, %v; want 4", n, err)
		}
		var p *client.Problem
		if err := lan.MarkRead(ctx, "h0"); !errors.As(err, &p) || p.Status != http.StatusNotFound {
			t.Fatalf("someone else's notification: %v, want 404", err)
		}

		c := a.clientAs("client")
		w, err := c.RegisterWebhook(ctx, napi.WebhookRequest{URL: "https://hooks.example.vn/eoffice",
			EventTypes: []string{"task.assigned"}, Secret: "0123456789abcdef"})
		if err != nil || w.ID == "" || !w.Active || len(w.EventTypes) != 1 {
			t.Fatalf("registered %+v, %v", w, err)
		}
		if ws, err := c.Webhooks(ctx); err != nil || len(ws) != 1 || ws[0].ID != w.ID {
			t.Fatalf("webhooks = %+v, %v", ws, err)
		}
		if got, err := c.Webhook(ctx, w.ID); err != nil || got.URL != w.URL {
			t.Fatalf("webhook = %+v, %v", got, err)
		}
		grace := 60
		rotated, err := c.RotateWebhookSecret(ctx, napi.RotateSecretRequest{ID: w.ID, Secret: "fedcba9876543210", GraceSeconds: &grace})
		if err != nil || rotated.PreviousSecretExpiresAt == nil {
			t.Fatalf("rotated %+v, %v", rotated, err)
		}
		if got, err := c.EnableWebhook(ctx, w.ID); err != nil || !got.Active {
			t.Fatalf("enabled %+v, %v", got, err)
		}
		a.owe(w.ID, "e1")
		a.owe(w.ID, "e2")
		page, err := c.Deliveries(ctx, napi.DeliveriesRequest{WebhookID: w.ID, Limit: 1})
		if err != nil || len(page.Items) != 1 || page.NextCursor == "" || string(page.Items[0].Event) != "{}" {
			t.Fatalf("deliveries = %+v, %v", page, err)
		}
		next, err := c.Deliveries(ctx, napi.DeliveriesRequest{WebhookID: w.ID, Limit: 1, Cursor: page.NextCursor})
		if err != nil || len(next.Items) != 1 || next.Items[0].ID == page.Items[0].ID {
			t.Fatalf("next deliveries = %+v, %v", next, err)
		}
		if err := c.DeleteWebhook(ctx, w.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Webhook(ctx, w.ID); !errors.As(err, &p) || p.Status != http.StatusNotFound {
			t.Fatalf("deleted webhook: %v, want 404", err)
		}
	})
}
