package messaging_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// 1. Committed events arrive once each, in order per key; events of a
// rolled-back transaction are never published.
func TestOutboxToConsumer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		ob := h.outbox(100 * time.Millisecond)
		group := h.group("g")
		rec := newRecorder(t, group)
		h.run(ob.Run)
		h.run(h.consumer(group, rec.handlers(), 0).Run)

		subjects := []string{"doc-a", "doc-b", "doc-c", "doc-d"}
		const perSubject = 8
		for n := int64(1); n <= perSubject; n++ {
			var evs []envelope.Event
			for _, s := range subjects {
				evs = append(evs, newEvent(t, ctx, s, n))
			}
			h.commit(ob, evs...)
		}
		rolled := newEvent(t, ctx, "doc-z", 1)
		err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if err := ob.Add(ctx, tx, rolled); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatalf("InTx = %v", err)
		}
		// Same key, later id: had the rolled-back event been published, it
		// would have been handled before this one.
		sentinel := newEvent(t, ctx, "doc-z", 2)
		h.commit(ob, sentinel)

		want := len(subjects)*perSubject + 1
		eventually(t, "every committed event handled", func() bool { return rec.has(sentinel.ID) && len(rec.events()) >= want })
		eventually(t, "outbox drained", func() bool { n, err := ob.Pending(ctx); return err == nil && n == 0 })

		if got := h.handledRows(group); got != want {
			t.Errorf("handled rows = %d, want %d", got, want)
		}
		last := map[string]int64{}
		for _, ev := range rec.events() {
			if ev.ID == rolled.ID {
				t.Errorf("rolled-back event %s was delivered", ev.ID)
			}
			n := number(t, ev)
			if n <= last[ev.Subject] {
				t.Errorf("%s: number %d after %d, out of order or repeated", ev.Subject, n, last[ev.Subject])
			}
			last[ev.Subject] = n
		}
		if got := handledTotal(t, group, messaging.ResultOK); got != want {
			t.Errorf("handled ok = %d, want %d", got, want)
		}
	})
}

// 2. The relay is woken by the commit: with a one-minute poll interval an
// event still arrives.
func TestWakeOnCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		ob := h.outbox(time.Minute)
		group := h.group("g")
		rec := newRecorder(t, group)
		h.run(ob.Run)
		h.run(h.consumer(group, rec.handlers(), 0).Run)

		// The first may ride on the relay's start-up pass; the second,
		// committed after the first arrived, can only come by the wake-up.
		for i := int64(1); i <= 2; i++ {
			ev := newEvent(t, ctx, "doc-w", i)
			h.commit(ob, ev)
			eventually(t, "event delivered without a poll", func() bool { return rec.has(ev.ID) })
		}
	})
}

// 3. The same Kafka message delivered twice runs the handler's effect once.
func TestRedeliveryIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		group := h.group("g")
		rec := newRecorder(t, group)
		h.run(h.consumer(group, rec.handlers(), 0).Run)

		ev := newEvent(t, ctx, "doc-r", 1)
		sentinel := newEvent(t, ctx, "doc-r", 2) // same key: read after both copies
		h.produce(ev.Message(events.TopicDocuments), ev.Message(events.TopicDocuments), sentinel.Message(events.TopicDocuments))
		eventually(t, "sentinel handled", func() bool { return rec.has(sentinel.ID) })

		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM handled WHERE event_id = $1`, ev.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 || rec.calls.Load() != 2 {
			t.Errorf("rows for the twice-delivered event = %d, handler calls = %d; want 1 row, 2 calls (event + sentinel)", n, rec.calls.Load())
		}
		if got := handledTotal(t, group, messaging.ResultDuplicate); got != 1 {
			t.Errorf("duplicates counted = %d, want 1", got)
		}
	})
}

// 4. A consumer restarted in the same group gets only what came after it
// stopped: nothing lost, nothing delivered again.
func TestConsumerRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		ob := h.outbox(100 * time.Millisecond)
		h.run(ob.Run)
		group := h.group("g")
		rec := newRecorder(t, group)
		// Every key is in both rounds, so a redelivered old event would be
		// read before the new one of its key and counted as a duplicate.
		keys := []string{"doc-1", "doc-2", "doc-3"}
		round := func(n int64) {
			for _, k := range keys {
				h.commit(ob, newEvent(t, ctx, k, n))
			}
		}

		stop := h.run(h.consumer(group, rec.handlers(), 0).Run)
		round(1)
		eventually(t, "first round handled", func() bool { return len(rec.events()) == len(keys) })
		stop()

		round(2)
		h.run(h.consumer(group, rec.handlers(), 0).Run)
		eventually(t, "second round handled", func() bool { return len(rec.events()) == 2*len(keys) })

		if got := h.handledRows(group); got != 2*len(keys) {
			t.Errorf("handled rows = %d, want %d", got, 2*len(keys))
		}
		if dup := handledTotal(t, group, messaging.ResultDuplicate); dup != 0 {
			t.Errorf("%d events were delivered again after the restart", dup)
		}
		for i, ev := range rec.events() {
			if want := int64(i/len(keys) + 1); number(t, ev) != want {
				t.Errorf("event %d is from round %d, want %d", i, number(t, ev), want)
			}
		}
	})
}

// 6. A handler that fails twice then succeeds is handled once and not
// dead-lettered.
func TestRetryThenSuccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		group := h.group("g")
		rec := newRecorder(t, group)
		rec.fail = func(_ envelope.Event, call int32) error {
			if call <= 2 {
				return errors.New("transient")
			}
			return nil
		}
		h.run(h.consumer(group, rec.handlers(), 8).Run)

		ev := newEvent(t, ctx, "doc-t", 1)
		h.produce(ev.Message(events.TopicDocuments))
		eventually(t, "handled after retries", func() bool { return rec.has(ev.ID) })

		if rows, calls := h.handledRows(group), rec.calls.Load(); rows != 1 || calls != 3 {
			t.Errorf("rows = %d, calls = %d; want 1 and 3", rows, calls)
		}
		if got := handledTotal(t, group, messaging.ResultDLQ); got != 0 {
			t.Errorf("dead-lettered = %d, want 0", got)
		}
		if got := handledTotal(t, group, messaging.ResultOK); got != 1 {
			t.Errorf("handled ok = %d, want 1", got)
		}
	})
}
