package messaging_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// Two replicas of a service share one PostgreSQL database, each with its own
// connection pool and relay. Both relays are woken by commits from both
// replicas at once, yet every event reaches the topic exactly once and the
// events of each aggregate keep their order.
func TestTwoRelaysOnOnePostgres(t *testing.T) {
	dsn := storetest.NewPostgresDSN(t) // skips without a server
	ctx := context.Background()
	dbA, dbB := storetest.Open(t, dsn), storetest.Open(t, dsn)
	h := newHarness(t, dbA)

	// A fallback poll as short as the wake-ups makes the relays race as much
	// as they can.
	cfg := messaging.OutboxConfig{Brokers: h.brokers, PollInterval: 5 * time.Millisecond, BatchSize: 7}
	replicas := []struct {
		db *store.DB
		ob *messaging.Outbox
	}{{dbA, messaging.NewOutbox(dbA, cfg)}, {dbB, messaging.NewOutbox(dbB, cfg)}}
	for _, r := range replicas {
		h.run(r.ob.Run)
	}

	const subjects, perSubject = 6, 40
	var wg sync.WaitGroup
	var mu sync.Mutex
	var next [subjects]int64
	// Each replica commits half of every aggregate's events; the numbers of
	// one aggregate are handed out under mu in commit order, so they must
	// arrive ascending.
	for i, r := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range subjects * perSubject / 2 {
				s := (j + i) % subjects
				subject := fmt.Sprintf("doc-%d", s)
				mu.Lock()
				next[s]++
				ev := newEvent(t, ctx, subject, next[s])
				err := r.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return r.ob.Add(ctx, tx, ev) })
				mu.Unlock()
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	want := subjects * perSubject
	eventually(t, "both outboxes drained", func() bool {
		n, err := replicas[0].ob.Pending(ctx)
		return err == nil && n == 0
	})

	got := readAll(t, h, events.TopicDocuments, want)
	seen := map[string]int{}
	last := map[string]int64{}
	for _, m := range got {
		ev, err := envelope.FromMessage(m)
		if err != nil {
			t.Fatal(err)
		}
		seen[ev.ID]++
		if seen[ev.ID] == 2 {
			t.Errorf("event %s (%s #%d) published twice", ev.ID, ev.Subject, number(t, ev))
		}
		if n := number(t, ev); n <= last[ev.Subject] && seen[ev.ID] == 1 {
			t.Errorf("%s: number %d after %d, out of order", ev.Subject, n, last[ev.Subject])
		} else {
			last[ev.Subject] = n
		}
	}
	if len(seen) != want {
		t.Errorf("%d distinct events on the topic, want %d", len(seen), want)
	}
}

// readAll reads topic from the start until at least n messages came and no
// more arrives for a second, so that duplicates beyond n are seen too.
func readAll(t *testing.T, h *harness, topic string, n int) []kafka.Message {
	t.Helper()
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: h.brokers, GroupID: h.group("all-" + topic), Topic: topic,
		StartOffset: kafka.FirstOffset, MaxBytes: 256 << 10, MaxWait: 50 * time.Millisecond})
	defer r.Close()
	deadline := time.Now().Add(timeout)
	var out []kafka.Message
	for {
		wait := time.Until(deadline)
		if len(out) >= n {
			wait = time.Second
		}
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		m, err := r.ReadMessage(ctx)
		cancel()
		if err != nil {
			if len(out) < n {
				t.Fatalf("read %s: got %d of %d messages: %v", topic, len(out), n, err)
			}
			return out
		}
		out = append(out, m)
	}
}
