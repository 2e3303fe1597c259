package messaging

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

const insertInbox = `INSERT INTO inbox (consumer_group, event_id, handled_at) VALUES ($1, $2, $3)
	ON CONFLICT (consumer_group, event_id) DO NOTHING`

// attempt runs the handlers of items, in order, in one transaction in which
// each first claims its event in the inbox; an event claimed before is
// marked dup and its handler does not run. herr: the handler of
// items[failed] failed, and everything rolled back. ierr: the database
// failed outside the handlers. The transaction runs to its end even if ctx
// is cancelled.
func (c *Consumer) attempt(ctx context.Context, items []*item) (failed int, herr, ierr error) {
	ierr = c.db.InTx(context.WithoutCancel(ctx), func(ctx context.Context, tx *store.Tx) error {
		now := formatTime(time.Now())
		for i, it := range items {
			it.dup = false
			if it.h == nil {
				continue
			}
			res, err := tx.ExecContext(ctx, insertInbox, c.cfg.Group, it.ev.ID, now)
			if err != nil {
				return fmt.Errorf("insert inbox row: %w", err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("insert inbox row: %w", err)
			}
			if n == 0 {
				it.dup = true
				continue
			}
			if herr = call(context.WithoutCancel(it.ctx), tx, it.ev, it.h); herr != nil {
				failed = i
				return herr
			}
		}
		return nil
	})
	if herr != nil {
		return failed, herr, nil
	}
	return 0, nil, ierr
}

// call runs h, turning a panic into an error so one bad event cannot take
// the consumer down; the transaction is then rolled back like any failure.
func call(ctx context.Context, tx *store.Tx, ev envelope.Event, h Handler) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return h(ctx, tx, ev)
}

// seen reports whether the group already recorded id.
func (c *Consumer) seen(ctx context.Context, id string) (bool, error) {
	var n int
	err := c.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE consumer_group = $1 AND event_id = $2`,
		c.cfg.Group, id).Scan(&n)
	return n > 0, err
}

// record writes id to the inbox on its own, for a message that was
// dead-lettered instead of handled. Retried until it succeeds or ctx ends.
func (c *Consumer) record(ctx context.Context, id string) error {
	b := newBackoff(loopBackoffMin, loopBackoffMax)
	for {
		err := execTx(context.WithoutCancel(ctx), c.db, insertInbox, c.cfg.Group, id, formatTime(time.Now()))
		if err == nil {
			return nil
		}
		c.log.WarnContext(ctx, "recording dead-lettered event in inbox failed, will retry", "event_id", id, "error", err)
		if !sleep(ctx, b.NextBackOff()) {
			return ctx.Err()
		}
	}
}
