package worker

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// rows is a queue of n rows, all due; a row whose number is in bad fails
// to record.
type rows struct {
	mu        sync.Mutex
	n         int
	bad       map[int]bool
	attempted []int
	until     time.Time
}

func (q *rows) Claim(_ context.Context, _, until time.Time, limit int) ([]int, error) {
	q.until = until
	out := []int{}
	for i := range min(q.n, limit) {
		out = append(out, i)
	}
	return out, nil
}

func (q *rows) Attempt(_ context.Context, i int) (Record, error) {
	q.mu.Lock()
	q.attempted = append(q.attempted, i)
	q.mu.Unlock()
	return func(ctx context.Context, tx *pkgstore.Tx) error {
		if q.bad[i] {
			return errors.New("bad row")
		}
		_, err := tx.ExecContext(ctx, `SELECT 1`)
		return err
	}, nil
}

func (q *rows) NextDue(context.Context) (time.Time, bool, error) { return time.Time{}, false, nil }

func (q *rows) queue() Queue[int] {
	return Queue[int]{Claim: q.Claim, Attempt: q.Attempt, NextDue: q.NextDue}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// A row whose turn comes too late for a whole attempt within the batch's
// lease is left alone (to be claimed again when the lease runs out).
func TestLateRowsAreLeftToTheLease(t *testing.T) {
	q := &rows{n: 10}
	w := New(storetest.OpenSQLite(t), q.queue(), nil, Config{Name: "test", Lease: time.Minute, Batch: 10, Parallel: 1}, quiet)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	calls := 0
	w.now = func() time.Time { calls++; return t0.Add(time.Duration(calls-1) * time.Minute) } // each attempt takes a minute
	n, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The lease is three attempts and a minute: the fourth would end past it.
	if want := t0.Add(4 * time.Minute); !q.until.Equal(want) {
		t.Fatalf("lease until %v, want %v", q.until, want)
	}
	if n != 3 || len(q.attempted) != 3 {
		t.Fatalf("recorded %d, attempted %v; want the first three", n, q.attempted)
	}
}

// Outcomes of one batch are recorded together; one that cannot be written
// does not hold back the others.
func TestOneBadOutcomeDoesNotLoseTheOthers(t *testing.T) {
	q := &rows{n: 6, bad: map[int]bool{2: true}}
	w := New(storetest.OpenSQLite(t), q.queue(), nil, Config{Name: "test", Batch: 10, Parallel: 3}, quiet)
	n, err := w.RunOnce(context.Background())
	if n != 5 || err == nil {
		t.Fatalf("recorded %d (%v), want 5 and the bad row's error", n, err)
	}
}

func TestSignal(t *testing.T) {
	s := NewSignal()
	s.Notify() // nobody waits: nothing to keep
	a, b := s.C(), s.C()
	select {
	case <-a:
		t.Fatal("woken before any notification")
	default:
	}
	s.Notify()
	s.Notify() // twice: one wake-up
	for _, c := range []<-chan struct{}{a, b} {
		select {
		case <-c:
		default:
			t.Fatal("a waiter was not woken")
		}
	}
	select {
	case <-s.C():
		t.Fatal("a new wait is woken by an old notification")
	default:
	}
}
