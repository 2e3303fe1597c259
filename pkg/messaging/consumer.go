package messaging

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Handler runs inside the inbox transaction: its writes and the inbox row
// commit together. ctx carries the consumer span, so events it creates with
// envelope.New and adds with Outbox.Add continue the same trace.
type Handler func(ctx context.Context, tx *store.Tx, ev envelope.Event) error

// Defaults of ConsumerConfig's retry budget. Eight attempts at
// handlerBackoffMin doubling to handlerBackoffMax take about 3.5 s, well
// inside the budget; a group that retries longer (a dependency that lags)
// raises MaxAttempts and stays bounded by the budget.
const (
	DefaultMaxAttempts = 8
	DefaultRetryBudget = 10 * time.Second
	// DefaultLagBudget is how long a handler may keep failing with a
	// Lagging error: longer than a cold start's first group joins on a
	// loaded machine take, short enough that a mistake shows in the DLQ
	// within the hour.
	DefaultLagBudget = 10 * time.Minute
)

// ConsumerConfig configures a Consumer.
type ConsumerConfig struct {
	// Service labels the consumer's metrics (the consuming service).
	Service string
	Brokers []string
	Kafka   kafkaconn.Config // SASL and TLS of the connections to Brokers
	Group   string           // consumer group id, e.g. "tasks"; also the inbox's namespace
	Topics  []string         // e.g. events.TopicDocuments, events.TopicIdentity
	// Handlers by short event type ("document.issued"). Known types without
	// a handler are skipped (offset committed); unknown types (not in
	// pkg/events) and undecodable messages go to the DLQ.
	Handlers map[string]Handler
	// Outbox is optional: handlers that emit events call Outbox.Add with the
	// transaction they were given.
	Outbox *Outbox
	// MaxAttempts of a failing handler, with exponential backoff between
	// them (handlerBackoffMin..handlerBackoffMax), before the message goes
	// to the DLQ; default DefaultMaxAttempts.
	MaxAttempts int
	// RetryBudget bounds the time a failing message holds its partition,
	// whatever MaxAttempts says: once it is spent the message goes to the
	// DLQ (reason max_attempts); default DefaultRetryBudget.
	RetryBudget time.Duration
	// LagBudget bounds the time a message whose handler fails with a
	// Lagging error holds its partition; those failures spend no attempt.
	// Default DefaultLagBudget.
	LagBudget time.Duration
	// LazyPayloads leaves the payloads to the handlers: the consumer does
	// not decode each first to dead-letter, as malformed, one that never
	// will. For a group whose handlers mostly never read the payload (the
	// webhooks', with no webhook subscribed to most types), where that
	// check was a JSON parse per message for nothing. A handler that does
	// read it and fails gets envelope.ErrMalformed, which is dead-lettered
	// at once, as a permanent error.
	LazyPayloads bool
	// BatchSize is how many messages already fetched are handled in one
	// transaction; default 256. 1 handles each message on its own.
	BatchSize int
	// LagInterval is how often the group's lag and its topics' dead-letter
	// twins are measured (lag.go); default DefaultLagInterval, negative
	// never.
	LagInterval time.Duration
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
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.RetryBudget <= 0 {
		cfg.RetryBudget = DefaultRetryBudget
	}
	if cfg.LagBudget <= 0 {
		cfg.LagBudget = DefaultLagBudget
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 256
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.LagInterval == 0 {
		cfg.LagInterval = DefaultLagInterval
	}
	types := make([]string, 0, len(cfg.Handlers))
	for short := range cfg.Handlers {
		types = append(types, short)
	}
	initMetrics(cfg.Service, cfg.Group, types)
	return &Consumer{db: db, cfg: cfg, log: cfg.Logger.With("component", "consumer", "group", cfg.Group)}, nil
}

func (c *Consumer) readerConfig(closing *atomic.Bool) kafka.ReaderConfig {
	return kafka.ReaderConfig{
		Brokers:     c.cfg.Brokers,
		Dialer:      c.cfg.Kafka.Dialer(),
		GroupID:     c.cfg.Group,
		GroupTopics: c.cfg.Topics,
		MinBytes:    1,
		// kfake copies up to MaxBytes from disk on every fetch: keep it small.
		MaxBytes: 256 << 10,
		// The broker answers a fetch as soon as MinBytes arrive, so MaxWait
		// is not a latency floor; it only sets how often an idle reader asks
		// again. kafka-go asks the broker to wait MaxWait less a quarter and
		// drops (and redials) the connection when the answer is later than
		// MaxWait: at 100 ms a busy machine made that routine, and readers
		// spent a sixth of their time reconnecting.
		MaxWait: time.Second,
		// Synchronous commits: offsets are committed only after the inbox
		// transaction of their messages.
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

// maxBatchBytes bounds the keys and values of one batch, so that a run of
// large messages does not make one huge transaction.
const maxBatchBytes = 4 << 20

// Run consumes until ctx is cancelled, then finishes the batch in hand,
// commits it, leaves the group and returns nil.
//
// A goroutine fetches into a buffer; the loop takes the first message,
// then whatever else is already there (up to BatchSize), handles them in
// one transaction (batch.go) and commits their offsets at once.
func (c *Consumer) Run(ctx context.Context) error {
	if err := checkSchema(ctx, c.db); err != nil {
		return fmt.Errorf("consumer %s: %w", c.cfg.Group, err)
	}
	var closing atomic.Bool
	r := kafka.NewReader(c.readerConfig(&closing))
	dlq := newWriter(c.cfg.Brokers, c.cfg.Kafka, 1)
	defer dlq.Close()
	c.log.Info("consumer started", "topics", c.cfg.Topics)
	fetched := make(chan kafka.Message, c.cfg.BatchSize)
	fetching := make(chan struct{})
	go func() {
		defer close(fetching)
		c.fetch(ctx, r, fetched)
	}()
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		c.watchLag(ctx)
	}()
	for {
		msgs := c.next(ctx, fetched)
		if msgs == nil {
			break
		}
		done, err := c.processBatch(ctx, dlq, msgs)
		// Only an ended ctx stops a batch half way; the offsets of what
		// was not dealt with stay uncommitted, so it comes again after the
		// restart.
		c.commit(ctx, r, msgs[:done])
		if err != nil {
			break
		}
	}
	closing.Store(true)
	<-fetching // Run's loop ends only with ctx, which ends fetch too
	<-watching
	if err := r.Close(); err != nil {
		c.log.Warn("closing reader", "error", err)
	}
	c.log.Info("consumer stopped")
	return nil
}

// fetch feeds out until ctx ends. Messages left in out then are never
// committed, and come again.
func (c *Consumer) fetch(ctx context.Context, r *kafka.Reader, out chan<- kafka.Message) {
	b := newBackoff(loopBackoffMin, loopBackoffMax)
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			c.log.Warn("fetch failed, will retry", "error", err)
			if !sleep(ctx, b.NextBackOff()) {
				return
			}
			continue
		}
		b.Reset()
		select {
		case out <- m:
		case <-ctx.Done():
			return
		}
	}
}

