package store_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// The expirer runs at once with the cutoff retention ago, keeps running
// when a round fails, and returns nil when its context ends.
func TestExpirerRunsAtStartUntilStopped(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"a round that deletes", nil},
		{"a round that fails", errors.New("database is locked")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cutoffs := make(chan time.Time, 1)
			run := store.Expirer("rows", 48*time.Hour, func(_ context.Context, cutoff time.Time) (int64, error) {
				cutoffs <- cutoff
				return 3, tt.err
			}, slog.New(slog.NewTextHandler(io.Discard, nil)))
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- run(ctx) }()
			select {
			case c := <-cutoffs:
				if ago := time.Since(c); ago < 48*time.Hour || ago > 48*time.Hour+time.Minute {
					t.Errorf("cutoff %s ago, want the retention (48h)", ago)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("no round at start")
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("returned %v, want nil", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("did not stop with its context")
			}
		})
	}
}
