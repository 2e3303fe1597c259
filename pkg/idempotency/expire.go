package idempotency

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// DefaultRetention is how long a key is remembered. A client retries within
// minutes; a week also covers a client that was down over a weekend.
const DefaultRetention = 7 * 24 * time.Hour

// Expire deletes keys claimed before cutoff and returns how many. A request
// repeated after that runs again, as a new one.
func Expire(ctx context.Context, db *store.DB, cutoff time.Time) (int64, error) {
	var n int64
	err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, store.FormatTime(cutoff))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("expire idempotency keys: %w", err)
	}
	return n, nil
}

// Expirer returns a worker that expires keys older than retention at start
// and then every hour, until ctx ends (store.Expirer).
func Expirer(db *store.DB, retention time.Duration, log *slog.Logger) func(context.Context) error {
	return store.Expirer("idempotency keys", retention, func(ctx context.Context, cutoff time.Time) (int64, error) {
		return Expire(ctx, db, cutoff)
	}, log)
}
