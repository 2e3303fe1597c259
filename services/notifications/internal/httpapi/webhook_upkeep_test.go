package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// routes are every route the handler serves, as openapi.json must list them.
var routes = []struct{ method, path string }{
	{"GET", "/v1/notifications"},
	{"GET", "/v1/notifications/unread-count"},
	{"POST", "/v1/notifications/{id}/read"},
	{"POST", "/v1/webhooks"},
	{"GET", "/v1/webhooks"},
	{"GET", "/v1/webhooks/{id}"},
	{"DELETE", "/v1/webhooks/{id}"},
	{"POST", "/v1/webhooks/{id}/enable"},
	{"POST", "/v1/webhooks/{id}/secret"},
	{"GET", "/v1/webhooks/{id}/deliveries"},
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(notificationsapi.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ops := range doc.Paths {
		n += len(ops)
	}
	if n != len(routes) {
		t.Errorf("the document has %d operations, the handler %d routes", n, len(routes))
	}
	for _, r := range routes {
		if _, ok := doc.Paths[r.path][strings.ToLower(r.method)]; !ok {
			t.Errorf("%s %s is not described", r.method, r.path)
		}
	}
}

func TestEveryRouteNeedsAToken(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	for _, r := range routes {
		path := strings.ReplaceAll(r.path, "{id}", "x")
		for _, who := range []string{"", "expired", "forged", "garbage"} {
			body := ""
			if r.method == "POST" {
				body = `{"secret":`
			}
			if status, _, raw := a.send(r.method, path, who, body, nil); status != http.StatusUnauthorized {
				t.Errorf("%s %s as %q: %d %s, want 401", r.method, path, who, status, raw)
			}
		}
	}
}

// register makes a webhook of who and returns its id.
func (a *api) register(who string) string {
	a.t.Helper()
	var w webhookJSON
	if status, _, body := a.send("POST", "/v1/webhooks", who, goodHook, &w); status != 201 {
		a.t.Fatalf("register as %s: %d %s", who, status, body)
	}
	return w.ID
}

func (a *api) owe(webhookID, eventID string) {
	a.t.Helper()
	err := a.store.DB().InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := a.store.AddDelivery(ctx, tx, domain.Delivery{ID: webhookID + "-" + eventID, WebhookID: webhookID, EventID: eventID,
			EventType: "task.assigned", Body: []byte(`{}`), CreatedAt: t0})
		return err
	})
	if err != nil {
		a.t.Fatal(err)
	}
}

func TestGetWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		id := a.register("client")
		for _, tt := range []struct {
			name, who, id string
			want          int
		}{
			{"owner", "client", id, 200},
			{"owner that lost the scope", "client-lost", id, 403},
			{"administrator", "admin", id, 200},
			{"another client", "client2", id, 404},
			{"a leader", "lan", id, 404},
			{"no such webhook", "client", "nope", 404},
		} {
			var got struct {
				webhookJSON
				Secret *string `json:"secret"`
			}
			status, _, body := a.do("GET", "/v1/webhooks/"+tt.id, tt.who, &got)
			if status != tt.want {
				t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.want)
			}
			if status == 200 && (got.ID != id || got.Secret != nil || strings.Contains(string(body), "0123456789abcdef")) {
				t.Errorf("%s: %s", tt.name, body)
			}
		}
	})
}

func TestRotateSecret(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		id := a.register("client")
		path := "/v1/webhooks/" + id + "/secret"
		for _, tt := range []struct {
			name, who, path, body string
			want                  int
			field                 string
		}{
			{"another client", "client2", path, `{"secret":"fedcba9876543210"}`, 404, ""},
			{"owner that lost the scope", "client-lost", path, `{"secret":"fedcba9876543210"}`, 403, ""},
			{"no such webhook", "client", "/v1/webhooks/nope/secret", `{"secret":"fedcba9876543210"}`, 404, ""},
			{"malformed JSON", "client", path, `{"secret":`, 400, ""},
			{"no body", "client", path, ``, 400, ""},
			{"unknown field", "client", path, `{"secret":"fedcba9876543210","x":1}`, 400, "x"},
			{"missing secret", "client", path, `{}`, 400, "secret"},
			{"short secret", "client", path, `{"secret":"short"}`, 400, "secret"},
			{"the same secret", "client", path, `{"secret":"0123456789abcdef"}`, 400, "secret"},
			{"negative grace", "client", path, `{"secret":"fedcba9876543210","grace_seconds":-1}`, 400, "grace_seconds"},
			{"grace over a week", "client", path, `{"secret":"fedcba9876543210","grace_seconds":604801}`, 400, "grace_seconds"},
			{"huge grace", "client", path, `{"secret":"fedcba9876543210","grace_seconds":9223372036854775807}`, 400, "grace_seconds"},
			{"grace not a number", "client", path, `{"secret":"fedcba9876543210","grace_seconds":"1d"}`, 400, ""},
		} {
			status, h, body := a.send("POST", tt.path, tt.who, tt.body, nil)
			if status != tt.want || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: %d %s, want %d problem", tt.name, status, body, tt.want)
			}
			if tt.field != "" && !strings.Contains(string(body), `"field":"`+tt.field+`"`) {
				t.Errorf("%s: problem %s does not name %s", tt.name, body, tt.field)
			}
		}
		// Nothing refused was written.
		w, err := a.store.Webhook(context.Background(), db, id)
		if err != nil {
			t.Fatal(err)
		}
		if w.Secret != "0123456789abcdef" || w.PreviousSecret != "" || w.PreviousSecretUntil != nil {
			t.Fatalf("after refused rotations: %+v", w)
		}

		for _, tt := range []struct {
			name, who, body, wantSecret, wantPrevious string
			wantUntil                                 time.Time
		}{
			{"owner, default grace", "client", `{"secret":"fedcba9876543210"}`, "fedcba9876543210", "0123456789abcdef", readNow.Add(24 * time.Hour)},
			{"administrator, one hour", "admin", `{"secret":"another-secret-0001","grace_seconds":3600}`, "another-secret-0001", "fedcba9876543210", readNow.Add(time.Hour)},
			{"no grace", "client", `{"secret":"another-secret-0002","grace_seconds":0}`, "another-secret-0002", "another-secret-0001", readNow},
		} {
			var got struct {
				ID                      string     `json:"id"`
				PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at"`
			}
			if status, _, body := a.send("POST", path, tt.who, tt.body, &got); status != 200 || got.ID != id ||
				got.PreviousSecretExpiresAt == nil || !got.PreviousSecretExpiresAt.Equal(tt.wantUntil) {
				t.Fatalf("%s: %d %s", tt.name, status, body)
			}
			w, _ := a.store.Webhook(context.Background(), db, id)
			if w.Secret != tt.wantSecret || w.PreviousSecret != tt.wantPrevious {
				t.Fatalf("%s: secret %q, previous %q", tt.name, w.Secret, w.PreviousSecret)
			}
			wantSigning := 2
			if !tt.wantUntil.After(readNow) {
				wantSigning = 1
			}
			if got := w.SigningSecrets(readNow); len(got) != wantSigning || got[0] != tt.wantSecret {
				t.Fatalf("%s: signing secrets %v", tt.name, got)
			}
		}
	})
}

func TestEnableWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		ctx := context.Background()
		id := a.register("client")
		a.owe(id, "ev-1")
		// Ten failures disable it; the delivery's retry is far off.
		err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			for range 3 {
				if _, _, err := a.store.WebhookFailedOnce(ctx, tx, id, 3, t0); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET next_attempt_at = $1`, pkgstore.FormatTime(readNow.Add(time.Hour)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if w, _ := a.store.Webhook(ctx, db, id); w.Active {
			t.Fatal("not disabled")
		}
		for _, tt := range []struct {
			name, who, id string
			want          int
		}{
			{"another client", "client2", id, 404},
			{"owner that lost the scope", "client-lost", id, 403},
			{"a leader", "lan", id, 404},
			{"no such webhook", "client", "nope", 404},
		} {
			if status, _, body := a.do("POST", "/v1/webhooks/"+tt.id+"/enable", tt.who, nil); status != tt.want {
				t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.want)
			}
		}
		if w, _ := a.store.Webhook(ctx, db, id); w.Active {
			t.Fatal("enabled by a refused call")
		}
		for _, who := range []string{"client", "admin"} { // again: no change
			var got struct {
				webhookJSON
				ConsecutiveFailures int        `json:"consecutive_failures"`
				DisabledAt          *time.Time `json:"disabled_at"`
			}
			if status, _, body := a.do("POST", "/v1/webhooks/"+id+"/enable", who, &got); status != 200 || !got.Active ||
				got.ConsecutiveFailures != 0 || got.DisabledAt != nil {
				t.Fatalf("enable as %s: %d %s", who, status, body)
			}
		}
		// Its pending delivery is due now, and the deliverer finds it.
		due, _, err := a.store.NextDeliveryDue(ctx)
		if err != nil || !due.Equal(readNow) {
			t.Fatalf("next delivery due %v (%v), want %v", due, err, readNow)
		}
	})
}

func TestDeleteWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		ctx := context.Background()
		id := a.register("client")
		other := a.register("client")
		a.owe(id, "ev-1")
		a.owe(id, "ev-2")
		a.owe(other, "ev-1")
		for _, tt := range []struct {
			name, who, id string
			want          int
		}{
			{"another client", "client2", id, 404},
			{"owner that lost the scope", "client-lost", id, 403},
			{"a leader", "lan", id, 404},
			{"no such webhook", "client", "nope", 404},
			{"owner", "client", id, 204},
			{"again", "client", id, 404},
			{"administrator, another one", "admin", other, 204},
		} {
			status, _, body := a.do("DELETE", "/v1/webhooks/"+tt.id, tt.who, nil)
			if status != tt.want {
				t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.want)
			}
			if status == 204 && len(body) != 0 {
				t.Errorf("%s: body %s", tt.name, body)
			}
		}
		for _, r := range []struct{ method, path string }{
			{"GET", "/v1/webhooks/" + id}, {"GET", "/v1/webhooks/" + id + "/deliveries"}, {"POST", "/v1/webhooks/" + id + "/enable"},
		} {
			if status, _, body := a.do(r.method, r.path, "client", nil); status != 404 {
				t.Errorf("%s %s after delete: %d %s", r.method, r.path, status, body)
			}
		}
		var hooks struct{ Items []webhookJSON }
		if a.do("GET", "/v1/webhooks", "admin", &hooks); len(hooks.Items) != 0 {
			t.Errorf("deleted webhooks are listed: %+v", hooks.Items)
		}
		// The pending deliveries are cancelled and nothing is due.
		for _, wid := range []string{id, other} {
			log, _, err := a.store.Deliveries(ctx, wid, nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range log {
				if d.Status != domain.DeliveryCancelled {
					t.Errorf("delivery %s of a deleted webhook is %s", d.ID, d.Status)
				}
			}
		}
		if _, ok, err := a.store.NextDeliveryDue(ctx); ok || err != nil {
			t.Fatalf("a delivery of a deleted webhook is still due (%v)", err)
		}
	})
}