// next waits for a message, then takes what is already fetched, in order,
// up to BatchSize and maxBatchBytes. It returns nil once ctx has ended.
func (c *Consumer) next(ctx context.Context, in <-chan kafka.Message) []kafka.Message {
	if ctx.Err() != nil {
		return nil
	}
	var msgs []kafka.Message
	select {
	case <-ctx.Done():
		return nil
	case m := <-in:
		msgs = append(msgs, m)
	}
	size := len(msgs[0].Key) + len(msgs[0].Value)
	for len(msgs) < c.cfg.BatchSize && size < maxBatchBytes {
		select {
		case m := <-in:
			msgs = append(msgs, m)
			size += len(m.Key) + len(m.Value)
		default:
			return msgs
		}
	}
	return msgs
}

// commit commits the offsets of msgs in one request (kafka-go keeps the
// highest per partition).
func (c *Consumer) commit(ctx context.Context, r *kafka.Reader, msgs []kafka.Message) {
	if len(msgs) == 0 {
		return
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := r.CommitMessages(cctx, msgs...); err != nil {
		// Harmless beyond a redelivery, which the inbox turns into a no-op.
		last := msgs[len(msgs)-1]
		c.log.Warn("offset commit failed", "messages", len(msgs), "topic", last.Topic, "partition", last.Partition, "offset", last.Offset, "error", err)
	}
}

// lagLogEvery spaces the log lines of a message that waits on a lagging
// stream.
const lagLogEvery = 30 * time.Second

// handle retries the one message of it, whose first attempt failed with
// herr, until it succeeds, proves a duplicate, or is dead-lettered.
func (c *Consumer) handle(ctx context.Context, dlq *kafka.Writer, it *item, herr error) (string, error) {
	start := time.Now()
	// Dead-lettered before and merely redelivered: it is in the DLQ
	// already, where an operator replays it once its cause is fixed.
	if herr != nil && !isReplay(it.m) {
		if marked, err := c.seen(ctx, deadMark(it.ev.ID)); err == nil && marked {
			return ResultDuplicate, nil
		}
	}
	b := newBackoff(handlerBackoffMin, handlerBackoffMax)
	// Attempts and RetryBudget count the handler's own failures, from the
	// first; a Lagging failure spends neither and waits on LagBudget.
	attempt, failingSince, lagLogged := 0, time.Time{}, time.Time{}
	for {
		lagging := herr != nil && IsLagging(herr)
		if herr != nil && !lagging {
			attempt++
			if failingSince.IsZero() {
				failingSince = time.Now()
			}
		}
		switch {
		case herr == nil && it.dup:
			return ResultDuplicate, nil
		case herr == nil:
			return ResultOK, nil
		case IsPermanent(herr) || errors.Is(herr, envelope.ErrMalformed):
			dupDLQ, err := c.deadLetter(it.ctx, dlq, it.m, it.ev.ID, ReasonPermanent, herr)
			return dlqResult(dupDLQ), err
		case lagging && time.Since(start) >= c.cfg.LagBudget:
			dupDLQ, err := c.deadLetter(it.ctx, dlq, it.m, it.ev.ID, ReasonMaxAttempts,
				fmt.Errorf("still lagging after %s: %w", time.Since(start).Round(time.Millisecond), herr))
			return dlqResult(dupDLQ), err
		case !lagging && (attempt >= c.cfg.MaxAttempts || time.Since(failingSince) >= c.cfg.RetryBudget):
			dupDLQ, err := c.deadLetter(it.ctx, dlq, it.m, it.ev.ID, ReasonMaxAttempts,
				fmt.Errorf("after %d attempts in %s: %w", attempt, time.Since(start).Round(time.Millisecond), herr))
			return dlqResult(dupDLQ), err
		}
		metricRetried.WithLabelValues(c.cfg.Service, c.cfg.Group).Inc()
		switch {
		case !lagging:
			c.log.WarnContext(it.ctx, "handler failed, will retry", "event_id", it.ev.ID, "type", it.ev.Type, "attempt", attempt, "error", logSafe(herr))
		case time.Since(lagLogged) >= lagLogEvery: // a wait of minutes, not a line a second
			lagLogged = time.Now()
			c.log.WarnContext(it.ctx, "handler waits for a lagging stream, will retry", "event_id", it.ev.ID, "type", it.ev.Type,
				"waited", time.Since(start).Round(time.Millisecond), "error", logSafe(herr))
		}
		if !sleep(ctx, b.NextBackOff()) {
			return "", ctx.Err()
		}
		for {
			var ierr error
			if _, herr, ierr = c.attempt(ctx, []*item{it}); ierr == nil {
				break
			}
			// The database, not the handler, failed: retry without
			// spending an attempt, as no message is at fault.
			c.log.WarnContext(it.ctx, "inbox transaction failed, will retry", "event_id", it.ev.ID, "error", ierr)
			if !sleep(ctx, b.NextBackOff()) {
				return "", ctx.Err()
			}
		}
	}
}

func dlqResult(dup bool) string {
	if dup {
		return ResultDuplicate
	}
	return ResultDLQ
}
