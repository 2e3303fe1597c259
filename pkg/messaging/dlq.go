package messaging

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
)

// Headers a dead-lettered message carries besides its original ones.
const (
	HeaderDLQReason            = "eoffice_dlq_reason"
	HeaderDLQError             = "eoffice_dlq_error"
	HeaderDLQGroup             = "eoffice_dlq_group"
	HeaderDLQOriginalTopic     = "eoffice_dlq_original_topic"
	HeaderDLQOriginalPartition = "eoffice_dlq_original_partition"
	HeaderDLQOriginalOffset    = "eoffice_dlq_original_offset"
	HeaderDLQFailedAt          = "eoffice_dlq_failed_at"
	// HeaderDLQReplayOf marks a message an operator replayed from a
	// dead-letter topic (its Ref); dlq.go's deadMark says why it matters.
	HeaderDLQReplayOf = "eoffice_dlq_replay_of"
)

// Values of HeaderDLQReason.
const (
	ReasonMalformed   = "malformed"    // not a CloudEvent of ours, or its payload does not decode
	ReasonUnknownType = "unknown_type" // ce_type is not in pkg/events
	ReasonUntrusted   = "untrusted"    // type of another topic, or ce_source not the topic's owner
	ReasonPermanent   = "permanent"    // the handler returned Permanent(err)
	ReasonMaxAttempts = "max_attempts" // the handler kept failing
)

// maxErrorHeader bounds the error text put in a header.
const maxErrorHeader = 1024

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Permanent marks an error that retrying cannot fix: the message goes to
// the DLQ at once. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

// IsPermanent reports whether err, or an error it wraps, was marked by
// Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

type laggingError struct{ err error }

func (e *laggingError) Error() string { return e.err.Error() }
func (e *laggingError) Unwrap() error { return e.err }

// Lagging marks an error that only time fixes: what the handler needs comes
// from another stream that has not caught up yet (a read model whose own
// consumer is still joining its group, as at a deployment's first start).
// Such a failure spends no attempt and is retried for LagBudget, not
// RetryBudget, before the message is dead-lettered: everything behind it
// on its partition is waiting for the same stream anyway. Mark only what
// cannot be a fact, or one bad message holds its partition for the whole
// LagBudget. Lagging(nil) is nil.
func Lagging(err error) error {
	if err == nil {
		return nil
	}
	return &laggingError{err}
}

// IsLagging reports whether err, or an error it wraps, was marked by
// Lagging.
func IsLagging(err error) bool {
	var l *laggingError
	return errors.As(err, &l)
}

// deadMark is the inbox entry of a dead-lettered event. It is not the
// event's own id: that one means "handled", and a replay of the event (same
// ce_id, so that groups that did handle it skip it) must still run in the
// group that dead-lettered it. The mark keeps a plain redelivery of the
// original (a restart before the offset commit) from being dead-lettered
// twice or retried at length again (handle).
func deadMark(inboxID string) string { return "dlq:" + inboxID }

// isReplay reports whether an operator replayed m from a dead-letter topic.
func isReplay(m kafka.Message) bool { return headerValue(m.Headers, HeaderDLQReplayOf) != "" }

// deadLetter publishes m unchanged to its topic's dead-letter twin, with the
// reason in headers, then records the event's dead mark so that a
// redelivery (after a restart before the offset commit) is not dead-lettered
// again. It reports dup when the mark was already there, unless m is a
// replay: a replay that fails again is a new dead letter. Publishing is
// retried until it succeeds; only an ended ctx makes it give up (the offset
// then stays uncommitted and the message comes again).
func (c *Consumer) deadLetter(ctx context.Context, w *kafka.Writer, m kafka.Message, inboxID, reason string, cause error) (dup bool, err error) {
	if seen, err := c.seen(ctx, deadMark(inboxID)); err == nil && seen && !isReplay(m) {
		return true, nil
	}
	msg := kafka.Message{
		Topic:   m.Topic + events.DLQSuffix,
		Key:     m.Key,
		Value:   m.Value,
		Headers: dlqHeaders(m, c.cfg.Group, reason, cause),
	}
	b := newBackoff(loopBackoffMin, publishBackoffMax)
	for {
		// The write itself outlives a cancel so an in-flight message
		// finishes; only the waits between tries honour ctx.
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		err := w.WriteMessages(wctx, msg)
		cancel()
		if err == nil {
			break
		}
		c.log.WarnContext(ctx, "dead-letter publish failed, will retry", "topic", msg.Topic, "error", err)
		if !sleep(ctx, b.NextBackOff()) {
			return false, ctx.Err()
		}
	}
	metricDeadLettered.WithLabelValues(c.cfg.Service, c.cfg.Group, reason).Inc()
	c.log.WarnContext(ctx, "message dead-lettered",
		"topic", m.Topic, "partition", m.Partition, "offset", m.Offset,
		"event_id", inboxID, "reason", reason, "error", logSafe(cause))
	return false, c.record(ctx, deadMark(inboxID))
}

func dlqHeaders(m kafka.Message, group, reason string, cause error) []kafka.Header {
	msg := cause.Error()
	if len(msg) > maxErrorHeader {
		msg = msg[:maxErrorHeader]
	}
	h := make([]kafka.Header, 0, len(m.Headers)+7)
	h = append(h, m.Headers...)
	return append(h,
		kafka.Header{Key: HeaderDLQReason, Value: []byte(reason)},
		kafka.Header{Key: HeaderDLQError, Value: []byte(msg)},
		kafka.Header{Key: HeaderDLQGroup, Value: []byte(group)},
		kafka.Header{Key: HeaderDLQOriginalTopic, Value: []byte(m.Topic)},
		kafka.Header{Key: HeaderDLQOriginalPartition, Value: []byte(strconv.Itoa(m.Partition))},
		kafka.Header{Key: HeaderDLQOriginalOffset, Value: []byte(strconv.FormatInt(m.Offset, 10))},
		kafka.Header{Key: HeaderDLQFailedAt, Value: []byte(time.Now().UTC().Format(time.RFC3339Nano))},
	)
}

// logSafe keeps payload out of the log: a protojson decode error quotes the
// text it choked on. The full error still goes to the dead-letter headers,
// beside the payload itself.
func logSafe(err error) string {
	if errors.Is(err, envelope.ErrMalformed) && strings.Contains(err.Error(), ": decode ") {
		return "payload does not decode (details in the dead-letter headers)"
	}
	return err.Error()
}

// coordinateID names a message by where it sits in Kafka, for messages whose
// own ce_id cannot be trusted.
func coordinateID(m kafka.Message) string {
	return fmt.Sprintf("kafka:%s/%d/%d", m.Topic, m.Partition, m.Offset)
}
