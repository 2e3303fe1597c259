package app

import (
	"context"
	"log/slog"
	"time"
)

// DefaultDueSoonDays is how many days before its deadline an open task
// gets task.due_soon when no other lead is set.
const DefaultDueSoonDays = 3

// Scheduler runs RemindDeadlines every Interval (a svc.Worker). Replicas
// may run it side by side: the reminder table's key settles who sends.
type Scheduler struct {
	App      *App
	LeadDays int           // due_soon lead time; default DefaultDueSoonDays
	Interval time.Duration // default 1 minute
	Log      *slog.Logger
}

// Run ticks until ctx ends; a failed tick is logged and retried at the next.
func (s Scheduler) Run(ctx context.Context) error {
	if s.LeadDays <= 0 {
		s.LeadDays = DefaultDueSoonDays
	}
	if s.Interval <= 0 {
		s.Interval = time.Minute
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	tick := time.NewTicker(s.Interval)
	defer tick.Stop()
	for {
		if n, err := s.App.RemindDeadlines(ctx, s.App.now(), s.LeadDays); err != nil && ctx.Err() == nil {
			s.Log.ErrorContext(ctx, "deadline reminders", "err", err)
		} else if n > 0 {
			s.Log.InfoContext(ctx, "deadline reminders sent", "count", n)
		}
		if n, err := s.App.RemindReports(ctx, s.App.now(), s.LeadDays); err != nil && ctx.Err() == nil {
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
