package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// IdempotentResult returns what a caller's earlier request with key
// created, or ErrNotFound.
func (s *Store) IdempotentResult(ctx context.Context, q store.Querier, callerID, key string) (requestHash, resourceID string, err error) {
	err = q.QueryRowContext(ctx, `SELECT request_hash, resource_id FROM idempotency_keys WHERE caller_id = $1 AND key = $2`,
		callerID, key).Scan(&requestHash, &resourceID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("idempotency key: %w", ErrNotFound)
	}
	if err != nil {
		return "", "", fmt.Errorf("idempotency key: %w", err)
	}
	return requestHash, resourceID, nil
}

// SaveIdempotencyKey records the result of a key in the transaction that
// created it. Two requests racing with one key meet the primary key: the
// second fails with a unique violation and should read the first's result.
func (s *Store) SaveIdempotencyKey(ctx context.Context, tx *store.Tx, callerID, key, requestHash, resourceID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (caller_id, key, request_hash, resource_id, created_at)
		VALUES ($1, $2, $3, $4, $5)`, callerID, key, requestHash, resourceID, store.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save idempotency key: %w", err)
	}
	return nil
}
