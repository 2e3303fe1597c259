package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

const consoleSessionColumns = `handle_hash, user_id, family_id, refresh_hash, csrf, idle_seconds, created_at, last_seen, idle_until`

// InsertConsoleSession stores s.
func (t *Tx) InsertConsoleSession(ctx context.Context, s domain.ConsoleSession) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO console_sessions (`+consoleSessionColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		s.HandleHash, s.UserID, s.FamilyID, s.RefreshHash, s.CSRF, int64(s.Idle/time.Second),
		formatTime(s.CreatedAt), formatTime(s.LastSeen), formatTime(s.IdleUntil))
	if err != nil {
		return fmt.Errorf("insert console session: %w", err)
	}
	return nil
}

// TouchConsoleSession marks the session seen at now, if it has not idled
// out, and returns it; else ErrNotFound. Being an update, it locks the row
// (PostgreSQL) or the database (SQLite) for the rest of the transaction,
// so two replicas resolving one session at once take turns and only one
// of them rotates its refresh token.
func (t *Tx) TouchConsoleSession(ctx context.Context, handleHash string, now time.Time) (domain.ConsoleSession, error) {
	s, err := scanConsoleSession(t.q.QueryRowContext(ctx, `UPDATE console_sessions SET last_seen = $2
		WHERE handle_hash = $1 AND idle_until > $2
		RETURNING `+consoleSessionColumns, handleHash, formatTime(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("console session: %w", domain.ErrNotFound)
	}
	return s, err
}

// SaveConsoleSession stores s's refresh token and idle end.
func (t *Tx) SaveConsoleSession(ctx context.Context, s domain.ConsoleSession) error {
	_, err := t.q.ExecContext(ctx, `UPDATE console_sessions SET refresh_hash = $2, idle_until = $3 WHERE handle_hash = $1`,
		s.HandleHash, s.RefreshHash, formatTime(s.IdleUntil))
	if err != nil {
		return fmt.Errorf("save console session: %w", err)
	}
	return nil
}

// DeleteConsoleSession removes the session and returns it, or ErrNotFound.
func (t *Tx) DeleteConsoleSession(ctx context.Context, handleHash string) (domain.ConsoleSession, error) {
	s, err := scanConsoleSession(t.q.QueryRowContext(ctx, `DELETE FROM console_sessions WHERE handle_hash = $1
		RETURNING `+consoleSessionColumns, handleHash))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("console session: %w", domain.ErrNotFound)
	}
	return s, err
}

// DeleteUserConsoleSessions removes every session of a user and returns
// them (sign-out everywhere).
func (t *Tx) DeleteUserConsoleSessions(ctx context.Context, userID string) ([]domain.ConsoleSession, error) {
	rows, err := t.q.QueryContext(ctx, `DELETE FROM console_sessions WHERE user_id = $1 RETURNING `+consoleSessionColumns, userID)
	if err != nil {
		return nil, fmt.Errorf("delete console sessions of user: %w", err)
	}
	defer rows.Close()
	var out []domain.ConsoleSession
	for rows.Next() {
		s, err := scanConsoleSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// PruneConsoleSessions removes the sessions idle since before now and
// returns how many.
func (t *Tx) PruneConsoleSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(ctx, `DELETE FROM console_sessions WHERE idle_until <= $1`, formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("prune console sessions: %w", err)
	}
	return res.RowsAffected()
}

// ConsoleSession returns the session with handleHash as stored (tests and
// reads that change nothing), or ErrNotFound.
func (r reads) ConsoleSession(ctx context.Context, handleHash string) (domain.ConsoleSession, error) {
	s, err := scanConsoleSession(r.q.QueryRowContext(ctx, `SELECT `+consoleSessionColumns+` FROM console_sessions WHERE handle_hash = $1`, handleHash))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("console session: %w", domain.ErrNotFound)
	}
	return s, err
}

func scanConsoleSession(s scanner) (domain.ConsoleSession, error) {
	var (
		cs                       domain.ConsoleSession
		idle                     int64
		created, seen, idleUntil string
	)
	if err := s.Scan(&cs.HandleHash, &cs.UserID, &cs.FamilyID, &cs.RefreshHash, &cs.CSRF, &idle, &created, &seen, &idleUntil); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return cs, err
		}
		return cs, fmt.Errorf("scan console session: %w", err)
	}
	cs.Idle = time.Duration(idle) * time.Second
	var err error
	if cs.CreatedAt, err = parseTime(created); err != nil {
		return cs, err
	}
	if cs.LastSeen, err = parseTime(seen); err != nil {
		return cs, err
	}
	cs.IdleUntil, err = parseTime(idleUntil)
	return cs, err
}
