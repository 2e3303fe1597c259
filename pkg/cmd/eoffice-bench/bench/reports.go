package bench

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Reports has clients concurrent callers submit progress reports over
// HTTP for dur, each on the next of the lead unit's tasks of the plan, and
// returns submissions per second and the 99th percentile in milliseconds.
func Reports(ctx context.Context, o *Org, planID string, clients int, dur time.Duration) (perSec, p99 float64, err error) {
	tasks, err := leadTasks(ctx, o, planID)
	if err != nil {
		return 0, 0, err
	}
	reporter := o.As("u0.chuyenvien").Tasks
	var next atomic.Int64
	var mu sync.Mutex
	var lat []float64
	var firstErr error
	start := time.Now()
	end := start.Add(dur)
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]float64, 0, 4096)
			for time.Now().Before(end) {
				i := next.Add(1)
				id := tasks[int(i)%len(tasks)]
				t0 := time.Now()
				// The answer is not decoded: only the server's work is on the clock.
				err := reporter.Action(ctx, id, "reports",
					tasksapi.NewReport{ProgressPercent: new(int(i % 90)), Summary: "Đã triển khai một phần nhiệm vụ", Final: new(false)}, "")
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t0).Seconds()*1000)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, 0, firstErr
	}
	took := time.Since(start).Seconds()
	sort.Float64s(lat)
	return float64(len(lat)) / took, percentile(lat, 0.99), nil
}

// leadTasks lists the plan's tasks of the first unit (whose specialist
// reports).
func leadTasks(ctx context.Context, o *Org, planID string) ([]string, error) {
	tasks, err := o.As("u0.chuyenvien").Tasks.Box(ctx, "inbox", url.Values{"source_document_id": {planID}})
	if err != nil {
		return nil, err
	}
	if len(tasks) == 0 {
		return nil, fmt.Errorf("no tasks of plan %s in the first unit's inbox", planID)
	}
	ids := make([]string, 0, len(tasks))
	for _, t := range tasks {
		ids = append(ids, t.ID)
	}
	return ids, nil
}
