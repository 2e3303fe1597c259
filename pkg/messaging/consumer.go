package messaging

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Handler runs inside the inbox transaction: its writes and the inbox row
// commit together. ctx carries the consumer span, so events it creates with
// envelope.New and adds with Outbox.Add continue the same trace.
type Handler func(ctx context.Context, tx *store.Tx, ev envelope.Event) error

// ConsumerConfig configures a Consumer.
type ConsumerConfig struct {
	Brokers []string
	Group   string   // consumer group id, e.g. "tasks"; also the inbox's namespace
	Topics  []string // e.g. events.TopicDocuments, events.TopicIdentity
	// Handlers by short event type ("document.issued"). Known types without
	// a handler are skipped (offset committed); unknown types (not in
	// pkg/events) and undecodable messages go to the DLQ.
	Handlers map[string]Handler
	// Outbox is optional: handlers that emit events call Outbox.Add with the
	// transaction they were given.
	Outbox *Outbox
	// MaxAttempts of a failing handler, with exponential backoff between
	// them (50ms..5s), before the message goes to the DLQ; default 8.
	MaxAttempts int
	Logger      *slog.Logger
}

// Consumer reads a consumer group's topics and runs each message's handler
// exactly once per group, whatever Kafka redelivers.
type Consumer struct {
	db  *store.DB
	cfg ConsumerConfig
	log *slog.Logger
}

// NewConsumer checks cfg and fills its defaults.
func NewConsumer(db *store.DB, cfg ConsumerConfig) (*Consumer, error) {
	switch {
	case db == nil:
		return nil, errors.New("new consumer: nil database")
	case len(cfg.Brokers) == 0:
		return nil, fmt.Errorf("new consumer: %w", errNoBrokers)
	case cfg.Group == "":
		return nil, errors.New("new consumer: empty group")
	case len(cfg.Topics) == 0:
		return nil, errors.New("new consumer: no topics")
	}
	for short, h := range cfg.Handlers {
		// A typo in a type name would otherwise skip every such event.
		if !events.Known(short) {
			return nil, fmt.Errorf("new consumer %s: handler for unknown event type %q", cfg.Group, short)
		}
		if h == nil {
			return nil, fmt.Errorf("new consumer %s: nil handler for %q", cfg.Group, short)
		}
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 8
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Consumer{db: db, cfg: cfg, log: cfg.Logger.With("component", "consumer", "group", cfg.Group)}, nil
}

func (c *Consumer) readerConfig(closing *atomic.Bool) kafka.ReaderConfig {
	return kafka.ReaderConfig{
		Brokers:     c.cfg.Brokers,
		GroupID:     c.cfg.Group,
		GroupTopics: c.cfg.Topics,
		MinBytes:    1,
		// kfake copies up to MaxBytes from disk on every fetch: keep it small.
		MaxBytes: 256 << 10,
		// The default 10 s would delay an idle consumer's next event.
		MaxWait: 100 * time.Millisecond,
		// Synchronous commits: an offset is committed only after the inbox
		// transaction of its message.
		CommitInterval: 0,
		StartOffset:    kafka.FirstOffset,
		// Short group timings so that a restarted consumer takes its
		// partitions back within seconds (6 s is kfake's minimum session).
		HeartbeatInterval: time.Second,
		SessionTimeout:    6 * time.Second,
		RebalanceTimeout:  5 * time.Second,
		JoinGroupBackoff:  500 * time.Millisecond,
		ReadBackoffMin:    50 * time.Millisecond,
		ReadBackoffMax:    time.Second,
		ReadLagInterval:   -1,
		ErrorLogger:       kafkaLogger(c.log, closing),
	}
}

// Run consumes until ctx is cancelled, then finishes the message in hand,
// commits it, leaves the group and returns nil.
func (c *Consumer) Run(ctx context.Context) error {
	if err := checkSchema(ctx, c.db); err != nil {
		return fmt.Errorf("consumer %s: %w", c.cfg.Group, err)
	}
	var closing atomic.Bool
	r := kafka.NewReader(c.readerConfig(&closing))
	dlq := newWriter(c.cfg.Brokers, 1)
	defer dlq.Close()
	c.log.Info("consumer started", "topics", c.cfg.Topics)
	b := newBackoff(100*time.Millisecond, 5*time.Second)
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			c.log.Warn("fetch failed, will retry", "error", err)
			if !sleep(ctx, b.NextBackOff()) {
				break
			}
			continue
		}
		b.Reset()
		if err := c.process(ctx, dlq, m); err != nil {
			// Only an ended ctx stops a message half way; its offset stays
			// uncommitted so it comes again after the restart.
			break
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		if err := r.CommitMessages(cctx, m); err != nil {
			// Harmless beyond a redelivery, which the inbox turns into a no-op.
			c.log.Warn("offset commit failed", "topic", m.Topic, "partition", m.Partition, "offset", m.Offset, "error", err)
		}
		cancel()
	}
	closing.Store(true)
	if err := r.Close(); err != nil {
		c.log.Warn("closing reader", "error", err)
	}
	c.log.Info("consumer stopped")
	return nil
}

