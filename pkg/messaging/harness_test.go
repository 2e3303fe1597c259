package messaging_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// timeout bounds every wait so a broken build fails instead of hanging; it
// is never a performance assertion.
const timeout = 20 * time.Second

const source = "/eoffice/documents"

var errRollback = errors.New("roll back")

// harness is one database, migrated, and one embedded broker over TCP with
// every topic (dead-letter ones included) created at start.
type harness struct {
	t       *testing.T
	db      *store.DB
	brokers []string
}

func newHarness(t *testing.T, db *store.DB) *harness {
	t.Helper()
	ctx := context.Background()
	for range 2 { // the second run is the no-op of every restart
		if err := messaging.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// No key on purpose: a handler running twice would show as two rows.
		_, err := tx.ExecContext(ctx, `CREATE TABLE handled (
			grp TEXT NOT NULL, event_id TEXT NOT NULL, subject TEXT NOT NULL, number BIGINT NOT NULL)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 3, Topics: events.Topics(),
		Compacted: []string{events.TopicDLQAudit}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return &harness{t: t, db: db, brokers: []string{b.Addr()}}
}

var groupSeq atomic.Int64

// group is a consumer group name unique to this call in the process, so that
// groups and their (process-wide) metrics never mix between tests, nor
// between runs of one test under -count.
func (h *harness) group(suffix string) string {
	return fmt.Sprintf("%s-%s-%d", strings.NewReplacer("/", "-", " ", "_").Replace(h.t.Name()), suffix, groupSeq.Add(1))
}

func (h *harness) outbox(poll time.Duration) *messaging.Outbox {
	return messaging.NewOutbox(h.db, messaging.OutboxConfig{Brokers: h.brokers, PollInterval: poll})
}

func (h *harness) consumer(group string, handlers map[string]messaging.Handler, maxAttempts int) *messaging.Consumer {
	h.t.Helper()
	c, err := messaging.NewConsumer(h.db, messaging.ConsumerConfig{
		Brokers: h.brokers, Group: group, Topics: []string{events.TopicDocuments},
		Handlers: handlers, MaxAttempts: maxAttempts,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// run starts fn in the background; the returned stop cancels it and waits
// for it to return nil. stop also runs at cleanup, before the broker stops.
func (h *harness) run(fn func(context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					h.t.Errorf("Run returned %v, want nil", err)
				}
			case <-time.After(timeout):
				h.t.Errorf("Run did not return within %v of cancel", timeout)
			}
		})
	}
	h.t.Cleanup(stop)
	return stop
}

// commit adds evs to the outbox in one committed transaction.
func (h *harness) commit(ob *messaging.Outbox, evs ...envelope.Event) {
	h.t.Helper()
	if err := h.db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		return ob.Add(ctx, tx, evs...)
	}); err != nil {
		h.t.Fatal(err)
	}
}

// produce writes raw messages to Kafka, bypassing the outbox.
func (h *harness) produce(msgs ...kafka.Message) {
	h.t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(h.brokers...), RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond, Balancer: &kafka.Hash{}}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for _, m := range msgs { // one by one: the order within a key is the test's point
		if err := w.WriteMessages(ctx, m); err != nil {
			h.t.Fatal(err)
		}
	}
}

// readTopic reads n messages from every partition of topic through a fresh
// consumer group.
func (h *harness) readTopic(topic string, n int) []kafka.Message {
	h.t.Helper()
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: h.brokers, GroupID: h.group("reader-" + topic), Topic: topic,
		StartOffset: kafka.FirstOffset, MaxBytes: 256 << 10, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out []kafka.Message
	for len(out) < n {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			h.t.Fatalf("read %s: got %d of %d messages: %v", topic, len(out), n, err)
		}
		out = append(out, m)
	}
	return out
}

func (h *harness) handledRows(group string) int {
	h.t.Helper()
	var n int
	if err := h.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM handled WHERE grp = $1`, group).Scan(&n); err != nil {
		h.t.Fatal(err)
	}
	return n
}

func newEvent(t *testing.T, ctx context.Context, subject string, n int64) envelope.Event {
	t.Helper()
	ev, err := envelope.New(ctx, source, events.DocumentIssued, subject, &eventsv1.DocumentIssued{DocumentId: subject, Number: n})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func number(t *testing.T, ev envelope.Event) int64 {
	var p eventsv1.DocumentIssued
	if err := ev.Decode(&p); err != nil {
		t.Errorf("decode: %v", err)
	}
	return p.GetNumber()
}

// recorder is a handler that writes a row per event in the handler's
// transaction and remembers, in commit order, what it handled.
type recorder struct {
	t     *testing.T
	group string
	calls atomic.Int32
	mu    sync.Mutex
	got   []envelope.Event
	// fail, when set, decides the error of a call (the call count is 1-based).
	fail func(ev envelope.Event, call int32) error
}

func newRecorder(t *testing.T, group string) *recorder { return &recorder{t: t, group: group} }

func (r *recorder) handlers() map[string]messaging.Handler {
	return map[string]messaging.Handler{events.DocumentIssued: r.handle}
}

func (r *recorder) handle(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	call := r.calls.Add(1)
	if r.fail != nil {
		if err := r.fail(ev, call); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO handled (grp, event_id, subject, number) VALUES ($1, $2, $3, $4)`,
		r.group, ev.ID, ev.Subject, number(r.t, ev)); err != nil {
		return err
	}
	tx.OnCommit(func() {
		r.mu.Lock()
		r.got = append(r.got, ev)
		r.mu.Unlock()
	})
	return nil
}

func (r *recorder) events() []envelope.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]envelope.Event(nil), r.got...)
}

func (r *recorder) has(id string) bool {
	for _, ev := range r.events() {
		if ev.ID == id {
			return true
		}
	}
	return false
}

// eventually polls cond until it holds or the generous timeout passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// handledTotal reads eoffice_consumer_handled_total for a group and result,
// summed over types.
func handledTotal(t *testing.T, group, result string) int {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, mf := range mfs {
		if mf.GetName() != "eoffice_consumer_handled_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["group"] == group && labels["result"] == result {
				total += m.GetCounter().GetValue()
			}
		}
	}
	return int(total)
}

func header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}
