package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Counter returns the row key, or a zero Counter (Hits 0) when there is
// none.
func (r reads) Counter(ctx context.Context, key string) (domain.Counter, error) {
	var (
		c       = domain.Counter{Key: key}
		start   string
		lockedU sql.NullString
	)
	err := r.q.QueryRowContext(ctx, `SELECT hits, lockouts, window_start, locked_until FROM login_throttle WHERE key = $1`, key).
		Scan(&c.Hits, &c.Lockouts, &start, &lockedU)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Counter{Key: key}, nil
	}
	if err != nil {
		return c, fmt.Errorf("throttle counter: %w", err)
	}
	if c.WindowStart, err = parseTime(start); err != nil {
		return c, err
	}
	c.LockedUntil, err = parseNullTime(lockedU)
	return c, err
}

// Hit counts one event on key in a window of length window ending at now:
// a window that began before now-window starts again at now with one hit.
// The upsert is one statement, so concurrent replicas never lose a hit.
func (t *Tx) Hit(ctx context.Context, key string, now time.Time, window time.Duration) (domain.Counter, error) {
	c := domain.Counter{Key: key}
	var (
		start   string
		lockedU sql.NullString
	)
	err := t.q.QueryRowContext(ctx, `INSERT INTO login_throttle (key, hits, lockouts, window_start) VALUES ($1, 1, 0, $2)
		ON CONFLICT (key) DO UPDATE SET
			hits = CASE WHEN login_throttle.window_start <= $3 THEN 1 ELSE login_throttle.hits + 1 END,
			window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2 ELSE login_throttle.window_start END
		RETURNING hits, lockouts, window_start, locked_until`,
		key, formatTime(now), formatTime(now.Add(-window))).Scan(&c.Hits, &c.Lockouts, &start, &lockedU)
	if err != nil {
		return c, fmt.Errorf("throttle hit: %w", err)
	}
	if c.WindowStart, err = parseTime(start); err != nil {
		return c, err
	}
	c.LockedUntil, err = parseNullTime(lockedU)
	return c, err
}

// Lock locks key until until, counts the lockout and restarts its hits.
func (t *Tx) Lock(ctx context.Context, key string, until time.Time) error {
	_, err := t.q.ExecContext(ctx, `UPDATE login_throttle SET locked_until = $2, lockouts = lockouts + 1, hits = 0
		WHERE key = $1`, key, formatTime(until))
	if err != nil {
		return fmt.Errorf("throttle lock: %w", err)
	}
	return nil
}

// ResetHits forgets the hits of key but keeps its lockouts, so that the
// cool-off keeps growing for a pair that is locked again later.
func (t *Tx) ResetHits(ctx context.Context, key string) error {
	if _, err := t.q.ExecContext(ctx, `UPDATE login_throttle SET hits = 0 WHERE key = $1`, key); err != nil {
		return fmt.Errorf("throttle clear: %w", err)
	}
	return nil
}

// Unhit takes one hit back from key (never below zero): a successful
// login counted up front does not use the address's budget.
func (t *Tx) Unhit(ctx context.Context, key string) error {
	if _, err := t.q.ExecContext(ctx, `UPDATE login_throttle SET hits = hits - 1 WHERE key = $1 AND hits > 0`, key); err != nil {
		return fmt.Errorf("throttle unhit: %w", err)
	}
	return nil
}

// PruneCounters deletes rows whose window began before cutoff and that are
// not locked past now; it returns how many it deleted.
func (t *Tx) PruneCounters(ctx context.Context, cutoff, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(ctx, `DELETE FROM login_throttle
		WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $2)`, formatTime(cutoff), formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("prune throttle: %w", err)
	}
	return res.RowsAffected()
}