// process deals with one message under its consumer span. It returns an
// error only when ctx ended before the message was dealt with.
func (c *Consumer) process(ctx context.Context, dlq *kafka.Writer, m kafka.Message) error {
	start := time.Now()
	ctx, span := startProcess(ctx, m, c.cfg.Group)
	label, result, err := c.dispatch(ctx, dlq, m)
	if err != nil {
		endSpan(span, err)
		return err
	}
	span.SetAttributes(attribute.String("eoffice.messaging.result", result))
	if result == ResultDLQ {
		span.SetStatus(codes.Error, "dead-lettered")
	}
	span.End()
	metricHandled.WithLabelValues(c.cfg.Group, label, result).Inc()
	metricHandleSeconds.WithLabelValues(c.cfg.Group, label).Observe(time.Since(start).Seconds())
	return nil
}

// dispatch decides what a message is and hands it on; label is the type for
// metrics.
func (c *Consumer) dispatch(ctx context.Context, dlq *kafka.Writer, m kafka.Message) (label, result string, err error) {
	dead := func(id, reason string, cause error) (string, error) {
		dup, err := c.deadLetter(ctx, dlq, m, id, reason, cause)
		return dlqResult(dup), err
	}
	ev, err := envelope.FromMessage(m)
	if err != nil {
		// Its ce_id, if any, cannot be trusted: name it by its place.
		result, err = dead(coordinateID(m), ReasonMalformed, err)
		return unknownType, result, err
	}
	short, ok := ev.Short()
	if !ok {
		result, err = dead(ev.ID, ReasonUnknownType, fmt.Errorf("%w: unknown type %q", envelope.ErrMalformed, ev.Type))
		return unknownType, result, err
	}
	h, ok := c.cfg.Handlers[short]
	if !ok {
		return short, ResultSkipped, nil
	}
	// A payload that does not decode never will: no use retrying it.
	if _, err := ev.Payload(); err != nil {
		result, err = dead(ev.ID, ReasonMalformed, err)
		return short, result, err
	}
	result, err = c.handle(ctx, dlq, m, ev, h)
	return short, result, err
}

// handle runs h with retries until it succeeds, the event proves a
// duplicate, or it is dead-lettered.
func (c *Consumer) handle(ctx context.Context, dlq *kafka.Writer, m kafka.Message, ev envelope.Event, h Handler) (string, error) {
	// The attempt in hand runs to its end even if ctx is cancelled; only
	// the waits between attempts honour ctx.
	hctx := context.WithoutCancel(ctx)
	b := newBackoff(50*time.Millisecond, 5*time.Second)
	for attempt := 1; ; {
		dup, herr, ierr := c.attempt(hctx, ev, h)
		switch {
		case ierr != nil:
			// The database, not the handler, failed: retry without
			// spending an attempt, as no message is at fault.
			c.log.WarnContext(ctx, "inbox transaction failed, will retry", "event_id", ev.ID, "error", ierr)
		case dup:
			return ResultDuplicate, nil
		case herr == nil:
			return ResultOK, nil
		case IsPermanent(herr) || errors.Is(herr, envelope.ErrMalformed):
			dupDLQ, err := c.deadLetter(ctx, dlq, m, ev.ID, ReasonPermanent, herr)
			return dlqResult(dupDLQ), err
		case attempt >= c.cfg.MaxAttempts:
			dupDLQ, err := c.deadLetter(ctx, dlq, m, ev.ID, ReasonMaxAttempts, fmt.Errorf("after %d attempts: %w", attempt, herr))
			return dlqResult(dupDLQ), err
		default:
			c.log.WarnContext(ctx, "handler failed, will retry", "event_id", ev.ID, "type", ev.Type, "attempt", attempt, "error", logSafe(herr))
			attempt++
		}
		if !sleep(ctx, b.NextBackOff()) {
			return "", ctx.Err()
		}
	}
}

func dlqResult(dup bool) string {
	if dup {
		return ResultDuplicate
	}
	return ResultDLQ
}
