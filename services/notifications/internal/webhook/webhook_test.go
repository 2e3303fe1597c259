package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

const secret = "s3cret-s3cret-s3cret"

// receiver is an integration: it verifies each delivery's signature as
// API.md tells integrators to, and answers the codes it is given in turn.
type receiver struct {
	mu     sync.Mutex
	codes  []int
	got    []map[string]any
	badSig int
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !verify(req.Header.Get(webhook.SignatureHeader), body) {
		r.badSig++
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	code := http.StatusOK
	if len(r.codes) > 0 {
		code, r.codes = r.codes[0], r.codes[1:]
	}
	if code < 300 {
		var ce map[string]any
		_ = json.Unmarshal(body, &ce)
		r.got = append(r.got, ce)
	}
	w.WriteHeader(code)
}

// verify checks "t=<unix>,v1=<hex hmac of t.body>" and that t is recent.
func verify(header string, body []byte) bool {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(sig))
}

type fixture struct {
	db   *pkgstore.DB
	s    *store.Store
	h    *consumer.Handlers
	out  *messaging.Outbox
	recv *receiver
	srv  *httptest.Server
}

func newFixture(t *testing.T, db *pkgstore.DB, codes ...int) *fixture {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := store.New(db)
	r := &receiver{codes: codes}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return &fixture{db: db, s: s, h: consumer.New(func(tx *pkgstore.Tx) app.EventStore { return s.InTx(tx) }, app.NewNotifier(quiet), app.NewDeliveries(nil)), recv: r, srv: srv,
		out: messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}})}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func (f *fixture) hook(t *testing.T, id string, types ...string) {
	t.Helper()
	if err := f.s.AddWebhook(context.Background(), domain.Webhook{ID: id, OwnerID: "client-1", URL: f.srv.URL + "/hook",
		EventTypes: types, Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	ownedByClient(t, f.s, id, domain.Client{ID: "client-1", Scopes: auth.Scopes, Active: true})
}

// consume runs the webhooks consumer's handler in a transaction, as the
// consumer does.
func (f *fixture) consume(t *testing.T, ev envelope.Event) {
	t.Helper()
	short, _ := ev.Short()
	h := f.h.Webhooks()[short]
	if err := f.db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error { return h(ctx, tx, ev) }); err != nil {
		t.Fatal(err)
	}
}

func taskEvent(t *testing.T) envelope.Event {
	ev, err := envelope.New(context.Background(), "/eoffice/tasks", events.TaskAssigned, "task-1",
		&eventsv1.TaskAssigned{TaskId: "task-1", AssigneeUnitId: "stttt", Title: "Tuyên truyền PAPI", DueDate: "2022-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

var fast = webhook.Config{BaseBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, MaxAttempts: 4, DisableAfter: 6}

func run(t *testing.T, d *webhook.Deliverer, rounds int) {
	t.Helper()
	for range rounds {
		if _, err := d.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func outboxTypes(t *testing.T, db *pkgstore.DB) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT type FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

func TestSignedDeliveryWithRetries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db, 500, 503) // two failures, then success
		f.hook(t, "w1", events.TaskAssigned)
		f.hook(t, "w-other", events.DocumentIssued)
		ev := taskEvent(t)
		f.consume(t, ev)
		f.consume(t, ev) // redelivered: owes nothing more
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet)
		run(t, d, 6)

		if f.recv.badSig != 0 || len(f.recv.got) != 1 {
			t.Fatalf("receiver: %d accepted, %d bad signatures", len(f.recv.got), f.recv.badSig)
		}
		ce := f.recv.got[0]
		if ce["specversion"] != "1.0" || ce["id"] != ev.ID || ce["type"] != "vn.eoffice.task.assigned" ||
			ce["source"] != "/eoffice/tasks" || ce["subject"] != "task-1" || ce["datacontenttype"] != "application/json" {
			t.Fatalf("cloud event = %v", ce)
		}
		if data, _ := ce["data"].(map[string]any); data["title"] != "Tuyên truyền PAPI" {
			t.Fatalf("data = %v", ce["data"])
		}
		log, _, err := f.s.Deliveries(context.Background(), "w1", nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 1 || log[0].Status != domain.DeliveryDelivered || log[0].Attempts != 3 || len(log[0].Log) != 3 {
			t.Fatalf("log = %+v", log)
		}
		codes := []int{log[0].Log[0].StatusCode, log[0].Log[1].StatusCode, log[0].Log[2].StatusCode}
		if codes[0] != 200 || codes[1] != 503 || codes[2] != 500 {
			t.Fatalf("attempt codes newest first = %v", codes)
		}
		if other, _, _ := f.s.Deliveries(context.Background(), "w-other", nil, 10); len(other) != 0 {
			t.Fatalf("a webhook of another type got %d deliveries", len(other))
		}
		if w, _ := f.s.Webhook(context.Background(), db, "w1"); w.ConsecutiveFailures != 0 || !w.Active {
			t.Fatalf("webhook after success = %+v", w)
		}
	})
}

func TestDisabledAfterConsecutiveFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		codes := make([]int, 50)
		for i := range codes {
			codes[i] = 500
		}
		f := newFixture(t, db, codes...)
		f.hook(t, "w1", events.TaskAssigned)
		for range 3 {
			f.consume(t, taskEvent(t)) // three distinct events
		}
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet)
		run(t, d, 10)
		w, err := f.s.Webhook(context.Background(), db, "w1")
		if err != nil {
			t.Fatal(err)
		}
		if w.Active || w.DisabledAt == nil || w.ConsecutiveFailures != fast.DisableAfter {
			t.Fatalf("webhook = active %v, failures %d", w.Active, w.ConsecutiveFailures)
		}
		// One webhook.failed says it was disabled; none of it repeats.
		disabled := 0
		for _, typ := range outboxTypes(t, db) {
			if typ != "vn.eoffice.webhook.failed" {
				t.Fatalf("unexpected event %s", typ)
			}
		}
		rows, _ := db.QueryContext(context.Background(), `SELECT data FROM outbox`)
		for rows.Next() {
			var data string
			_ = rows.Scan(&data)
			if strings.Contains(data, `"disabled":true`) {
				disabled++
			}
		}
		rows.Close()
		if disabled != 1 {
			t.Fatalf("%d disabling events, want 1", disabled)
		}
		// A disabled webhook is left alone.
		before := len(f.recv.codes)
		run(t, d, 3)
		if len(f.recv.codes) != before {
			t.Fatal("a disabled webhook was still called")
		}
	})
}

