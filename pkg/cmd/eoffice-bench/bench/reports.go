package bench

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Reports has clients concurrent callers submit progress reports over
// HTTP for dur, each on the next of the lead unit's tasks of the plan, and
// returns submissions per second and the 99th percentile in milliseconds.
func Reports(ctx context.Context, o *Org, planID string, clients int, dur time.Duration) (perSec, p99 float64, err error) {
	tasks, err := leadTasks(ctx, o, planID)
	if err != nil {
		return 0, 0, err
	}
	tok := o.Token("u0.chuyenvien")
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
				_, err := call(ctx, "POST", o.st.Tasks+"/v1/tasks/"+id+"/reports", tok,
					map[string]any{"progress_percent": int(i % 90), "summary": "Đã triển khai một phần nhiệm vụ", "final": false}, nil, http.StatusCreated)
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
	var ids []string
	cursor := ""
	for {
		var page struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		u := o.st.Tasks + "/v1/tasks?box=inbox&limit=500&source_document_id=" + planID
		if cursor != "" {
			u += "&cursor=" + cursor
		}
		if _, err := call(ctx, "GET", u, o.Token("u0.chuyenvien"), nil, &page, http.StatusOK); err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no tasks of plan %s in the first unit's inbox", planID)
	}
	return ids, nil
}
