package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// InsertRefreshToken stores t.
func (t *Tx) InsertRefreshToken(ctx context.Context, rt domain.RefreshToken) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO refresh_tokens
		(token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		rt.Hash, rt.FamilyID, rt.UserID, formatTime(rt.CreatedAt), formatTime(rt.ExpiresAt), nullTime(rt.UsedAt), nullTime(rt.RevokedAt))
	if err != nil {
		return fmt.Errorf("insert refresh token: %w", err)
	}
	return nil
}

const refreshColumns = `token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at`

// UseRefreshToken marks the token with hash used at now if it is still
// usable (unused, unrevoked, unexpired) and returns it with used true. The
// conditional update makes two concurrent presentations of one token see
// one success and one reuse. Otherwise it returns the token as stored with
// used false, or ErrNotFound.
func (t *Tx) UseRefreshToken(ctx context.Context, hash string, now time.Time) (domain.RefreshToken, bool, error) {
	rt, err := scanRefresh(t.q.QueryRowContext(ctx, `UPDATE refresh_tokens SET used_at = $2
		WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
		RETURNING `+refreshColumns, hash, formatTime(now)))
	if err == nil {
		return rt, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return rt, false, fmt.Errorf("use refresh token: %w", err)
	}
	rt, err = t.RefreshToken(ctx, hash)
	return rt, false, err
}

// RefreshToken returns the token with hash or ErrNotFound.
func (r reads) RefreshToken(ctx context.Context, hash string) (domain.RefreshToken, error) {
	rt, err := scanRefresh(r.q.QueryRowContext(ctx, `SELECT `+refreshColumns+` FROM refresh_tokens WHERE token_hash = $1`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return rt, fmt.Errorf("refresh token: %w", domain.ErrNotFound)
	}
	return rt, err
}

// RevokeRefreshFamily revokes every token of the family not yet revoked and
// returns how many it revoked.
func (t *Tx) RevokeRefreshFamily(ctx context.Context, familyID string, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(ctx, `UPDATE refresh_tokens SET revoked_at = $2
		WHERE family_id = $1 AND revoked_at IS NULL`, familyID, formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("revoke refresh family: %w", err)
	}
	return res.RowsAffected()
}

func scanRefresh(s scanner) (domain.RefreshToken, error) {
	var (
		rt               domain.RefreshToken
		created, expires string
		used, revoked    sql.NullString
	)
	if err := s.Scan(&rt.Hash, &rt.FamilyID, &rt.UserID, &created, &expires, &used, &revoked); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return rt, err
		}
		return rt, fmt.Errorf("scan refresh token: %w", err)
	}
	var err error
	if rt.CreatedAt, err = parseTime(created); err != nil {
		return rt, err
	}
	if rt.ExpiresAt, err = parseTime(expires); err != nil {
		return rt, err
	}
	if rt.UsedAt, err = parseNullTime(used); err != nil {
		return rt, err
	}
	rt.RevokedAt, err = parseNullTime(revoked)
	return rt, err
}

// RevokeUserRefreshTokens revokes every unrevoked refresh token of a user
// (deactivation, password change) and returns how many it revoked.
func (t *Tx) RevokeUserRefreshTokens(ctx context.Context, userID string, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(ctx, `UPDATE refresh_tokens SET revoked_at = $2
		WHERE user_id = $1 AND revoked_at IS NULL`, userID, formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("revoke refresh tokens of user: %w", err)
	}
	return res.RowsAffected()
}