func TestDeliveryGivesUpAfterMaxAttempts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db, 500, 500, 500, 500, 500)
		f.hook(t, "w1", events.TaskAssigned)
		f.consume(t, taskEvent(t))
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet)
		run(t, d, 8)
		log, _, _ := f.s.Deliveries(context.Background(), "w1", nil, 10)
		if len(log) != 1 || log[0].Status != domain.DeliveryFailed || log[0].Attempts != fast.MaxAttempts {
			t.Fatalf("log = %+v", log)
		}
		if got := outboxTypes(t, db); len(got) != 1 || got[0] != "vn.eoffice.webhook.failed" {
			t.Fatalf("events = %v", got)
		}
	})
}

// At delivery time the guard refuses the loopback receiver unless private
// addresses are allowed: a host whose DNS changed after registration (DNS
// rebinding) is caught by the same check.
func TestDeliveryRefusesPrivateAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.hook(t, "w1", events.TaskAssigned)
		f.consume(t, taskEvent(t))
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{}, fast, quiet)
		run(t, d, 1)
		if len(f.recv.got) != 0 {
			t.Fatal("delivered to a loopback address")
		}
		log, _, _ := f.s.Deliveries(context.Background(), "w1", nil, 10)
		if len(log) != 1 || log[0].Attempts != 1 || !strings.Contains(log[0].LastError, "not allowed") {
			t.Fatalf("log = %+v", log)
		}
	})
}

type dns map[string][]string

func (d dns) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, a := range d[host] {
		out = append(out, netip.MustParseAddr(a))
	}
	if len(out) == 0 {
		return nil, errors.New("no such host")
	}
	return out, nil
}

func TestGuard(t *testing.T) {
	r := dns{"public.vn": {"203.0.113.1"}, "mixed.vn": {"203.0.113.1", "fd00::1"}, "rebind.vn": {"127.0.0.1"}}
	tests := []struct {
		host         string
		allowPrivate bool
		wantErr      bool
	}{
		{"public.vn", false, false},
		{"8.8.8.8", false, false},
		{"2001:4860:4860::8888", false, false},
		{"127.0.0.1", false, true},
		{"::1", false, true},
		{"10.1.2.3", false, true},
		{"172.16.0.1", false, true},
		{"192.168.0.1", false, true},
		{"169.254.169.254", false, true},
		{"fe80::1", false, true},
		{"fd00::1", false, true},
		{"100.64.0.1", false, true},
		{"0.0.0.0", false, true},
		{"::ffff:127.0.0.1", false, true},
		{"mixed.vn", false, true},
		{"rebind.vn", false, true},
		{"unknown.vn", false, true},
		{"127.0.0.1", true, false},
		{"rebind.vn", true, false},
	}
	for _, tt := range tests {
		err := webhook.Guard{AllowPrivate: tt.allowPrivate, Resolver: r}.CheckHost(context.Background(), tt.host)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s (allow private %v): err = %v, want error %v", tt.host, tt.allowPrivate, err, tt.wantErr)
		}
	}
}

func TestSignature(t *testing.T) {
	at := time.Unix(1700000000, 0)
	got := webhook.Sign("k", at, []byte(`{"a":1}`))
	mac := hmac.New(sha256.New, []byte("k"))
	mac.Write([]byte(`1700000000.{"a":1}`))
	if want := "t=1700000000,v1=" + hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}
