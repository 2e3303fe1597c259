package httpapi_test

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// dns is a fixed resolver: tests must not depend on the network.
type dns map[string][]string

func (d dns) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, a := range d[host] {
		out = append(out, netip.MustParseAddr(a))
	}
	if len(out) == 0 {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return out, nil
}

var fakeDNS = dns{
	"hooks.example.vn":  {"203.0.113.10"},
	"mixed.example.vn":  {"203.0.113.11", "10.0.0.5"},
	"inside.example.vn": {"192.168.1.20"},
}

type webhookJSON struct {
	ID         string   `json:"id"`
	URL        string   `json:"url"`
	EventTypes []string `json:"event_types"`
	Active     bool     `json:"active"`
	Secret     *string  `json:"secret"`
}

const goodHook = `{"url":"https://hooks.example.vn/eoffice","event_types":["task.assigned","document.issued"],"secret":"0123456789abcdef"}`

func TestRegisterWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		tests := []struct {
			name, who, body string
			want            int
			field           string
		}{
			{"admin", "admin", goodHook, 201, ""},
			{"integration client with the scope", "client", goodHook, 201, ""},
			{"no token", "", goodHook, 401, ""},
			{"no token, bad body: 401 first", "", `{"url":`, 401, ""},
			{"client without the scope", "noscope", goodHook, 403, ""},
			{"client without the events' scopes", "hooks-only", goodHook, 403, ""},
			{"client without users:read, user events", "client", `{"url":"https://hooks.example.vn/eoffice","event_types":["user.created"],"secret":"0123456789abcdef"}`, 403, ""},
			{"client events are for administrators", "client", `{"url":"https://hooks.example.vn/eoffice","event_types":["client.updated"],"secret":"0123456789abcdef"}`, 403, ""},
			{"a leader", "lan", goodHook, 403, ""},
			{"malformed JSON", "admin", `{"url":`, 400, ""},
			{"unknown field", "admin", `{"url":"https://hooks.example.vn","event_types":["task.assigned"],"secret":"0123456789abcdef","x":1}`, 400, "x"},
			{"missing url", "admin", `{"event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"ftp url", "admin", `{"url":"ftp://hooks.example.vn/x","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"not a url", "admin", `{"url":"::nope","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"unknown event type", "admin", `{"url":"https://hooks.example.vn","event_types":["task.exploded"],"secret":"0123456789abcdef"}`, 400, "event_types"},
			{"full ce_type instead of short name", "admin", `{"url":"https://hooks.example.vn","event_types":["vn.eoffice.task.assigned"],"secret":"0123456789abcdef"}`, 400, "event_types"},
			{"no event types", "admin", `{"url":"https://hooks.example.vn","event_types":[],"secret":"0123456789abcdef"}`, 400, "event_types"},
			{"missing secret", "admin", `{"url":"https://hooks.example.vn","event_types":["task.assigned"]}`, 400, "secret"},
			{"short secret", "admin", `{"url":"https://hooks.example.vn","event_types":["task.assigned"],"secret":"short"}`, 400, "secret"},
			{"loopback literal", "admin", `{"url":"http://127.0.0.1:8080/x","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"private host name", "admin", `{"url":"http://inside.example.vn/x","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"one private address among public ones", "admin", `{"url":"http://mixed.example.vn/x","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"link-local metadata address", "admin", `{"url":"http://169.254.169.254/latest","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"IPv6 loopback", "admin", `{"url":"http://[::1]/x","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
			{"host that does not resolve", "admin", `{"url":"http://nowhere.example.vn/x","event_types":["task.assigned"],"secret":"0123456789abcdef"}`, 400, "url"},
		}
		created := 0
		for _, tt := range tests {
			var got webhookJSON
			status, h, body := a.send("POST", "/v1/webhooks", tt.who, tt.body, &got)
			if status != tt.want {
				t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.want)
				continue
			}
			if status == 201 {
				created++
				if got.ID == "" || !got.Active || got.Secret != nil || len(got.EventTypes) != 2 || got.URL != "https://hooks.example.vn/eoffice" {
					t.Errorf("%s: created %s", tt.name, body)
				}
				continue
			}
			if !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: content type %q", tt.name, h.Get("Content-Type"))
			}
			if tt.field != "" && !strings.Contains(string(body), `"field":"`+tt.field+`"`) {
				t.Errorf("%s: problem %s does not name %s", tt.name, body, tt.field)
			}
		}
		// Nothing refused was written.
		all, err := a.store.Webhooks(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != created {
			t.Fatalf("%d webhooks stored, want %d", len(all), created)
		}
	})
}

func TestListWebhooksAndDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		var mine webhookJSON
		if status, _, body := a.send("POST", "/v1/webhooks", "client", goodHook, &mine); status != 201 {
			t.Fatalf("register: %d %s", status, body)
		}
		var theirs webhookJSON
		a.send("POST", "/v1/webhooks", "client2", goodHook, &theirs)

		// Two deliveries of mine, one with two attempts.
		ctx := context.Background()
		for i, ev := range []string{"ev-1", "ev-2"} {
			err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
				_, err := a.store.AddDelivery(ctx, tx, domain.Delivery{ID: "d" + ev, WebhookID: mine.ID, EventID: ev,
					EventType: "task.assigned", Body: []byte(`{"id":"` + ev + `"}`), CreatedAt: t0.Add(time.Duration(i) * time.Minute)})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			for n, code := range []int{503, 200} {
				if _, err := a.store.RecordAttempt(ctx, tx, "dev-1", storeOutcome(n+1, code)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		var hooks struct{ Items []webhookJSON }
		if status, _, body := a.do("GET", "/v1/webhooks", "client", &hooks); status != 200 || len(hooks.Items) != 1 || hooks.Items[0].ID != mine.ID {
			t.Fatalf("client's webhooks: %d %s", status, body)
		}
		a.do("GET", "/v1/webhooks", "admin", &hooks)
		if len(hooks.Items) != 2 {
			t.Fatalf("admin sees %d webhooks, want 2", len(hooks.Items))
		}

		var log struct {
			Items []struct {
				EventID  string `json:"event_id"`
				Status   string `json:"status"`
				Attempts int    `json:"attempts"`
				Log      []struct {
					Attempt    int `json:"attempt"`
					StatusCode int `json:"status_code"`
				} `json:"log"`
			} `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		status, _, body := a.do("GET", "/v1/webhooks/"+mine.ID+"/deliveries", "client", &log)
		if status != 200 || len(log.Items) != 2 || log.Items[0].EventID != "ev-2" || log.Items[1].EventID != "ev-1" {
			t.Fatalf("deliveries: %d %s", status, body)
		}
		d := log.Items[1]
		if d.Status != "delivered" || d.Attempts != 2 || len(d.Log) != 2 || d.Log[0].StatusCode != 200 || d.Log[1].StatusCode != 503 {
			t.Fatalf("delivery log: %s", body)
		}
		a.do("GET", "/v1/webhooks/"+mine.ID+"/deliveries?limit=1", "client", &log)
		if len(log.Items) != 1 || log.NextCursor == "" {
			t.Fatalf("first page: %+v", log)
		}

		for _, tt := range []struct {
			name, who, path string
			want            int
		}{
			{"no token", "", "/v1/webhooks/" + mine.ID + "/deliveries", 401},
			{"no token on the list", "", "/v1/webhooks", 401},
			{"someone else's webhook", "client2", "/v1/webhooks/" + mine.ID + "/deliveries", 404},
			{"no such webhook", "client", "/v1/webhooks/nope/deliveries", 404},
			{"admin sees any", "admin", "/v1/webhooks/" + mine.ID + "/deliveries", 200},
			{"bad limit", "client", "/v1/webhooks/" + mine.ID + "/deliveries?limit=x", 400},
			{"forged cursor", "client", "/v1/webhooks/" + mine.ID + "/deliveries?cursor=zzz", 400},
		} {
			if status, _, body := a.do("GET", tt.path, tt.who, nil); status != tt.want {
				t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.want)
			}
		}
	})
}

func storeOutcome(n, code int) store.Outcome {
	status := domain.DeliveryPending
	if code == 200 {
		status = domain.DeliveryDelivered
	}
	return store.Outcome{Attempt: domain.Attempt{Number: n, At: t0.Add(time.Duration(n) * time.Second), StatusCode: code}, Status: status, NextTry: t0}
}
