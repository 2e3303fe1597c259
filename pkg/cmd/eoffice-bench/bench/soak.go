package bench

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// SoakResult is what a soak found.
type SoakResult struct {
	Requests, Status5xx, Failures int64
	// RSSGrowthMB compares the stack's mean memory over the last third of
	// the run with the third after warm-up (the first quarter).
	RSSGrowthMB float64
	// Examples of failures, for the log.
	Examples []string
}

// Soak runs a fixed mix at rate operations per second for dur: one in ten
// operations issues a directive to one unit, the others alternate a report
// submission and a read of the inbox and of the notifications. A failure
// is a transport error or a refusal (any answer but 2xx).
func Soak(ctx context.Context, o *Org, planID string, s *Sampler, rate float64, dur time.Duration) (SoakResult, error) {
	tasks, err := leadTasks(ctx, o, planID)
	if err != nil {
		return SoakResult{}, err
	}
	var res SoakResult
	var n atomic.Int64
	var requests, fivexx, failures atomic.Int64
	var mu sync.Mutex
	record := func(status int, err error) {
		requests.Add(1)
		if status >= 500 {
			fivexx.Add(1)
		}
		if err != nil {
			failures.Add(1)
			mu.Lock()
			if len(res.Examples) < 5 {
				res.Examples = append(res.Examples, err.Error())
			}
			mu.Unlock()
		}
	}
	op := func() {
		i := n.Add(1)
		switch {
		case i%10 == 0:
			id, err := o.approved(ctx, documentsapi.NewDocument{Kind: "directive", Summary: fmt.Sprintf("Chỉ thị thử tải số %d", i),
				Body: "…", Recipients: []string{o.Units[int(i/10)%len(o.Units)]}, DueDate: dueDate()})
			record(0, err)
			if err == nil {
				_, err = o.issue(ctx, id)
				record(0, err)
			}
		case i%2 == 0:
			record(outcome(o.As("u0.chuyenvien").Tasks.Action(ctx, tasks[int(i)%len(tasks)], "reports",
				tasksapi.NewReport{ProgressPercent: new(int(i % 90)), Summary: "Báo cáo định kỳ", Final: new(false)}, "")))
		case i%4 == 1:
			_, err := o.As("u1.lanhdao").Tasks.Page(ctx, url.Values{"box": {"inbox"}, "limit": {"20"}})
			record(outcome(err))
		default:
			_, err := o.As("u2.lanhdao").Notifications.Page(ctx, notificationsapi.ListNotificationsRequest{Limit: 20})
			record(outcome(err))
		}
	}
	start := time.Now()
	end := start.Add(dur)
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	var wg sync.WaitGroup
	relogin := time.Now().Add(10 * time.Minute)
	for time.Now().Before(end) {
		select {
		case <-ctx.Done():
			return res, ctx.Err()
		case <-tick.C:
		}
		if time.Now().After(relogin) {
			wg.Wait() // tokens are swapped while nothing is in flight
			if err := o.Login(ctx); err != nil {
				return res, err
			}
			relogin = time.Now().Add(10 * time.Minute)
		}
		wg.Add(1)
		go func() { defer wg.Done(); op() }()
	}
	wg.Wait()
	res.Requests, res.Status5xx, res.Failures = requests.Load(), fivexx.Load(), failures.Load()
	warm := start.Add(dur / 4)
	third := (end.Sub(warm)) / 3
	early, late := mean(s.Between(warm, warm.Add(third))), mean(s.Between(end.Add(-third), end))
	res.RSSGrowthMB = (late - early) / (1 << 20)
	return res, nil
}

func mean(xs []Sample) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += float64(x.RSS)
	}
	return sum / float64(len(xs))
}
