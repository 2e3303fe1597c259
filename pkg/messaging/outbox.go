package messaging

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// OutboxConfig configures the outbox and its relay.
type OutboxConfig struct {
	// Service labels the relay's metrics (the producer, e.g. "tasks").
	Service      string
	Brokers      []string
	Kafka        kafkaconn.Config // SASL and TLS of the connections to Brokers
	Logger       *slog.Logger
	PollInterval time.Duration // fallback poll, default 2s; the relay is normally woken on commit
	BatchSize    int           // rows per publish, default 500

	// DrainTimeout bounds the publishing of pending rows after Run's context
	// is cancelled; default 5s.
	DrainTimeout time.Duration
	// Retention is how long sent rows are kept (for inspection) before the
	// relay deletes them; default 7 days.
	Retention time.Duration
}

// Outbox stores events in the producer's own transactions and relays them
// to Kafka after commit.
type Outbox struct {
	db   *store.DB
	cfg  OutboxConfig
	log  *slog.Logger
	wake chan struct{}
	// oldest is what the service's eoffice_outbox_oldest_pending_seconds
	// reads (metrics.go).
	oldest *atomic.Int64
}

// NewOutbox returns an outbox on db; defaults fill the zero fields of cfg.
func NewOutbox(db *store.DB, cfg OutboxConfig) *Outbox {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 2 * time.Second
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 500
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = 5 * time.Second
	}
	if cfg.Retention <= 0 {
		cfg.Retention = 7 * 24 * time.Hour
	}
	return &Outbox{
		db:     db,
		cfg:    cfg,
		log:    cfg.Logger.With("component", "outbox"),
		wake:   make(chan struct{}, 1),
		oldest: oldestPending(cfg.Service),
	}
}

const insertOutbox = `INSERT INTO outbox
	(id, topic, key, type, source, subject, time, data, traceparent, tracestate, created_at, attempts)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0)`

// Add writes the events as outbox rows in the caller's transaction, so they
// exist if and only if the caller's state change commits, and wakes the
// relay once it has. Topic comes from ev.Topic(). An event without a trace
// context takes the one of ctx.
func (o *Outbox) Add(ctx context.Context, tx *store.Tx, evs ...envelope.Event) error {
	now := formatTime(time.Now())
	for _, ev := range evs {
		topic, err := ev.Topic()
		if err != nil {
			return fmt.Errorf("outbox add %s: %w", ev.ID, err)
		}
		if ev.ID == "" {
			return fmt.Errorf("outbox add %s: %w: empty id", ev.Type, envelope.ErrMalformed)
		}
		// PostgreSQL TEXT refuses invalid UTF-8; say so here rather than
		// with a driver error. protojson is always valid.
		if !utf8.Valid(ev.Data) {
			return fmt.Errorf("outbox add %s: %w: payload is not UTF-8", ev.ID, envelope.ErrMalformed)
		}
		if ev.TraceParent == "" {
			ev.SetTraceContext(ctx)
		}
		if _, err := tx.ExecContext(ctx, insertOutbox, ev.ID, topic, ev.Subject, ev.Type, ev.Source,
			ev.Subject, formatTime(ev.Time), string(ev.Data), ev.TraceParent, ev.TraceState, now); err != nil {
			return fmt.Errorf("outbox add %s: %w", ev.ID, err)
		}
	}
	if len(evs) > 0 {
		tx.OnCommit(o.Wake)
	}
	return nil
}

// Wake asks the relay to look for unsent rows now. It never blocks: one
// pending wake-up covers any number of commits.
func (o *Outbox) Wake() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// Pending counts unsent rows.
func (o *Outbox) Pending(ctx context.Context) (int, error) {
	var n int
	if err := o.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("outbox pending: %w", err)
	}
	metricPending.WithLabelValues(o.cfg.Service).Set(float64(n))
	return n, nil
}

// errNoBrokers is returned by Run when the outbox has nowhere to publish.
var errNoBrokers = errors.New("no Kafka brokers configured")
