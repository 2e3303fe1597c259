package messaging

import (
	"context"
	"fmt"
	"time"

	"github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
)

// item is one fetched message on its way through a batch.
type item struct {
	m     kafka.Message
	ctx   context.Context // carries the consumer span
	span  trace.Span
	start time.Time
	label string // the type, for metrics
	ev    envelope.Event
	h     Handler // nil: a known type this group skips
	// dead is set when the message goes to the DLQ without running
	// anything (malformed, unknown type).
	dead     *deadLetterReason
	dup      bool // set by attempt: the inbox already had the event
	finished bool
}

type deadLetterReason struct {
	id, reason string
	cause      error
}

// prepare starts the message's span and decides what it is.
func (c *Consumer) prepare(ctx context.Context, m kafka.Message) *item {
	it := &item{m: m, start: time.Now(), label: unknownType}
	it.ctx, it.span = startProcess(ctx, m, c.cfg.Group)
	ev, err := envelope.FromMessage(m)
	if err != nil {
		// Its ce_id, if any, cannot be trusted: name it by its place.
		it.dead = &deadLetterReason{coordinateID(m), ReasonMalformed, err}
		return it
	}
	it.ev = ev
	short, ok := ev.Short()
	if !ok {
		it.dead = &deadLetterReason{ev.ID, ReasonUnknownType, fmt.Errorf("%w: unknown type %q", envelope.ErrMalformed, ev.Type)}
		return it
	}
	it.label = short
	// The broker does not authenticate producers: an event whose type is
	// not of this topic, or whose source is not the topic's owner, is
	// forged or misrouted, and no handler (nor skip) may take it as real.
	if err := events.CheckOrigin(m.Topic, short, ev.Source); err != nil {
		it.dead = &deadLetterReason{ev.ID, ReasonUntrusted, err}
		return it
	}
	it.h = c.cfg.Handlers[short]
	if it.h == nil || c.cfg.LazyPayloads {
		return it
	}
	// A payload that does not decode never will: no use retrying it. The
	// decoded payload is kept for the handler, whose Decode copies it
	// instead of parsing the JSON a second time.
	if err := it.ev.Keep(); err != nil {
		it.dead = &deadLetterReason{ev.ID, ReasonMalformed, err}
	}
	return it
}

// processBatch deals with msgs in order and returns how many it finished;
// it stops early only when ctx ends (err is then ctx's).
func (c *Consumer) processBatch(ctx context.Context, dlq *kafka.Writer, msgs []kafka.Message) (done int, err error) {
	items := make([]*item, len(msgs))
	for i, m := range msgs {
		items[i] = c.prepare(ctx, m)
	}
	defer func() {
		for _, it := range items {
			if !it.finished {
				endSpan(it.span, err)
			}
		}
	}()
	for done < len(items) {
		if it := items[done]; it.dead != nil {
			dup, err := c.deadLetter(it.ctx, dlq, it.m, it.dead.id, it.dead.reason, it.dead.cause)
			if err != nil {
				return done, err
			}
			c.finish(it, dlqResult(dup))
			done++
			continue
		}
		end := done + 1
		for end < len(items) && items[end].dead == nil {
			end++
		}
		n, err := c.handleRun(ctx, dlq, items[done:end])
		done += n
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// handleRun handles items (none of them dead on arrival) in one
// transaction. When a handler fails, everything rolls back; the items
// before it are handled again (their own transaction), then the failing one
// alone with retries and perhaps the DLQ, then the rest: a poison message
// never takes its neighbours with it, and the inbox keeps each effect once.
func (c *Consumer) handleRun(ctx context.Context, dlq *kafka.Writer, items []*item) (int, error) {
	done := 0
	b := newBackoff(loopBackoffMin, loopBackoffMax)
	for done < len(items) {
		rest := items[done:]
		failed, herr, ierr := c.attempt(ctx, rest)
		if ierr != nil {
			// The database, not a handler, failed: retry the lot.
			c.log.WarnContext(ctx, "inbox transaction failed, will retry", "events", len(rest), "error", ierr)
			if !sleep(ctx, b.NextBackOff()) {
				return done, ctx.Err()
			}
			continue
		}
		if herr == nil {
			for _, it := range rest {
				c.finish(it, it.result())
			}
			return len(items), nil
		}
		if failed > 0 {
			n, err := c.handleRun(ctx, dlq, rest[:failed])
			done += n
			if err != nil {
				return done, err
			}
		}
		it := rest[failed]
		result, err := c.handle(ctx, dlq, it, herr)
		if err != nil {
			return done, err
		}
		c.finish(it, result)
		done++
	}
	return done, nil
}

func (it *item) result() string {
	switch {
	case it.h == nil:
		return ResultSkipped
	case it.dup:
		return ResultDuplicate
	}
	return ResultOK
}

// finish ends the item's span and counts it.
func (c *Consumer) finish(it *item, result string) {
	it.finished = true
	it.span.SetAttributes(attribute.String("eoffice.messaging.result", result))
	if result == ResultDLQ {
		it.span.SetStatus(codes.Error, "dead-lettered")
	}
	it.span.End()
	metricHandled.WithLabelValues(c.cfg.Service, c.cfg.Group, it.label, result).Inc()
	metricHandleSeconds.WithLabelValues(c.cfg.Service, c.cfg.Group, it.label).Observe(time.Since(it.start).Seconds())
}
