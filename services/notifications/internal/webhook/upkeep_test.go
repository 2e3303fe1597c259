package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// capture records each delivery's signature header and body, answering 200.
type capture struct {
	mu      sync.Mutex
	headers []string
	bodies  [][]byte
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.headers = append(c.headers, r.Header.Get(webhook.SignatureHeader))
	c.bodies = append(c.bodies, body)
}

func (c *capture) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.headers)
}

func mac(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// During a rotation's grace period a delivery carries t and one v1 per
// secret, the new one first, each computed exactly as API.md says; after
// it, only the new secret signs.
func TestRotationSignsUnderBothSecrets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		c := &capture{}
		srv := httptest.NewServer(c)
		defer srv.Close()
		ctx := context.Background()
		if err := f.s.AddWebhook(ctx, domain.Webhook{ID: "w1", OwnerID: "client-1", URL: srv.URL, EventTypes: []string{events.TaskAssigned},
			Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
		ownedByClient(t, f.s, "w1", domain.Client{ID: "client-1", Scopes: auth.Scopes, Active: true})
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet)
		const newSecret, newest = "n3w-s3cret-n3w-s3cret", "n3w3st-s3cret-n3w3st"
		for i, tt := range []struct {
			name       string
			rotateTo   string
			graceUntil time.Time
			want       []string // secrets, in order of the v1 entries
		}{
			{"before any rotation", "", time.Time{}, []string{secret}},
			{"in the grace period", newSecret, time.Now().Add(time.Hour), []string{newSecret, secret}},
			{"rotated with no grace", newest, time.Now().Add(-time.Second), []string{newest}},
		} {
			if tt.rotateTo != "" {
				if err := f.s.RotateSecret(ctx, "w1", tt.rotateTo, tt.graceUntil); err != nil {
					t.Fatal(err)
				}
			}
			f.consume(t, taskEvent(t))
			if n, err := d.RunOnce(ctx); err != nil || n != 1 {
				t.Fatalf("%s: delivered %d, %v", tt.name, n, err)
			}
			c.mu.Lock()
			header, body := c.headers[i], c.bodies[i]
			c.mu.Unlock()
			parts := strings.Split(header, ",")
			ts, ok := strings.CutPrefix(parts[0], "t=")
			if _, err := strconv.ParseInt(ts, 10, 64); !ok || err != nil {
				t.Fatalf("%s: header %q", tt.name, header)
			}
			want := "t=" + ts
			for _, s := range tt.want {
				want += ",v1=" + mac(s, ts, body)
			}
			if header != want {
				t.Errorf("%s: header\n%s, want\n%s", tt.name, header, want)
			}
		}
	})
}

// A delivery being attempted when its webhook is deleted stays cancelled:
// the attempt is logged, nothing else is counted.
func TestDeleteDuringAnAttempt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		arrived, release := make(chan struct{}), make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			close(arrived)
			<-release
			w.WriteHeader(http.StatusInternalServerError)
		}))
		defer srv.Close()
		ctx := context.Background()
		if err := f.s.AddWebhook(ctx, domain.Webhook{ID: "w1", OwnerID: "client-1", URL: srv.URL, EventTypes: []string{events.TaskAssigned},
			Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
		ownedByClient(t, f.s, "w1", domain.Client{ID: "client-1", Scopes: auth.Scopes, Active: true})
		f.consume(t, taskEvent(t))
		f.consume(t, taskEvent(t))
		cfg := fast
		cfg.Parallel = 1
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, cfg, quiet)
		done := make(chan error, 1)
		go func() { _, err := d.RunOnce(ctx); done <- err }()
		<-arrived
		cancelled, err := f.s.DeleteWebhook(ctx, "w1", time.Now())
		if err != nil || len(cancelled) != 2 {
			t.Fatalf("cancelled %v, %v", cancelled, err)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		var failures int
		if err := db.QueryRowContext(ctx, `SELECT consecutive_failures FROM webhooks WHERE id = 'w1'`).Scan(&failures); err != nil || failures != 0 {
			t.Fatalf("failures counted for a deleted webhook: %d (%v)", failures, err)
		}
		log, _, _ := f.s.Deliveries(ctx, "w1", nil, 10)
		attempts := 0
		for _, dl := range log {
			if dl.Status != domain.DeliveryCancelled {
				t.Errorf("delivery %s is %s", dl.ID, dl.Status)
			}
			attempts += len(dl.Log)
		}
		if attempts != 1 {
			t.Errorf("%d attempts logged, want the one that was under way", attempts)
		}
		if got := outboxTypes(t, db); len(got) != 0 {
			t.Errorf("events for a deleted webhook: %v", got)
		}
	})
}

// A webhook disabled after failures gets nothing until it is enabled;
// then its pending deliveries go at once, whatever their backoff.
func TestEnabledWebhookGetsItsPendingDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.hook(t, "w1", events.TaskAssigned)
		f.consume(t, taskEvent(t))
		ctx := context.Background()
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			if _, _, err := f.s.WebhookFailedOnce(ctx, tx, "w1", 1, time.Now()); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET next_attempt_at = $1`, pkgstore.FormatTime(time.Now().Add(time.Hour)))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet)
		if n, err := d.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("disabled: delivered %d, %v", n, err)
		}
		woken := f.s.DeliveriesQueued().C()
		if err := f.s.EnableWebhook(ctx, "w1", time.Now()); err != nil {
			t.Fatal(err)
		}
		select {
		case <-woken:
		default:
			t.Fatal("enabling did not wake the deliverer")
		}
		if n, err := d.RunOnce(ctx); err != nil || n != 1 || len(f.recv.got) != 1 {
			t.Fatalf("enabled: delivered %d, %v", n, err)
		}
	})
}

// A commit that owes a delivery wakes the deliverer; a rollback does not.
// Run with an hour's poll then delivers events owed one after another.
func TestDelivererWakesOnCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.hook(t, "w1", events.TaskAssigned)
		ctx := context.Background()

		woken := f.s.DeliveriesQueued().C()
		errRollback := errors.New("rolled back")
		err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := f.h.Webhooks()[events.TaskAssigned](ctx, tx, taskEvent(t)); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}
		select {
		case <-woken:
			t.Fatal("a rollback woke the deliverer")
		default:
		}
		f.consume(t, taskEvent(t))
		select {
		case <-woken:
		default:
			t.Fatal("the commit did not wake the deliverer")
		}

		cfg := fast
		cfg.Poll = time.Hour
		d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, cfg, quiet)
		runCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		stopped := make(chan error, 1)
		go func() { stopped <- d.Run(runCtx) }()
		for want := 1; want <= 4; want++ {
			if want > 1 {
				f.consume(t, taskEvent(t))
			}
			deadline := time.Now().Add(60 * time.Second)
			for len(received(f)) < want {
				if time.Now().After(deadline) {
					t.Fatalf("delivery %d not made", want)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		cancel()
		if err := <-stopped; !errors.Is(err, context.Canceled) {
			t.Fatalf("Run ended with %v", err)
		}
	})
}

func received(f *fixture) []map[string]any {
	f.recv.mu.Lock()
	defer f.recv.mu.Unlock()
	return append([]map[string]any(nil), f.recv.got...)
}
