package store

import (
	"context"
	"log/slog"
	"time"
)

// Expirer returns a worker that deletes what has outlived retention at
// start and then every hour, until ctx ends. expire deletes what is older
// than its cutoff and says how many rows went. Failures are logged and
// retried at the next round: rows kept a little longer harm nothing.
func Expirer(what string, retention time.Duration, expire func(ctx context.Context, cutoff time.Time) (int64, error), log *slog.Logger) func(context.Context) error {
	return func(ctx context.Context) error {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			n, err := expire(ctx, time.Now().Add(-retention))
			switch {
			case err != nil && ctx.Err() == nil:
				log.WarnContext(ctx, "expiring failed", "what", what, "error", err)
			case n > 0:
				log.InfoContext(ctx, "expired", "what", what, "count", n)
			}
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
		}
	}
}
