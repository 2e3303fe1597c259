package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/worker"
)

// Outbox writes events in a transaction; *messaging.Outbox does.
type Outbox interface {
	Add(ctx context.Context, tx *pkgstore.Tx, evs ...envelope.Event) error
}

// Config tunes the delivery worker.
type Config struct {
	MaxAttempts  int           // per delivery, then it fails (webhook.failed); default 8
	DisableAfter int           // consecutive failed attempts that disable a webhook; default 10
	BaseBackoff  time.Duration // first retry's wait, doubled each time; default 5 s
	MaxBackoff   time.Duration // default 1 h
	Poll         time.Duration // fallback poll; a commit that queues a delivery wakes the worker; default worker.DefaultPoll
	Timeout      time.Duration // of one POST; default 10 s
	Parallel     int           // attempts at once; default 8
	Batch        int           // deliveries claimed at once; default worker.DefaultBatch
	Source       string        // ce_source of the events it emits
	// Proxy picks the egress proxy of a request (nil URL: none); main
	// passes http.ProxyFromEnvironment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
	// Nil: every delivery connects straight to its receiver.
	Proxy func(*http.Request) (*url.URL, error)
}

func (c *Config) defaults() {
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.DisableAfter <= 0 {
		c.DisableAfter = 10
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = 5 * time.Second
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = time.Hour
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Parallel <= 0 {
		c.Parallel = 8
	}
	if c.Source == "" {
		c.Source = "/eoffice/notifications"
	}
}

// Deliverer POSTs owed deliveries to their webhooks.
type Deliverer struct {
	store  *store.Store
	outbox Outbox
	guard  Guard
	client *http.Client
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	// Run delivers until ctx ends: woken by each commit that owes a
	// delivery, and when a retry falls due. RunOnce makes one attempt of
	// each due delivery it can claim (one batch) and returns how many it
	// recorded; up to Parallel attempts run at once, so that one slow
	// receiver does not hold up the others for its whole timeout.
	*worker.Worker[domain.Delivery]
}

// NewDeliverer returns a delivery worker; its HTTP client refuses forbidden
// addresses at connect time (or, through a proxy, before asking the proxy:
// see route) and follows no redirect (a redirect could point anywhere, and
// the receiver should be configured with its final URL).
func NewDeliverer(s *store.Store, outbox Outbox, guard Guard, cfg Config, log *slog.Logger) *Deliverer {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	client := &http.Client{
		Transport:     newRoute(guard, cfg.Proxy),
		Timeout:       cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	d := &Deliverer{store: s, outbox: outbox, guard: guard, client: client, cfg: cfg, log: log, now: time.Now}
	q := worker.Queue[domain.Delivery]{Claim: s.ClaimDeliveries, NextDue: s.NextDeliveryDue, Attempt: d.attempt}
	d.Worker = worker.New(s.DB(), q, s.DeliveriesQueued(), worker.Config{
		Name: "webhook deliveries", Poll: cfg.Poll, Lease: cfg.Timeout, Batch: cfg.Batch, Parallel: cfg.Parallel,
	}, log)
	return d
}

// attempt POSTs one delivery and says how to record the outcome.
func (d *Deliverer) attempt(ctx context.Context, dl domain.Delivery) (worker.Record, error) {
	w, err := d.store.Webhook(ctx, d.store.DB(), dl.WebhookID)
	if errors.Is(err, domain.ErrNotFound) {
		// Deleted since the claim: its deliveries are cancelled already.
		return func(context.Context, *pkgstore.Tx) error { return nil }, nil
	}
	if err != nil {
		return nil, err
	}
	if rec, refused, err := d.refuse(ctx, w, dl); err != nil || refused {
		return rec, err
	}
	start := d.now()
	code, sendErr := d.post(ctx, w, dl.Body)
	a := domain.Attempt{Number: dl.Attempts + 1, At: start, StatusCode: code, Duration: d.now().Sub(start)}
	if sendErr != nil {
		a.Error = publicError(sendErr)
	}
	return func(ctx context.Context, tx *pkgstore.Tx) error {
		o := store.Outcome{Attempt: a, Status: domain.DeliveryDelivered, NextTry: start}
		if sendErr == nil {
			pending, err := d.store.RecordAttempt(ctx, tx, dl.ID, o)
			if err != nil || !pending {
				return err
			}
			return d.store.WebhookSucceeded(ctx, tx, w.ID)
		}
		giveUp := a.Number >= d.cfg.MaxAttempts
		o.Status = domain.DeliveryPending
		o.NextTry = start.Add(domain.Backoff(d.cfg.BaseBackoff, d.cfg.MaxBackoff, a.Number))
		if giveUp {
			o.Status = domain.DeliveryFailed
		}
		pending, err := d.store.RecordAttempt(ctx, tx, dl.ID, o)
		if err != nil || !pending {
			return err // cancelled meanwhile: its webhook is gone, nothing more to count
		}
		_, disabled, err := d.store.WebhookFailedOnce(ctx, tx, w.ID, d.cfg.DisableAfter, start)
		if err != nil {
			return err
		}
		if !giveUp && !disabled {
			return nil
		}
		d.log.WarnContext(ctx, "webhook delivery failed", "webhook_id", w.ID, "delivery_id", dl.ID,
			"attempts", a.Number, "status_code", code, "disabled", disabled)
		ev, err := envelope.New(ctx, d.cfg.Source, events.WebhookFailed, w.ID, &eventsv1.WebhookFailed{
			WebhookId: w.ID, DeliveryId: dl.ID, EventId: dl.EventID, EventType: dl.EventType,
			Attempts: int32(a.Number), LastStatusCode: int32(code), Error: a.Error, Disabled: disabled,
		})
		if err != nil {
			return err
		}
		return d.outbox.Add(ctx, tx, ev)
	}, nil
}

// post sends body signed; an error is any outcome but a 2xx.
func (d *Deliverer) post(ctx context.Context, w domain.Webhook, body []byte) (int, error) {
	u, err := url.Parse(w.URL)
	if err != nil {
		return 0, fmt.Errorf("webhook url: %w", err)
	}
	// Checked again at each delivery: the host's addresses may have changed
	// since it was registered. The dialer checks the address actually used.
	if err := d.guard.CheckHost(ctx, u.Hostname()); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", ContentType)
	req.Header.Set("User-Agent", "eoffice-webhooks/1")
	now := d.now()
	req.Header.Set(SignatureHeader, SignAll(w.SigningSecrets(now), now, body))
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, statusError{truncate(resp.Status, 200)}
	}
	return resp.StatusCode, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
