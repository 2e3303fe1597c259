// Package worker is the retry loop shared by the e-mail sender and the
// webhook deliverer: claim a batch of due rows with a lease (one write
// transaction), work on them a few at a time, record the outcomes grouped
// in as few transactions as the pace allows, and sleep until a commit
// queues new work, a retry falls due, or the slow fallback poll.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
)

// Record writes the outcome of one attempt in a transaction that may hold
// other outcomes too.
type Record func(ctx context.Context, tx *pkgstore.Tx) error

// Queue is a table of work rows.
type Queue[T any] struct {
	// Claim leases up to limit due rows until until, in one transaction;
	// rows another worker holds are not returned.
	Claim func(ctx context.Context, now, until time.Time, limit int) ([]T, error)
	// Attempt works on one claimed row and says how to record the outcome;
	// an error means nothing is to be recorded (the lease runs out and the
	// row is tried again).
	Attempt func(ctx context.Context, item T) (Record, error)
	// NextDue is the earliest time a pending row falls due (its retry or the
	// end of its lease); ok is false when there is none.
	NextDue func(ctx context.Context) (at time.Time, ok bool, err error)
}

// Config tunes a worker.
type Config struct {
	Name     string        // for logs
	Poll     time.Duration // fallback poll, for commits of other replicas; default DefaultPoll
	Lease    time.Duration // upper bound of one attempt; the batch's lease follows from it; default DefaultLease
	Batch    int           // rows claimed at once; default DefaultBatch
	Parallel int           // attempts at once; default 1
}

// Defaults of Config, which the e-mail sender and the webhook deliverer
// pass through unless they set their own.
const (
	DefaultPoll  = 30 * time.Second
	DefaultLease = 2 * time.Minute
	DefaultBatch = 50
)

func (c *Config) defaults() {
	if c.Poll <= 0 {
		c.Poll = DefaultPoll
	}
	if c.Lease <= 0 {
		c.Lease = DefaultLease
	}
	if c.Batch <= 0 {
		c.Batch = DefaultBatch
	}
	if c.Parallel <= 0 {
		c.Parallel = 1
	}
}

// Worker runs a Queue.
type Worker[T any] struct {
	db   *pkgstore.DB
	q    Queue[T]
	wake *Signal
	cfg  Config
	log  *slog.Logger
	now  func() time.Time
}

// New returns a worker of q on db, woken by wake (nil: polls only).
func New[T any](db *pkgstore.DB, q Queue[T], wake *Signal, cfg Config, log *slog.Logger) *Worker[T] {
	cfg.defaults()
	if wake == nil {
		wake = NewSignal()
	}
	if log == nil {
		log = slog.Default()
	}
	return &Worker[T]{db: db, q: q, wake: wake, cfg: cfg, log: log, now: time.Now}
}

// Run works until ctx ends.
func (w *Worker[T]) Run(ctx context.Context) error {
	for {
		woken := w.wake.C() // before looking: a commit while we look wakes us again
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.WarnContext(ctx, w.cfg.Name, "error", err)
		}
		if n == w.cfg.Batch && err == nil {
			continue // a full batch: there may be more due right now
		}
		wait := w.sleep(ctx)
		if err != nil {
			wait = max(wait, time.Second) // a failing database is not asked again at once
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-woken:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// sleep is how long to wait when no commit comes: until the next retry falls
// due, at most Poll.
func (w *Worker[T]) sleep(ctx context.Context) time.Duration {
	now := w.now()
	at, ok, err := w.q.NextDue(ctx)
	if err != nil || !ok {
		return w.cfg.Poll
	}
	return min(max(at.Sub(now), time.Millisecond), w.cfg.Poll)
}

// RunOnce claims one batch of due rows, attempts each and records the
// outcomes; it returns how many outcomes it recorded.
func (w *Worker[T]) RunOnce(ctx context.Context) (int, error) {
	now := w.now()
	// The batch's lease covers a few rounds of attempts: long enough for a
	// batch at a normal pace, short enough that a crashed worker's rows are
	// soon taken up by another. Rows whose turn comes too late for a whole
	// attempt within the lease are left to run out and be claimed again.
	rounds := min((w.cfg.Batch+w.cfg.Parallel-1)/w.cfg.Parallel, 3)
	until := now.Add(time.Duration(rounds)*w.cfg.Lease + time.Minute)
	items, err := w.q.Claim(ctx, now, until, w.cfg.Batch)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	records := make(chan Record, len(items))
	type result struct {
		n   int
		err error
	}
	recorded := make(chan result, 1)
	go func() { // outcomes are written while later attempts run
		n, err := w.record(ctx, records)
		recorded <- result{n, err}
	}()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, w.cfg.Parallel)
	)
	for _, it := range items {
		sem <- struct{}{}
		if w.now().Add(w.cfg.Lease).After(until) || ctx.Err() != nil {
			<-sem
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			rec, err := w.q.Attempt(ctx, it)
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				return
			}
			records <- rec
		}()
	}
	wg.Wait()
	close(records)
	r := <-recorded
	return r.n, errors.Join(append(errs, r.err)...)
}

// record commits outcomes as they come, each time all those ready in one
// transaction: under load a batch costs a few writes, not one per row. A
// group that fails is retried one by one, so that one bad row does not
// hold back the others' outcomes.
func (w *Worker[T]) record(ctx context.Context, records <-chan Record) (int, error) {
	n := 0
	var errs []error
	for first := range records {
		group := []Record{first}
	drain:
		for {
			select {
			case r, ok := <-records:
				if !ok {
					break drain
				}
				group = append(group, r)
			default:
				break drain
			}
		}
		if err := w.commit(ctx, group...); err == nil {
			n += len(group)
			continue
		}
		for _, r := range group {
			if err := w.commit(ctx, r); err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
	}
	return n, errors.Join(errs...)
}

func (w *Worker[T]) commit(ctx context.Context, group ...Record) error {
	// What was sent is recorded even when ctx ends (shutdown): otherwise it
	// would be sent again once the lease runs out.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	err := w.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		for _, r := range group {
			if err := r(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: record outcome: %w", w.cfg.Name, err)
	}
	return nil
}
