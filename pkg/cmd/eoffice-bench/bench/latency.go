package bench

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// Latencies is what Latency measured.
type Latencies struct {
	P50, P99 float64       // milliseconds
	Waited   time.Duration // for an idle stack before the clock started
	Backlog  string        // what it waited for
	Hops     string        // the latency by leg (hops)
}

// Latency issues n single-recipient directives at a steady rate per second
// and returns the 50th and 99th percentile, in milliseconds, from each
// issue call's response to its notification being stored. The clock starts
// on an idle stack (WaitIdle), whose wait and backlog it returns too: the figure is
// for a steady rate, not for the backlog of what ran before.
func Latency(ctx context.Context, o *Org, n int, rate float64) (res Latencies, err error) {
	st, err := openStores(ctx, o.st)
	if err != nil {
		return res, err
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
		return res, err
	}
	if res.Waited, res.Backlog, err = o.st.WaitIdle(ctx, 5*time.Minute); err != nil {
		return res, err
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
		return res, firstErr
	}
	lat := make([]float64, 0, n)
	taskIDs, notified := make([]string, n), make([]time.Time, n) // for the legs
	deadline := time.Now().Add(2 * time.Minute)
	for i := 0; i < n; {
		taskID, at, ok, err := notifiedAt(ctx, st, ids[i])
		if err != nil {
			return res, err
		}
		if !ok {
			if time.Now().After(deadline) {
				return res, fmt.Errorf("directive %d not notified within 2 minutes", i)
			}
			time.Sleep(20 * time.Millisecond)
			continue
		}
		lat = append(lat, max(0, at.Sub(issued[i]).Seconds()*1000))
		taskIDs[i], notified[i] = taskID, at
		i++
	}
	sort.Float64s(lat)
	res.P50, res.P99 = percentile(lat, 0.50), percentile(lat, 0.99)
	// The legs only explain the figure: without them it still stands.
	if res.Hops, err = hops(ctx, st, o.st.DBs["documents"], ids, taskIDs, notified); err != nil {
		res.Hops = "not read: " + err.Error()
	}
	return res, nil
}

// hops splits each directive's latency into three legs, from the times
// the services themselves stored (each read by a handler at work, inside
// its transaction): documents' relay and the delivery to tasks (issue to
// the task's handler at work), tasks' handler (to task.assigned written to
// its outbox), then tasks' commit and relay and the delivery to
// notifications (to the notification's handler at work, notified, which
// Latency read already with each task's id). It returns "leg p50/p99" in
// milliseconds, for a log line: where a tail comes from.
func hops(ctx context.Context, st *stores, documentsDB string, docIDs, taskIDs []string, notified []time.Time) (string, error) {
	docs, err := store.Open(ctx, documentsDB)
	if err != nil {
		return "", err
	}
	defer docs.Close()
	names := []string{"to tasks", "in tasks", "to notifications"}
	legs := make([][]float64, len(names))
	for i, id := range docIDs {
		var at [3]string // issued, task begun, task.assigned written
		if err := docs.QueryRowContext(ctx, `SELECT created_at FROM outbox WHERE subject = $1 AND type LIKE '%document.issued'`, id).Scan(&at[0]); err != nil {
			continue // not found: no legs for it
		}
		if err := st.tasks.QueryRowContext(ctx, `SELECT created_at FROM tasks WHERE id = $1`, taskIDs[i]).Scan(&at[1]); err != nil {
			continue
		}
		if err := st.tasks.QueryRowContext(ctx, `SELECT created_at FROM outbox WHERE subject = $1 AND type LIKE '%task.assigned'`, taskIDs[i]).Scan(&at[2]); err != nil {
			continue
		}
		var ts [4]time.Time
		for j, s := range at {
			if ts[j], err = store.ParseTime(s); err != nil {
				return "", fmt.Errorf("directive %s: %w", id, err)
			}
		}
		ts[3] = notified[i]
		for j := range legs {
			legs[j] = append(legs[j], max(0, ts[j+1].Sub(ts[j]).Seconds()*1000))
		}
	}
	var b strings.Builder
	for i, l := range legs {
		if i > 0 {
			b.WriteString(", ")
		}
		sort.Float64s(l)
		fmt.Fprintf(&b, "%s %.1f/%.1f", names[i], percentile(l, 0.5), percentile(l, 0.99))
	}
	fmt.Fprintf(&b, " (of %d directives)", len(legs[0]))
	return b.String(), nil
}

// notifiedAt is when the notification of the directive's task was stored,
// and the task's id.
func notifiedAt(ctx context.Context, st *stores, docID string) (taskID string, at time.Time, ok bool, err error) {
	if err := st.tasks.QueryRowContext(ctx, `SELECT id FROM tasks WHERE source_document_id = $1`, docID).Scan(&taskID); err != nil {
		return "", time.Time{}, false, nil
	}
	var created string
	if err := st.notifications.QueryRowContext(ctx, `SELECT created_at FROM notifications WHERE type = 'task.assigned' AND link LIKE $1`,
		"%"+taskID+"%").Scan(&created); err != nil {
		return "", time.Time{}, false, nil
	}
	at, err = store.ParseTime(created)
	return taskID, at, err == nil, err
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
