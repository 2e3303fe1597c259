package messaging

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel/trace"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Run is the relay: it publishes unsent rows in id order and marks them
// sent, whenever Wake is called and every PollInterval. A failed publish is
// retried with backoff for as long as ctx lives; a row is never dropped. When
// ctx is cancelled it publishes what is pending, for at most DrainTimeout,
// and returns nil; rows it could not publish go out at the next start.
func (o *Outbox) Run(ctx context.Context) error {
	if len(o.cfg.Brokers) == 0 {
		return fmt.Errorf("outbox relay: %w", errNoBrokers)
	}
	if err := checkSchema(ctx, o.db); err != nil {
		return fmt.Errorf("outbox relay: %w", err)
	}
	w := newWriter(o.cfg.Brokers, o.cfg.Kafka, o.cfg.BatchSize)
	defer w.Close()
	o.log.Info("outbox relay started", "poll_interval", o.cfg.PollInterval)

	// The first pass runs at once: rows may be left from a previous run.
	poll := time.NewTimer(0)
	defer poll.Stop()
	nextPrune := time.Now()
	for {
		select {
		case <-ctx.Done():
			o.drain(ctx, w)
			o.log.Info("outbox relay stopped")
			return nil
		case <-o.wake:
		case <-poll.C:
		}
		_ = o.flush(ctx, w) // fails only when ctx ends; the drain follows
		if now := time.Now(); ctx.Err() == nil && !now.Before(nextPrune) {
			o.prune(ctx, now)
			nextPrune = now.Add(time.Hour)
		}
		poll.Reset(o.cfg.PollInterval)
	}
}

func (o *Outbox) drain(ctx context.Context, w *kafka.Writer) {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.cfg.DrainTimeout)
	defer cancel()
	if err := o.flush(dctx, w); err != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		n, _ := o.Pending(cctx)
		o.log.Warn("outbox relay stopped with rows unsent; they go out at the next start", "pending", n, "error", err)
	}
}

