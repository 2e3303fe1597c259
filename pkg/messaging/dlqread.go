package messaging

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
)

// DeadLetters reads the dead-letter topics and acts on them for an
// operator (the CLI's `eoffice events dlq`). Kafka topics are append-only:
// a dead letter is never removed, so what was done with it is recorded
// beside it, in the compacted events.TopicDLQAudit (dlqaudit.go).
type DeadLetters struct {
	brokers []string
	sec     kafkaconn.Config
}

// NewDeadLetters reads and writes through brokers with sec.
func NewDeadLetters(brokers []string, sec kafkaconn.Config) *DeadLetters {
	return &DeadLetters{brokers: brokers, sec: sec}
}

// DeadLetter is one message of a dead-letter topic with what its headers
// say of its failure, and what was done with it, if anything.
type DeadLetter struct {
	Topic     string // the dead-letter topic
	Partition int
	Offset    int64
	Time      time.Time // when it was dead-lettered (the record's time)
	Key       []byte
	Value     []byte
	Headers   []kafka.Header // the original's, then the eoffice_dlq_* ones

	OriginalTopic string
	ID            string // ce_id
	Type          string // ce_type
	Reason        string // HeaderDLQReason
	Error         string // HeaderDLQError
	Group         string // the consumer group that gave up on it
	Handled       *AuditRecord
}

// Ref names a dead letter where it sits: topic/partition/offset. It is the
// key of its audit record and what the CLI's show, replay and drop take.
func (d DeadLetter) Ref() string { return fmt.Sprintf("%s/%d/%d", d.Topic, d.Partition, d.Offset) }

// Header is the value of header key, "" when absent.
func (d DeadLetter) Header(key string) string { return headerValue(d.Headers, key) }

// ParseRef splits a Ref.
func ParseRef(ref string) (topic string, partition int, offset int64, err error) {
	i := strings.LastIndex(ref, "/")
	j := strings.LastIndex(ref[:max(i, 0)], "/")
	if i < 0 || j < 0 {
		return "", 0, 0, fmt.Errorf("%q is not topic/partition/offset", ref)
	}
	p, err1 := strconv.Atoi(ref[j+1 : i])
	o, err2 := strconv.ParseInt(ref[i+1:], 10, 64)
	if err1 != nil || err2 != nil || p < 0 || o < 0 {
		return "", 0, 0, fmt.Errorf("%q is not topic/partition/offset", ref)
	}
	return ref[:j], p, o, nil
}

