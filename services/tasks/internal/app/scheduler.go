package app

import (
	"context"
	"log/slog"
	"time"
)

// Scheduler runs RemindDeadlines, SendWeeklyDigests and RemindReports every Interval (a
// svc.Worker). Replicas may run it side by side: the reminder and digest
// tables' keys settle who sends.
type Scheduler struct {
	App      *App
	Interval time.Duration // default 1 minute
	Log      *slog.Logger
}

// Run ticks until ctx ends; a failed tick is logged and retried at the next.
func (s Scheduler) Run(ctx context.Context) error {
	if s.Interval <= 0 {
		s.Interval = time.Minute
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	tick := time.NewTicker(s.Interval)
	defer tick.Stop()
	for {
		now := s.App.now()
		if n, err := s.App.RemindDeadlines(ctx, now); err != nil && ctx.Err() == nil {
			s.Log.ErrorContext(ctx, "deadline reminders", "err", err)
		} else if n > 0 {
			s.Log.InfoContext(ctx, "deadline reminders sent", "count", n)
		}
		if n, err := s.App.SendWeeklyDigests(ctx, now); err != nil && ctx.Err() == nil {
			s.Log.ErrorContext(ctx, "weekly digests", "err", err)
		} else if n > 0 {
			s.Log.InfoContext(ctx, "weekly digests sent", "count", n)
		}
		if n, err := s.App.RemindReports(ctx, now); err != nil && ctx.Err() == nil {
			s.Log.ErrorContext(ctx, "periodic report reminders", "err", err)
		} else if n > 0 {
			s.Log.InfoContext(ctx, "periodic report reminders sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
