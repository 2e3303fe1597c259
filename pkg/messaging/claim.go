package messaging

import (
	"context"
	"fmt"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// relayLockKey names the transaction-level advisory lock that makes one
// relay at a time the publisher of a PostgreSQL database. Advisory locks
// are scoped to the database, so services sharing a server never contend.
// The value is arbitrary but fixed: every replica must use the same one.
const relayLockKey int64 = 0x656f6666696365 // "eoffice"

// claimedBatch publishes one batch inside a transaction that first takes
// the relay lock. A second replica's relay waits on the lock until the
// first commits its marks, then reads only what is still unsent: no row is
// published by two replicas, and rows still go out in id order, so the
// events of one aggregate keep their order on the topic. (Row claims with
// FOR UPDATE SKIP LOCKED would let two relays publish neighbouring batches
// at once and reorder an aggregate's events across them.)
//
// The lock lives as long as the transaction: a relay that dies mid-batch
// loses its connection, PostgreSQL ends the transaction, and another
// replica takes over; the rows it had published but not marked go out
// again, which the consumers' inbox absorbs.
func (o *Outbox) claimedBatch(ctx context.Context, w *kafka.Writer) (int, error) {
	var n int
	var publishErr error
	err := o.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, relayLockKey); err != nil {
			return fmt.Errorf("outbox relay lock: %w", err)
		}
		rows, err := o.load(ctx, tx)
		if err != nil || len(rows) == 0 {
			return err
		}
		n = len(rows)
		// A publish error is reported after the commit: the rows that did
		// go out must be marked sent all the same.
		publishErr = o.publishAndMark(ctx, w, rows, func(q string, args ...any) error {
			_, err := tx.ExecContext(ctx, q, args...)
			return err
		})
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, publishErr
}
