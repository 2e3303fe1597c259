package hub

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Purge empties the bodies of messages their recipient finished with
// (done or fail) before before; the rows stay, so that a late repeat is
// still recognised and a sender still learns the message was delivered.
func (s *Store) Purge(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE messages SET body = $1 WHERE status IN ('done', 'fail') AND updated_at < $2 AND length(body) > 0`,
			[]byte{}, store.FormatTime(before))
		if err != nil {
			return fmt.Errorf("purge: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// PurgeEvery runs Purge every interval for messages finished more than
// retention ago, until ctx ends.
func PurgeEvery(ctx context.Context, st *Store, interval, retention time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := st.Purge(ctx, time.Now().Add(-retention)); err != nil && ctx.Err() == nil {
			log.Error("purging delivered messages failed", "err", err)
		} else if n > 0 {
			log.Info("bodies of delivered messages purged", "messages", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