// flush publishes until no unsent row is left. It returns an error only
// when ctx ends first.
func (o *Outbox) flush(ctx context.Context, w *kafka.Writer) error {
	b := newBackoff(loopBackoffMin, publishBackoffMax)
	for {
		n, err := o.batch(ctx, w)
		if err == nil && n == 0 {
			metricPending.WithLabelValues(o.cfg.Service).Set(0)
			o.oldest.Store(0)
			return nil
		}
		if err == nil {
			b.Reset()
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		o.log.WarnContext(ctx, "outbox relay: publish failed, will retry", "rows", n, "error", err)
		if n, perr := o.Pending(ctx); perr == nil {
			metricPending.WithLabelValues(o.cfg.Service).Set(float64(n))
		}
		if !sleep(ctx, b.NextBackOff()) {
			return ctx.Err()
		}
	}
}

// batch publishes one batch of unsent rows and marks them; it returns how
// many rows it found. On PostgreSQL it runs as one claimed transaction (see
// claim.go) so that replicas sharing the database never send a row twice;
// on SQLite, which only one process opens, it holds no transaction while it
// publishes, so the service's single writer connection stays free.
func (o *Outbox) batch(ctx context.Context, w *kafka.Writer) (int, error) {
	if o.db.Dialect == store.Postgres {
		return o.claimedBatch(ctx, w)
	}
	rows, err := o.load(ctx, o.db)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return len(rows), o.publishAndMark(ctx, w, rows, func(q string, args ...any) error {
		return execTx(ctx, o.db, q, args...)
	})
}

// publishAndMark publishes rows and records the outcome with exec.
func (o *Outbox) publishAndMark(ctx context.Context, w *kafka.Writer, rows []outboxRow, exec func(q string, args ...any) error) error {
	sent, failed, err := o.publish(ctx, w, rows)
	if len(sent) > 0 {
		// A row published but not marked is published again later:
		// a duplicate, which the consumers' inbox absorbs.
		if merr := o.mark(exec, sent, true); merr != nil {
			err = errors.Join(err, merr)
		}
	}
	if len(failed) > 0 {
		_ = o.mark(exec, failed, false)
	}
	return err
}

type outboxRow struct {
	topic, key string
	ev         envelope.Event
}

func (o *Outbox) load(ctx context.Context, q store.Querier) ([]outboxRow, error) {
	rs, err := q.QueryContext(ctx, `SELECT id, topic, key, type, source, subject, time, data, traceparent, tracestate
		FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`, o.cfg.BatchSize)
	if err != nil {
		return nil, fmt.Errorf("load outbox: %w", err)
	}
	defer rs.Close()
	var out []outboxRow
	for rs.Next() {
		var r outboxRow
		var ts, data string
		if err := rs.Scan(&r.ev.ID, &r.topic, &r.key, &r.ev.Type, &r.ev.Source, &r.ev.Subject, &ts, &data,
			&r.ev.TraceParent, &r.ev.TraceState); err != nil {
			return nil, fmt.Errorf("load outbox: %w", err)
		}
		if r.ev.Time, err = time.Parse(time.RFC3339Nano, ts); err != nil {
			return nil, fmt.Errorf("load outbox %s: time %q: %w", r.ev.ID, ts, err)
		}
		r.ev.Data = []byte(data)
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("load outbox: %w", err)
	}
	return out, nil
}

// publish writes the rows in one call, so that the writer batches them per
// partition in id order, and reports which made it.
func (o *Outbox) publish(ctx context.Context, w *kafka.Writer, rows []outboxRow) (sent, failed []string, err error) {
	if len(rows) > 0 {
		// Rows come in id order, the order they were written in.
		o.oldest.Store(rows[0].ev.Time.UnixNano())
	}
	msgs := make([]kafka.Message, len(rows))
	spans := make([]trace.Span, len(rows))
	for i, r := range rows {
		msgs[i] = r.ev.Message(r.topic)
		msgs[i].Key = []byte(r.key)
		spans[i] = startPublish(ctx, r.ev, &msgs[i])
	}
	err = w.WriteMessages(ctx, msgs...)
	var werrs kafka.WriteErrors
	perMessage := errors.As(err, &werrs) && len(werrs) == len(msgs)
	for i, r := range rows {
		e := err
		if perMessage {
			e = werrs[i]
		}
		endSpan(spans[i], e)
		if e != nil {
			failed = append(failed, r.ev.ID)
			continue
		}
		sent = append(sent, r.ev.ID)
		metricPublished.WithLabelValues(o.cfg.Service, r.topic).Inc()
	}
	if err != nil {
		err = fmt.Errorf("publish %d of %d events: %w", len(failed), len(rows), err)
	}
	return sent, failed, err
}

// mark counts an attempt on the rows and, when sent, records when.
func (o *Outbox) mark(exec func(q string, args ...any) error, ids []string, sent bool) error {
	q := `UPDATE outbox SET attempts = attempts + 1`
	args := make([]any, 0, len(ids)+1)
	if sent {
		q += `, sent_at = $1`
		args = append(args, formatTime(time.Now()))
	}
	q += ` WHERE id IN (` + placeholders(len(args)+1, len(ids)) + `)`
	for _, id := range ids {
		args = append(args, id)
	}
	if err := exec(q, args...); err != nil {
		return fmt.Errorf("mark outbox rows: %w", err)
	}
	return nil
}

// prune deletes rows sent longer ago than Retention; failure only delays it.
func (o *Outbox) prune(ctx context.Context, now time.Time) {
	if err := execTx(ctx, o.db, `DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1`,
		formatTime(now.Add(-o.cfg.Retention))); err != nil {
		o.log.WarnContext(ctx, "outbox prune failed", "error", err)
	}
}

// placeholders returns "$first, $first+1, ..." n times.
func placeholders(first, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", first+i)
	}
	return b.String()
}
