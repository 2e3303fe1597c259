// Package store is identity's repository on database/sql, the app's
// Repository and Writes: units, users with their password hashes, signing
// keys and refresh tokens. The same SQL runs on SQLite and PostgreSQL.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations are identity's goose migrations, for svc.Start.
var Migrations = store.SubFS(migrationFiles, "migrations")

// reads are the queries available both outside and inside a transaction.
type reads struct {
	q   store.Querier
	box *secretbox.Box // seals signing keys
}

// Store reads through the database's reader pool; its InTx and Update
// methods (writes.go) run every change in one transaction with its events.
type Store struct {
	reads
	db     *store.DB
	outbox Outbox
}

// Outbox writes events in a transaction of the database (messaging.Outbox).
type Outbox interface {
	Add(ctx context.Context, tx *store.Tx, evs ...envelope.Event) error
}

// New returns the store on db (migrated with Migrations), writing the use
// cases' events to outbox in their transactions.
func New(db *store.DB, outbox Outbox, opts ...Option) *Store {
	s := &Store{reads: reads{q: db, box: secretbox.Ephemeral()}, db: db, outbox: outbox}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Option adjusts a Store.
type Option func(*Store)

// WithSecrets seals signing keys with box (EOFFICE_SECRET_KEY); without it
// they are sealed with a key that dies with the process (tests only).
func WithSecrets(box *secretbox.Box) Option { return func(s *Store) { s.box = box } }

// Tx is one write transaction, the app's Writes: reads on it see its own
// writes, and its events go to the outbox on the same connection, so they
// commit or roll back with the change they announce.
type Tx struct {
	reads
	raw    *store.Tx
	outbox Outbox
}

// inTx runs fn in a transaction; fn's error rolls back and is returned.
func (s *Store) inTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, raw *store.Tx) error {
		return fn(ctx, &Tx{reads: reads{q: raw, box: s.box}, raw: raw, outbox: s.outbox})
	})
}

// Times are stored with the shared fixed-width layout (store.TimeLayout).
var (
	formatTime = store.FormatTime
	parseTime  = store.ParseTime
)

// nullTime is NULL for the zero time.
func nullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
}

func parseNullTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return parseTime(s.String)
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// keyset turns a page into the condition and arguments of a newest-first
// query over (created_at, id) of the table aliased t ("" for none); next is
// the placeholder number to use.
func keyset(p app.Page, t string, next int) (cond string, args []any, err error) {
	if p.After == nil {
		return "", nil, nil
	}
	if len(p.After) != 2 {
		return "", nil, badCursor()
	}
	if _, err := parseTime(p.After[0]); err != nil || p.After[1] == "" {
		return "", nil, badCursor()
	}
	if t != "" {
		t += "."
	}
	cond = fmt.Sprintf("(%[1]screated_at < $%[2]d OR (%[1]screated_at = $%[2]d AND %[1]sid < $%[3]d))", t, next, next+1)
	return cond, []any{p.After[0], p.After[1]}, nil
}

func badCursor() error {
	return apperr.Invalid("bad cursor", apperr.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
}

func limit(p app.Page) int {
	if p.Limit <= 0 {
		return 50
	}
	return p.Limit
}

// page trims the extra row a query fetched to learn whether more follow.
func page[T any](items []T, p app.Page, cursor func(T) []string) app.List[T] {
	l := app.List[T]{Items: items}
	if l.Items == nil {
		l.Items = []T{}
	}
	if len(items) > limit(p) {
		l.Items = items[:limit(p)]
		l.Next = cursor(l.Items[len(l.Items)-1])
	}
	return l
}