func headerValue(hs []kafka.Header, key string) string {
	for _, h := range hs {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

func (d *DeadLetters) client() (*kafka.Client, func()) {
	t := d.sec.Transport()
	return &kafka.Client{Addr: kafka.TCP(d.brokers...), Transport: t, Timeout: 10 * time.Second}, t.CloseIdleConnections
}

// List returns every dead letter now in topics (dead-letter topic names),
// oldest first per partition, each with its audit record if it has one. A
// topic that does not exist has none.
func (d *DeadLetters) List(ctx context.Context, topics []string) ([]DeadLetter, error) {
	c, done := d.client()
	defer done()
	audit, err := readAudit(ctx, c, nil)
	if err != nil {
		return nil, err
	}
	var out []DeadLetter
	err = eachRecord(ctx, c, topics, func(topic string, partition int, r kafka.Record, key, value []byte) {
		dl := DeadLetter{Topic: topic, Partition: partition, Offset: r.Offset, Time: r.Time, Key: key, Value: value,
			Headers: copyHeaders(r.Headers)}
		dl.OriginalTopic = dl.Header(HeaderDLQOriginalTopic)
		dl.ID, dl.Type = dl.Header("ce_id"), dl.Header("ce_type")
		dl.Reason, dl.Error, dl.Group = dl.Header(HeaderDLQReason), dl.Header(HeaderDLQError), dl.Header(HeaderDLQGroup)
		if a, ok := audit[dl.Ref()]; ok {
			dl.Handled = &a
		}
		out = append(out, dl)
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out, err
}

// Get returns the dead letter at ref.
func (d *DeadLetters) Get(ctx context.Context, ref string) (DeadLetter, error) {
	topic, p, o, err := ParseRef(ref)
	if err != nil {
		return DeadLetter{}, err
	}
	all, err := d.List(ctx, []string{topic})
	if err != nil {
		return DeadLetter{}, err
	}
	for _, dl := range all {
		if dl.Partition == p && dl.Offset == o {
			return dl, nil
		}
	}
	return DeadLetter{}, fmt.Errorf("%s: %w", ref, ErrNoDeadLetter)
}

// ErrNoDeadLetter: nothing at that topic/partition/offset.
var ErrNoDeadLetter = errors.New("no such dead letter")

// eachRecord calls fn with every record now in topics, all partitions,
// from the first offset kept to the end as it was when called.
func eachRecord(ctx context.Context, c *kafka.Client, topics []string, fn func(topic string, partition int, r kafka.Record, key, value []byte)) error {
	ends, err := partitionOffsets(ctx, c, topics)
	if err != nil {
		return err
	}
	for _, topic := range topics {
		for _, po := range ends[topic] {
			if err := readRange(ctx, c, topic, po.Partition, po.FirstOffset, po.LastOffset, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// partitionOffsets is every partition's first and end offset by topic;
// unknown topics are left out.
func partitionOffsets(ctx context.Context, c *kafka.Client, topics []string) (map[string][]kafka.PartitionOffsets, error) {
	md, err := c.Metadata(ctx, &kafka.MetadataRequest{Topics: topics})
	if err != nil {
		return nil, fmt.Errorf("kafka metadata: %w", err)
	}
	req := &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{}}
	for _, t := range md.Topics {
		if t.Error != nil {
			continue // not created: nothing in it
		}
		for _, p := range t.Partitions {
			req.Topics[t.Name] = append(req.Topics[t.Name], kafka.FirstOffsetOf(p.ID), kafka.LastOffsetOf(p.ID))
		}
	}
	if len(req.Topics) == 0 {
		return nil, nil
	}
	res, err := c.ListOffsets(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("kafka offsets: %w", err)
	}
	for t, ps := range res.Topics {
		for _, p := range ps {
			if p.Error != nil {
				return nil, fmt.Errorf("kafka offsets of %s/%d: %w", t, p.Partition, p.Error)
			}
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].Partition < ps[j].Partition })
	}
	return res.Topics, nil
}

// readRange reads [from, to) of one partition. Offsets may have gaps (a
// compacted topic): it goes by what each fetch returns.
func readRange(ctx context.Context, c *kafka.Client, topic string, partition int, from, to int64,
	fn func(topic string, partition int, r kafka.Record, key, value []byte)) error {
	for off := from; off < to; {
		res, err := c.Fetch(ctx, &kafka.FetchRequest{Topic: topic, Partition: partition, Offset: off,
			MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 500 * time.Millisecond})
		if err == nil {
			err = res.Error
		}
		if err != nil {
			return fmt.Errorf("read %s/%d at %d: %w", topic, partition, off, err)
		}
		next := off
		for {
			r, err := res.Records.ReadRecord()
			if err != nil {
				break // io.EOF, or a partial batch at the end of the answer
			}
			key, kerr := readBytes(r.Key)
			value, verr := readBytes(r.Value)
			if kerr != nil || verr != nil {
				return fmt.Errorf("read %s/%d at %d: %w", topic, partition, r.Offset, errors.Join(kerr, verr))
			}
			if r.Offset >= off && r.Offset < to {
				fn(topic, partition, *r, key, value)
			}
			next = r.Offset + 1
		}
		if next == off {
			break // nothing came back (retention removed the rest): done
		}
		off = next
	}
	return nil
}

// copyHeaders copies hs: a fetch's buffers are reused.
func copyHeaders(hs []kafka.Header) []kafka.Header {
	out := make([]kafka.Header, len(hs))
	for i, h := range hs {
		out[i] = kafka.Header{Key: h.Key, Value: append([]byte(nil), h.Value...)}
	}
	return out
}

func readBytes(b kafka.Bytes) ([]byte, error) {
	if b == nil {
		return nil, nil
	}
	return protocol.ReadAll(b)
}
