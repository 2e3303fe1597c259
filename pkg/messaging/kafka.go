package messaging

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// newWriter returns the one writer configuration both the relay and the
// dead-letter path use; each setting avoids a kafka-go default that bites
// (ARCHITECTURE.md, Messaging).
func newWriter(brokers []string, sec kafkaconn.Config, batchSize int) *kafka.Writer {
	return &kafka.Writer{
		Addr: kafka.TCP(brokers...),
		// SASL and TLS as configured (kafkaconn).
		Transport: sec.Transport(),
		// The key is the aggregate id: one aggregate, one partition, in order.
		Balancer: &kafka.Hash{},
		// The zero value is RequireNone, which loses messages.
		RequiredAcks: kafka.RequireAll,
		// How long a partition's batch waits for more messages. Our writers
		// never need to wait: the relay writes each batch of rows in one
		// WriteMessages call, whose messages kafka-go adds to each
		// partition's batch under that partition's lock, which the timer
		// needs too, so no timeout can cut a call short; a dead-letter
		// writer sends one message at a time. Any wait only held every
		// event back at each hop (the default 1 s; at 1 ms, a millisecond
		// or more on a busy machine). Zero means the default here, hence
		// the smallest step.
		BatchTimeout: time.Nanosecond,
		BatchSize:    batchSize,
		// After a few quick tries our own backoff loop takes over and logs.
		MaxAttempts: 3,
		// Every topic, dead-letter ones included, is created when the broker
		// starts: kfake forgets topics auto-created later if it crashes.
		AllowAutoTopicCreation: false,
	}
}

// kafkaLogger routes kafka-go's error log to slog. Two kinds of message are
// expected and logged at debug level only: anything once closing is set
// (the reader tears its connections down), and read i/o timeouts: kafka-go
// asks the broker to wait 3/4 of MaxWait but stops reading at MaxWait, so an
// answer 25 ms late (a busy machine is enough) times out, and the reader
// simply fetches again.
func kafkaLogger(log *slog.Logger, closing *atomic.Bool) kafka.Logger {
	return kafka.LoggerFunc(func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		level := slog.LevelWarn
		if closing.Load() || strings.HasSuffix(msg, "i/o timeout") {
			level = slog.LevelDebug
		}
		log.Log(context.Background(), level, "kafka: "+msg)
	})
}

// Waits between tries, doubling from the first to the cap (with the
// library's ±50 % jitter). A failing handler holds its partition, so it is
// retried fast and briefly; the consumer's and relay's own loops (fetch,
// inbox, dead-letter and outbox publishes) wait on a broker or database
// that is down, so they start slower and back off further.
const (
	handlerBackoffMin = 50 * time.Millisecond
	handlerBackoffMax = time.Second
	loopBackoffMin    = 100 * time.Millisecond
	loopBackoffMax    = 5 * time.Second
	publishBackoffMax = 10 * time.Second
)

func newBackoff(initial, max time.Duration) *backoff.ExponentialBackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = initial
	b.MaxInterval = max
	b.Multiplier = 2
	b.Reset()
	return b
}

// sleep waits d, or less if ctx ends; it reports whether ctx is still alive.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// execTx runs one statement in its own transaction on the writer pool.
func execTx(ctx context.Context, db *store.DB, q string, args ...any) error {
	return db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}
