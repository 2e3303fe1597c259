package messaging

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// batchFixture drives processBatch directly with a chosen batch, so that
// what shares a transaction does not depend on fetch timing; the database
// and the broker (for the DLQ) are real.
type batchFixture struct {
	t     *testing.T
	db    *store.DB
	c     *Consumer
	dlq   *kafka.Writer
	mu    sync.Mutex
	calls map[int64]int // handler calls by event number
	order []int64       // numbers of committed handler runs, in commit order
	// lagFor is how long lagsThenWorks lags, from its first call (first).
	lagFor time.Duration
	first  map[int64]time.Time
}

const (
	alwaysFails   = 666 // a handler error, every time
	permanent     = 777 // a Permanent handler error
	lagsThenWorks = 888 // a Lagging error for the fixture's lagFor, then success
	alwaysLags    = 999 // a Lagging error, every time
)

func newBatchFixture(t *testing.T, db *store.DB) *batchFixture {
	ctx := context.Background()
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := execTx(ctx, db, `CREATE TABLE handled (event_id TEXT NOT NULL, number BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 3, Topics: events.Topics()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	f := &batchFixture{t: t, db: db, calls: map[int64]int{}, first: map[int64]time.Time{}}
	f.c, err = NewConsumer(db, ConsumerConfig{Brokers: []string{b.Addr()}, Group: "g", Topics: []string{events.TopicDocuments},
		Handlers: map[string]Handler{events.DocumentIssued: f.handle}, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	f.dlq = newWriter([]string{b.Addr()}, kafkaconn.Config{}, 1)
	t.Cleanup(func() { f.dlq.Close() })
	return f
}

func (f *batchFixture) handle(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.DocumentIssued
	if err := ev.Decode(&p); err != nil {
		return err
	}
	n := p.GetNumber()
	f.mu.Lock()
	f.calls[n]++
	if _, ok := f.first[n]; !ok {
		f.first[n] = time.Now()
	}
	lagging := time.Since(f.first[n]) < f.lagFor
	f.mu.Unlock()
	// Write first, fail after: a failure must roll the write back.
	if _, err := tx.ExecContext(ctx, `INSERT INTO handled (event_id, number) VALUES ($1, $2)`, ev.ID, n); err != nil {
		return err
	}
	switch n {
	case alwaysFails:
		return errors.New("always fails")
	case permanent:
		return Permanent(errors.New("cannot ever work"))
	case alwaysLags:
		return Lagging(errors.New("the read model never catches up"))
	case lagsThenWorks:
		if lagging {
			return Lagging(errors.New("the read model is behind"))
		}
	}
	tx.OnCommit(func() { f.mu.Lock(); f.order = append(f.order, n); f.mu.Unlock() })
	return nil
}

// msgs returns one message per number, all with one key; 0 stands for a
// message that is not a CloudEvent.
func (f *batchFixture) msgs(numbers ...int64) []kafka.Message {
	out := make([]kafka.Message, len(numbers))
	for i, n := range numbers {
		if n == 0 {
			out[i] = kafka.Message{Topic: events.TopicDocuments, Key: []byte("doc"), Value: []byte("garbage"), Offset: int64(i)}
			continue
		}
		ev, err := envelope.New(context.Background(), "/eoffice/documents", events.DocumentIssued, "doc", &eventsv1.DocumentIssued{DocumentId: "doc", Number: n})
		if err != nil {
			f.t.Fatal(err)
		}
		out[i] = ev.Message(events.TopicDocuments)
		out[i].Key, out[i].Offset = []byte("doc"), int64(i)
	}
	return out
}

func (f *batchFixture) process(msgs []kafka.Message) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done, err := f.c.processBatch(ctx, f.dlq, msgs)
	if err != nil || done != len(msgs) {
		f.t.Fatalf("processBatch: %d of %d done, %v", done, len(msgs), err)
	}
}

// rows counts handled rows by number.
func (f *batchFixture) rows() map[int64]int {
	f.t.Helper()
	rs, err := f.db.QueryContext(context.Background(), `SELECT number, COUNT(*) FROM handled GROUP BY number`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rs.Close()
	out := map[int64]int{}
	for rs.Next() {
		var n int64
		var c int
		if err := rs.Scan(&n, &c); err != nil {
			f.t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

func (f *batchFixture) inboxed(ev kafka.Message) bool {
	f.t.Helper()
	id := coordinateID(ev)
	if e, err := envelope.FromMessage(ev); err == nil {
		id = e.ID
	}
	seen, err := f.c.seen(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	dead, err := f.c.seen(context.Background(), deadMark(id))
	if err != nil {
		f.t.Fatal(err)
	}
	return seen || dead
}

func TestBatchIsolatesFailures(t *testing.T) {
	tests := []struct {
		name    string
		numbers []int64
		calls   map[int64]int // expected handler calls; unlisted: 1
		dead    []int64       // expected in the DLQ (0: the malformed one)
	}{
		{"all good: one transaction", []int64{1, 2, 3, 4, 5}, nil, nil},
		// The good ones before the failure ran in the failed transaction
		// and once more in their own; those after it once.
		{"always failing in the middle", []int64{1, 2, alwaysFails, 3, 4}, map[int64]int{1: 2, 2: 2, alwaysFails: 3}, []int64{alwaysFails}},
		{"permanent first", []int64{permanent, 1, 2}, nil, []int64{permanent}},
		{"permanent last", []int64{1, 2, permanent}, map[int64]int{1: 2, 2: 2}, []int64{permanent}},
		{"malformed in the middle splits the batch", []int64{1, 2, 0, 3}, nil, []int64{0}},
		{"two poisons", []int64{1, alwaysFails, 2, permanent, 3}, map[int64]int{1: 2, alwaysFails: 3, 2: 2}, []int64{alwaysFails, permanent}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				f := newBatchFixture(t, db)
				msgs := f.msgs(tt.numbers...)
				f.process(msgs)

				rows := f.rows()
				var wantOrder []int64
				for i, n := range tt.numbers {
					dead := contains(tt.dead, n)
					if want := map[bool]int{true: 0, false: 1}[dead]; rows[n] != want && n != 0 {
						t.Errorf("event %d: %d handled rows, want %d", n, rows[n], want)
					}
					if !dead {
						wantOrder = append(wantOrder, n)
					}
					if !f.inboxed(msgs[i]) {
						t.Errorf("event %d not in the inbox", n)
					}
					want := 1
					if c, ok := tt.calls[n]; ok {
						want = c
					}
					if n != 0 && f.calls[n] != want {
						t.Errorf("event %d: %d handler calls, want %d", n, f.calls[n], want)
					}
				}
				if fmt.Sprint(f.order) != fmt.Sprint(wantOrder) {
					t.Errorf("commit order %v, want %v", f.order, wantOrder)
				}
				if got := f.readDLQ(len(tt.dead)); fmt.Sprint(got) != fmt.Sprint(tt.dead) {
					t.Errorf("dead-lettered %v, want %v", got, tt.dead)
				}
			})
		})
	}
}

// A batch delivered again after its transaction committed but before its
// offsets did (the process died between the two), in part or in whole and
// with a copy inside one batch: each effect stays once.
func TestBatchRedelivery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newBatchFixture(t, db)
		msgs := f.msgs(1, 2, 3, 4, 5, 6)
		f.process(msgs[:3])                                            // committed, offsets lost
		f.process(append(append([]kafka.Message{}, msgs...), msgs[4])) // all again, 5 twice
		f.process(msgs)                                                // and once more
		for n, c := range f.rows() {
			if c != 1 {
				t.Errorf("event %d: %d handled rows, want 1", n, c)
			}
		}
		for n := int64(1); n <= 6; n++ {
			if f.calls[n] != 1 {
				t.Errorf("event %d: %d handler calls, want 1", n, f.calls[n])
			}
		}
		if fmt.Sprint(f.order) != "[1 2 3 4 5 6]" {
			t.Errorf("commit order %v", f.order)
		}
	})
}

// readDLQ returns the numbers of n dead-lettered messages in offset order
// (0 for one that is not a CloudEvent), then checks nothing else is there.
func (f *batchFixture) readDLQ(n int) []int64 {
	f.t.Helper()
	if n == 0 {
		return nil
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: f.c.cfg.Brokers, GroupID: "dlq-reader", Topic: events.TopicDocuments + events.DLQSuffix,
		StartOffset: kafka.FirstOffset, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out []int64
	for len(out) < n {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			f.t.Fatalf("read DLQ: %d of %d: %v", len(out), n, err)
		}
		var num int64
		if ev, err := envelope.FromMessage(m); err == nil {
			var p eventsv1.DocumentIssued
			_ = ev.Decode(&p)
			num = p.GetNumber()
		}
		out = append(out, num)
	}
	return out
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// A handler whose failures are marked Lagging waits on LagBudget, not on
// MaxAttempts or RetryBudget: a message that needs a stream slower than
// the retry budget (a first start's group join) is handled, not
// dead-lettered, while one that lags for good still ends in the DLQ.
func TestLaggingWaitsOnTheLagBudget(t *testing.T) {
	tests := []struct {
		name     string
		number   int64
		lagFor   time.Duration
		wantDLQ  bool
		minCalls int // more than MaxAttempts: lagging attempts are not spent
	}{
		{"lags past the retry budget, then works", lagsThenWorks, 600 * time.Millisecond, false, 4},
		{"lags past the lag budget", alwaysLags, 0, true, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newBatchFixture(t, storetest.OpenSQLite(t))
			f.lagFor = tc.lagFor
			// MaxAttempts 3 and a 100 ms budget would dead-letter a plain
			// failure within a few attempts; the lag budget outlasts both.
			f.c.cfg.RetryBudget, f.c.cfg.LagBudget = 100*time.Millisecond, 1500*time.Millisecond
			start := time.Now()
			f.process(f.msgs(1, tc.number, 2))
			took := time.Since(start)
			rows := f.rows()
			if rows[1] != 1 || rows[2] != 1 {
				t.Errorf("handled rows %v: the messages around it must be handled once", rows)
			}
			if tc.wantDLQ {
				if got := f.readDLQ(1); fmt.Sprint(got) != fmt.Sprint([]int64{tc.number}) {
					t.Errorf("dead-lettered %v", got)
				}
				if rows[tc.number] != 0 || took < f.c.cfg.LagBudget {
					t.Errorf("rows %v after %s: want none, dead-lettered once the lag budget (%s) was spent", rows, took, f.c.cfg.LagBudget)
				}
			} else if rows[tc.number] != 1 {
				t.Errorf("rows %v: the lagging message must be handled once it caught up", rows)
			}
			if n := f.calls[tc.number]; n < tc.minCalls {
				t.Errorf("%d calls; want at least %d (more than MaxAttempts %d)", n, tc.minCalls, f.c.cfg.MaxAttempts)
			}
		})
	}
}

// A failing message holds its partition for RetryBudget at most, however
// many attempts are allowed, then goes to the DLQ as max_attempts.
func TestRetryBudgetBoundsAttempts(t *testing.T) {
	f := newBatchFixture(t, storetest.OpenSQLite(t))
	f.c.cfg.MaxAttempts, f.c.cfg.RetryBudget = 1_000_000, 300*time.Millisecond
	f.process(f.msgs(1, alwaysFails, 2))
	if got := f.readDLQ(1); fmt.Sprint(got) != fmt.Sprint([]int64{alwaysFails}) {
		t.Errorf("dead-lettered %v", got)
	}
	if rows := f.rows(); rows[1] != 1 || rows[2] != 1 || rows[alwaysFails] != 0 {
		t.Errorf("handled rows %v", rows)
	}
	if n := f.calls[alwaysFails]; n < 2 || n > 100 {
		t.Errorf("%d attempts; want a few (the budget, not MaxAttempts, ended them)", n)
	}
}
