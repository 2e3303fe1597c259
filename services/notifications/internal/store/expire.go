package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// expireBatch is how many rows one transaction of an expiry deletes:
// SQLite has one writer, and a month of a province's e-mails in one
// statement would hold it for seconds.
const expireBatch = 2000

// expire runs deleteBatch, one transaction each, until a batch deletes
// fewer than batch rows, and returns how many went.
func (s *Store) expire(ctx context.Context, what string, batch int, deleteBatch func(context.Context, *store.Tx) (int64, error)) (int64, error) {
	var total int64
	for {
		var n int64
		err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) (err error) {
			n, err = deleteBatch(ctx, tx)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("expire %s: %w", what, err)
		}
		if total += n; n < int64(batch) {
			return total, nil
		}
	}
}

// rowsGone is how many rows a DELETE removed.
func rowsGone(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// ExpireDeliveries deletes the webhook deliveries made before cutoff that
// are finished (delivered, failed or cancelled), with their attempts, a
// batch at a time, and returns how many deliveries went. Their log
// (GET /v1/webhooks/{id}/deliveries) shows the retention's worth.
func (s *Store) ExpireDeliveries(ctx context.Context, cutoff time.Time) (int64, error) {
	return s.expireDeliveries(ctx, cutoff, expireBatch)
}

func (s *Store) expireDeliveries(ctx context.Context, cutoff time.Time, batch int) (int64, error) {
	// The same ordered batch in both statements: in one transaction the
	// finished rows before cutoff do not change.
	const finished = `SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1 ORDER BY created_at, id LIMIT $2`
	return s.expire(ctx, "webhook deliveries", batch, func(ctx context.Context, tx *store.Tx) (int64, error) {
		at := store.FormatTime(cutoff)
		if _, err := tx.ExecContext(ctx, `DELETE FROM webhook_attempts WHERE delivery_id IN (`+finished+`)`, at, batch); err != nil {
			return 0, err
		}
		return rowsGone(tx.ExecContext(ctx, `DELETE FROM webhook_deliveries WHERE id IN (`+finished+`)`, at, batch))
	})
}
