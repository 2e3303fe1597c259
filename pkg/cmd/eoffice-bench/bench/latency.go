package bench

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// Latency issues n single-recipient directives at a steady rate per second
// and returns the 50th and 99th percentile, in milliseconds, from each
// issue call's response to its notification being stored. The clock starts
// on an idle stack (WaitIdle), whose wait and backlog it returns too: the figure is
// for a steady rate, not for the backlog of what ran before.
func Latency(ctx context.Context, o *Org, n int, rate float64) (p50, p99 float64, waited time.Duration, backlog string, err error) {
	st, err := openStores(ctx, o.st)
	if err != nil {
		return 0, 0, 0, "", err
	}
	defer st.Close()
	// Drafted and approved beforehand: only the issue is on the clock.
	ids := make([]string, n)
	if err := parallel(ctx, 8, n, func(i int) error {
		id, err := o.approved(ctx, documentsapi.NewDocument{Kind: "directive", Summary: fmt.Sprintf("Chỉ thị đo độ trễ số %d", i+1),
			Body: "…", Recipients: []string{o.Units[i%len(o.Units)]}, DueDate: dueDate()})
		ids[i] = id
		return err
	}); err != nil {
		return 0, 0, 0, "", err
	}
	if waited, backlog, err = o.st.WaitIdle(ctx, 5*time.Minute); err != nil {
		return 0, 0, 0, "", err
	}
	issued := make([]time.Time, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	for i := range n {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The clock starts when the issue committed (issued_at, the
			// moment document.issued entered the outbox), not when the
			// call was answered: the answer also waits for the signed
			// PDF, which the notification does not.
			at, err := o.issue(ctx, ids[i])
			if err != nil {
				mu.Lock()
				firstErr = err
				mu.Unlock()
				return
			}
			issued[i] = at
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, 0, 0, "", firstErr
	}
	lat := make([]float64, 0, n)
	deadline := time.Now().Add(2 * time.Minute)
	for i := 0; i < n; {
		at, ok, err := notifiedAt(ctx, st, ids[i])
		if err != nil {
			return 0, 0, 0, "", err
		}
		if !ok {
			if time.Now().After(deadline) {
				return 0, 0, 0, "", fmt.Errorf("directive %d not notified within 2 minutes", i)
			}
			time.Sleep(20 * time.Millisecond)
			continue
		}
		lat = append(lat, max(0, at.Sub(issued[i]).Seconds()*1000))
		i++
	}
	sort.Float64s(lat)
	return percentile(lat, 0.50), percentile(lat, 0.99), waited, backlog, nil
}

// notifiedAt is when the notification of the directive's task was stored.
func notifiedAt(ctx context.Context, st *stores, docID string) (time.Time, bool, error) {
	var taskID string
	if err := st.tasks.QueryRowContext(ctx, `SELECT id FROM tasks WHERE source_document_id = $1`, docID).Scan(&taskID); err != nil {
		return time.Time{}, false, nil
	}
	var created string
	if err := st.notifications.QueryRowContext(ctx, `SELECT created_at FROM notifications WHERE type = 'task.assigned' AND link LIKE $1`,
		"%"+taskID+"%").Scan(&created); err != nil {
		return time.Time{}, false, nil
	}
	t, err := store.ParseTime(created)
	return t, err == nil, err
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted)) + 0.5)
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

// parallel runs fn(0..n-1) on workers goroutines, stopping at the first error.
func parallel(ctx context.Context, workers, n int, fn func(i int) error) error {
	jobs := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := fn(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
loop:
	for i := range n {
		select {
		case jobs <- i:
		case err = <-errs:
			break loop
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}
