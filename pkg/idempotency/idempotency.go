// Package idempotency runs a creating request at most once per caller and
// Idempotency-Key, and answers its repeats with the first result.
//
// Do claims the key first, inside the request's own transaction and before
// any check or write of the request, so that a twin sent at the same time
// cannot fail on the first one's effects (a version, a "one pending" rule):
// on PostgreSQL the twin's INSERT of the same (caller, key) waits on the
// primary key until the first transaction ends, then inserts nothing after
// a commit (and reads the winner's row) or claims the key after a rollback;
// on SQLite pkg/store begins writers IMMEDIATE on one connection, so the
// twin's transaction starts only after the first one ended. A request that
// fails rolls its claim back: only successes are remembered, and a failed
// request may be retried with its key.
package idempotency

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Header is the request header carrying the key.
const Header = "Idempotency-Key"

// MaxKeyLength bounds the header's length.
const MaxKeyLength = 255

// Key is one request's Idempotency-Key, scoped to its caller; Hash names
// the route and the normalized input, so that a key reused with another
// request is caught. The zero Key is a request without the header.
type Key struct {
	Caller, Value, Hash string
}

// New builds the key of a creating request; scope names the route and its
// target (e.g. "attachment:<document id>"), input is what decides the
// result. An empty key gives the zero Key; a too long one is bad input.
func New(caller, key, scope string, input any) (Key, error) {
	if key == "" {
		return Key{}, nil
	}
	if len(key) > MaxKeyLength {
		return Key{}, apperr.Invalid(Header+" is too long",
			apperr.FieldError{Field: Header, Message: fmt.Sprintf("must be at most %d characters", MaxKeyLength)})
	}
	b, err := json.Marshal(input)
	if err != nil {
		return Key{}, fmt.Errorf("idempotency: hash request: %w", err)
	}
	sum := sha256.Sum256(append([]byte(scope+"\x00"), b...))
	return Key{Caller: caller, Value: key, Hash: hex.EncodeToString(sum[:])}, nil
}

// Set reports whether the request carried a key.
func (k Key) Set() bool { return k.Value != "" }

// errReused answers a key sent again with another request.
func errReused() error {
	return apperr.Conflict("this "+Header+" was used with a different request", "")
}

// Create makes the request's resource in tx and returns its id.
type Create func(ctx context.Context, tx *store.Tx) (id string, err error)

// Do runs create at most once for k. In one transaction it claims k, runs
// create and records the id it returns. When a committed request claimed k
// before, Do returns that request's id with replayed true, or a 409 when it
// was another request (another hash). Without a key Do only runs create in
// a transaction. create's error rolls everything back, the claim too.
func Do(ctx context.Context, db *store.DB, k Key, create Create) (id string, replayed bool, err error) {
	err = db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		id, replayed = "", false
		if k.Set() {
			first, claimed, err := claim(ctx, tx, k)
			if err != nil {
				return err
			}
			if !claimed {
				id, replayed = first, true
				return nil
			}
		}
		var err error
		if id, err = create(ctx, tx); err != nil || !k.Set() {
			return err
		}
		if id == "" {
			return errors.New("idempotency: the request created nothing to replay")
		}
		return record(ctx, tx, k, id)
	})
	if err != nil {
		return "", false, err
	}
	return id, replayed, nil
}

// Lookup returns the id a committed request with k created; found is false
// for a new key or none. It is a read-only shortcut that spares a repeat
// the work before Do (a directory lookup, a stored file); Do still decides,
// since a twin may commit between Lookup and Do.
func Lookup(ctx context.Context, q store.Querier, k Key) (id string, found bool, err error) {
	if !k.Set() {
		return "", false, nil
	}
	var hash string
	err = q.QueryRowContext(ctx, `SELECT request_hash, resource_id FROM idempotency_keys WHERE caller_id = $1 AND key = $2`,
		k.Caller, k.Value).Scan(&hash, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("idempotency key: %w", err)
	}
	if hash != k.Hash {
		return "", true, errReused()
	}
	return id, true, nil
}

// claim inserts k with no result yet; when k exists (committed: a running
// twin's INSERT made this one wait) it returns the first request's id.
func claim(ctx context.Context, tx *store.Tx, k Key) (first string, claimed bool, err error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (caller_id, key, request_hash, resource_id, created_at)
VALUES ($1, $2, $3, '', $4) ON CONFLICT (caller_id, key) DO NOTHING`, k.Caller, k.Value, k.Hash, store.FormatTime(time.Now()))
	if err != nil {
		return "", false, fmt.Errorf("claim idempotency key: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return "", false, fmt.Errorf("claim idempotency key: %w", err)
	}
	if n == 1 {
		return "", true, nil
	}
	first, found, err := Lookup(ctx, tx, k)
	if err == nil && !found {
		err = errors.New("idempotency key: claimed by another request but not readable")
	}
	return first, false, err
}

// record stores the id create returned under the claimed key.
func record(ctx context.Context, tx *store.Tx, k Key, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE idempotency_keys SET resource_id = $3 WHERE caller_id = $1 AND key = $2`,
		k.Caller, k.Value, id)
	if err != nil {
		return fmt.Errorf("record idempotency key: %w", err)
	}
	return nil
}
