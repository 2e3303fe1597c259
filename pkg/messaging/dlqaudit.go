package messaging

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/events"
)

// What an operator did with a dead letter.
const (
	ActionReplayed = "replayed"
	ActionDropped  = "dropped"
)

// AuditRecord is the value of a dead letter's record in
// events.TopicDLQAudit, keyed by its Ref. The topic is compacted: the last
// record of a key is what List shows; earlier ones (a replay, then another)
// stay until compaction, for whoever reads the topic itself.
type AuditRecord struct {
	Ref    string    `json:"ref"`    // dead-letter topic/partition/offset
	Action string    `json:"action"` // replayed or dropped
	By     string    `json:"by"`     // the administrator: the CLI session's user
	At     time.Time `json:"at"`
	ID     string    `json:"ce_id,omitempty"`
	Type   string    `json:"ce_type,omitempty"`
	Topic  string    `json:"topic,omitempty"` // where a replay went
	Note   string    `json:"note,omitempty"`
}

// readAudit returns the latest audit record of every dead letter (those
// only accepts, when given).
func readAudit(ctx context.Context, c *kafka.Client, only func(ref string) bool) (map[string]AuditRecord, error) {
	out := map[string]AuditRecord{}
	var bad error
	err := eachRecord(ctx, c, []string{events.TopicDLQAudit}, func(_ string, _ int, _ kafka.Record, key, value []byte) {
		ref := string(key)
		if only != nil && !only(ref) {
			return
		}
		if value == nil { // a tombstone: forgotten
			delete(out, ref)
			return
		}
		var a AuditRecord
		if err := json.Unmarshal(value, &a); err != nil {
			bad = fmt.Errorf("audit record %s: %w", ref, err)
			return
		}
		out[ref] = a
	})
	if err == nil {
		err = bad
	}
	return out, err
}

// Audit returns the latest audit record of every dead letter.
func (d *DeadLetters) Audit(ctx context.Context) (map[string]AuditRecord, error) {
	c, done := d.client()
	defer done()
	return readAudit(ctx, c, nil)
}

// Replay writes dl back to its original topic, unchanged: same key, value
// and headers (ce_id included) without the dead-letter ones but with
// HeaderDLQReplayOf, so that every
// consumer group sees it again and those that had handled it already find
// its ce_id in their inbox and skip it. Only then is the audit record
// written: a crash between the two leaves a replay unrecorded, and doing
// it again is harmless for the same reason.
func (d *DeadLetters) Replay(ctx context.Context, dl DeadLetter, by string) (AuditRecord, error) {
	if dl.OriginalTopic == "" || !strings.HasSuffix(dl.Topic, events.DLQSuffix) ||
		dl.OriginalTopic != strings.TrimSuffix(dl.Topic, events.DLQSuffix) {
		return AuditRecord{}, fmt.Errorf("replay %s: original topic %q does not fit the dead-letter topic", dl.Ref(), dl.OriginalTopic)
	}
	var hs []kafka.Header
	for _, h := range dl.Headers {
		if !strings.HasPrefix(h.Key, "eoffice_dlq_") {
			hs = append(hs, h)
		}
	}
	// The one header added: the group that dead-lettered it must run it
	// again (see deadMark) rather than take it for a redelivery.
	hs = append(hs, kafka.Header{Key: HeaderDLQReplayOf, Value: []byte(dl.Ref())})
	w := newWriter(d.brokers, d.sec, 1)
	defer w.Close()
	if err := w.WriteMessages(ctx, kafka.Message{Topic: dl.OriginalTopic, Key: dl.Key, Value: dl.Value, Headers: hs}); err != nil {
		return AuditRecord{}, fmt.Errorf("replay %s to %s: %w", dl.Ref(), dl.OriginalTopic, err)
	}
	a := AuditRecord{Ref: dl.Ref(), Action: ActionReplayed, By: by, At: time.Now().UTC(), ID: dl.ID, Type: dl.Type, Topic: dl.OriginalTopic}
	return a, d.record(ctx, w, a)
}

// Drop records that dl is to be left alone: list no longer shows it and
// the DLQ size no longer counts it. The message itself stays until the
// topic's retention removes it.
func (d *DeadLetters) Drop(ctx context.Context, dl DeadLetter, by, note string) (AuditRecord, error) {
	w := newWriter(d.brokers, d.sec, 1)
	defer w.Close()
	a := AuditRecord{Ref: dl.Ref(), Action: ActionDropped, By: by, At: time.Now().UTC(), ID: dl.ID, Type: dl.Type, Note: note}
	return a, d.record(ctx, w, a)
}

func (d *DeadLetters) record(ctx context.Context, w *kafka.Writer, a AuditRecord) error {
	if a.By == "" {
		return errors.New("dead-letter audit: who acted is required")
	}
	v, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := w.WriteMessages(ctx, kafka.Message{Topic: events.TopicDLQAudit, Key: []byte(a.Ref), Value: v}); err != nil {
		return fmt.Errorf("dead-letter audit of %s: %w", a.Ref, err)
	}
	return nil
}
