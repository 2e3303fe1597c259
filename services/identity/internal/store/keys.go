package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// InsertSigningKey stores k.
func (t *Tx) InsertSigningKey(ctx context.Context, k domain.SigningKey) error {
	sealed, err := t.sealSeed(k.Kid, k.Private.Seed())
	if err != nil {
		return err
	}
	_, err = t.q.ExecContext(ctx, `INSERT INTO signing_keys (kid, private_key, created_at, retired_at, not_after, activates_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		k.Kid, sealed, formatTime(k.CreatedAt), nullTime(k.RetiredAt), nullTime(k.NotAfter),
		nullTime(k.ActivatesAt))
	if err != nil {
		return fmt.Errorf("insert signing key: %w", err)
	}
	return nil
}

const keyColumns = `kid, private_key, created_at, retired_at, not_after, activates_at`

// ActiveSigningKey returns the newest key that signs at now (active and not
// yet retired), or ErrNotFound.
func (r reads) ActiveSigningKey(ctx context.Context, now time.Time) (domain.SigningKey, error) {
	k, err := r.scanKey(r.q.QueryRowContext(ctx, `SELECT `+keyColumns+` FROM signing_keys
		WHERE (retired_at IS NULL OR retired_at > $1) AND (activates_at IS NULL OR activates_at <= $1)
		ORDER BY created_at DESC, kid DESC LIMIT 1`, formatTime(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("active signing key: %w", domain.ErrNotFound)
	}
	return k, err
}

// PublishedKeys returns the keys to publish at now (not_after unset or
// later), newest first.
func (r reads) PublishedKeys(ctx context.Context, now time.Time) ([]domain.SigningKey, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+keyColumns+` FROM signing_keys
		WHERE not_after IS NULL OR not_after > $1 ORDER BY created_at DESC, kid DESC`, formatTime(now))
	if err != nil {
		return nil, fmt.Errorf("published keys: %w", err)
	}
	defer rows.Close()
	var keys []domain.SigningKey
	for rows.Next() {
		k, err := r.scanKey(rows)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("published keys: %w", err)
	}
	return keys, nil
}

func (r reads) scanKey(s scanner) (domain.SigningKey, error) {
	var (
		k                 domain.SigningKey
		seed, created     string
		retired, notAfter sql.NullString
		activates         sql.NullString
	)
	if err := s.Scan(&k.Kid, &seed, &created, &retired, &notAfter, &activates); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return k, err
		}
		return k, fmt.Errorf("scan signing key: %w", err)
	}
	raw, err := r.openSeed(k.Kid, seed)
	if err != nil {
		return k, err
	}
	k.Private = ed25519.NewKeyFromSeed(raw)
	if k.CreatedAt, err = parseTime(created); err != nil {
		return k, err
	}
	if k.RetiredAt, err = parseNullTime(retired); err != nil {
		return k, err
	}
	if k.NotAfter, err = parseNullTime(notAfter); err != nil {
		return k, err
	}
	k.ActivatesAt, err = parseNullTime(activates)
	return k, err
}

// RetireSigningKeys retires every key created at or before cutoff that has
// no retirement yet: it signs until retireAt and stays published until
// notAfter (when the tokens it signed have expired). It returns how many it
// retired. The conditional update is what makes two replicas rotating at
// once retire the key only once: the second finds nothing left to retire.
func (t *Tx) RetireSigningKeys(ctx context.Context, cutoff, retireAt, notAfter time.Time) (int64, error) {
	res, err := t.q.ExecContext(ctx, `UPDATE signing_keys SET retired_at = $2, not_after = $3
		WHERE retired_at IS NULL AND created_at <= $1`, formatTime(cutoff), formatTime(retireAt), formatTime(notAfter))
	if err != nil {
		return 0, fmt.Errorf("retire signing keys: %w", err)
	}
	return res.RowsAffected()
}

// sealContext binds a sealed seed to its key's row.
func sealContext(kid string) string { return "identity.signing_keys:" + kid }

// sealSeed encrypts a private key's seed for its row (pkg/secretbox).
func (r reads) sealSeed(kid string, seed []byte) (string, error) {
	sealed, err := r.box.Seal(base64.StdEncoding.EncodeToString(seed), sealContext(kid))
	if err != nil {
		return "", fmt.Errorf("signing key %s: %w", kid, err)
	}
	return sealed, nil
}

// openSeed decrypts a stored seed (a plaintext one from before encryption
// too, until ResealSigningKeys seals it).
func (r reads) openSeed(kid, stored string) ([]byte, error) {
	enc, _, err := r.box.Open(stored, sealContext(kid))
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", kid, err)
	}
	seed, err := base64.StdEncoding.DecodeString(enc)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("signing key %s: bad stored seed", kid)
	}
	return seed, nil
}

// ResealSigningKeys seals again every stored seed that is plaintext (from
// before encryption) or sealed with an old key, and returns how many it
// rewrote: run at start, it completes a key rotation. A row another
// replica rewrote meanwhile is left as that replica wrote it.
func (s *Store) ResealSigningKeys(ctx context.Context) (int, error) {
	n := 0
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		n = 0
		rows, err := tx.q.QueryContext(ctx, `SELECT kid, private_key FROM signing_keys`)
		if err != nil {
			return fmt.Errorf("reseal signing keys: %w", err)
		}
		type row struct{ kid, stored string }
		var all []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.kid, &r.stored); err != nil {
				rows.Close()
				return fmt.Errorf("reseal signing keys: %w", err)
			}
			all = append(all, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reseal signing keys: %w", err)
		}
		for _, r := range all {
			sealed, changed, err := tx.box.Reseal(r.stored, sealContext(r.kid))
			if err != nil {
				return fmt.Errorf("signing key %s: %w", r.kid, err)
			}
			if !changed {
				continue
			}
			res, err := tx.q.ExecContext(ctx, `UPDATE signing_keys SET private_key = $2 WHERE kid = $1 AND private_key = $3`, r.kid, sealed, r.stored)
			if err != nil {
				return fmt.Errorf("reseal signing key %s: %w", r.kid, err)
			}
			if c, _ := res.RowsAffected(); c == 1 {
				n++
			}
		}
		return nil
	})
	return n, err
}
