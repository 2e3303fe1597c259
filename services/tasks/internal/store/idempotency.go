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
// created; found is false for a new key.
func (s *Store) IdempotentResult(ctx context.Context, callerID, key string) (requestHash, resourceID string, found bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT request_hash, resource_id FROM idempotency_keys WHERE caller_id = $1 AND key = $2`,
		callerID, key).Scan(&requestHash, &resourceID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("idempotency key: %w", err)
	}
	return requestHash, resourceID, true, nil
}

// SaveIdempotencyKey records a key's result in the creating transaction;
// a racing twin fails on the primary key (store.IsUniqueViolation).
func (s *Store) SaveIdempotencyKey(ctx context.Context, tx *store.Tx, callerID, key, requestHash, resourceID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (caller_id, key, request_hash, resource_id, created_at)
VALUES ($1, $2, $3, $4, $5)`, callerID, key, requestHash, resourceID, store.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save idempotency key: %w", err)
	}
	return nil
}
