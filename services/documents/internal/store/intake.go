package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// QueueIntake records, in the transaction the consumer takes the event in,
// that exchange package packageID is to become a document; a second call
// for the same package, or one whose document exists, changes nothing.
func (s *Store) QueueIntake(ctx context.Context, tx *store.Tx, packageID string, payload []byte, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO exchange_intake (package_id, payload, not_before, created_at)
		SELECT $1, $2, $3, $3 WHERE NOT EXISTS (SELECT 1 FROM documents WHERE exchange_package_id = $1)
		ON CONFLICT (package_id) DO NOTHING`, packageID, string(payload), store.FormatTime(at))
	if err != nil {
		return fmt.Errorf("queue intake of %s: %w", packageID, err)
	}
	return nil
}

// QueueIntake binds the queueing to the event's transaction (app.TaskWrites).
func (b Bound) QueueIntake(ctx context.Context, packageID string, payload []byte, at time.Time) error {
	return b.s.QueueIntake(ctx, b.tx, packageID, payload, at)
}

// DueIntakes lists up to limit packages whose intake is due at now,
// oldest first.
func (s *Store) DueIntakes(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT package_id FROM exchange_intake WHERE not_before <= $1
		ORDER BY created_at, package_id LIMIT $2`, store.FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due intakes: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("due intakes: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ClaimIntake leases packageID's intake until until when it is due at now
// (as ClaimPDFJob); claimed is false when there is none due.
func (s *Store) ClaimIntake(ctx context.Context, packageID string, now, until time.Time) (claimed bool, attempts int, payload []byte, err error) {
	var raw string
	err = s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return tx.QueryRowContext(ctx, `UPDATE exchange_intake SET not_before = $1, attempts = attempts + 1
			WHERE package_id = $2 AND not_before <= $3 RETURNING attempts, payload`,
			store.FormatTime(until), packageID, store.FormatTime(now)).Scan(&attempts, &raw)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return false, 0, nil, nil
	}
	if err != nil {
		return false, 0, nil, fmt.Errorf("claim intake %s: %w", packageID, err)
	}
	return true, attempts, []byte(raw), nil
}

// FailIntake puts a failed intake back, due again at retryAt.
func (s *Store) FailIntake(ctx context.Context, packageID string, retryAt time.Time, problem string) error {
	err := s.exec(ctx, `UPDATE exchange_intake SET not_before = $1, last_error = $2 WHERE package_id = $3`,
		store.FormatTime(retryAt), problem, packageID)
	if err != nil {
		return fmt.Errorf("fail intake %s: %w", packageID, err)
	}
	return nil
}
