// Package store keeps the notifications service's data: the recipient
// directory and the in-app notifications, on SQLite or PostgreSQL.
//
// Writes used by consumers take the handler's *store.Tx, so that they commit
// together with the event's inbox row (and, on SQLite, go to the writer:
// the embedded *sql.DB of a store.DB is read-only there). Reads take a
// Querier: the DB or that same transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations are the service's goose migrations, for svc.Start.
var Migrations = mustSub(migrationFiles, "migrations")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// Querier is what both a *store.DB and a *store.Tx offer.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Store is the service's repository.
type Store struct {
	db *store.DB
}

// New returns the repository on db (migrated).
func New(db *store.DB) *Store { return &Store{db: db} }

// DB is the database the store runs on, for transactions.
func (s *Store) DB() *store.DB { return s.db }

// timeLayout is fixed width so that stored times compare correctly as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// ValidTime reports whether s is a time as this store writes it (for
// checking cursors that come back from clients).
func ValidTime(s string) bool {
	_, err := time.Parse(timeLayout, s)
	return err == nil && len(s) == len(timeLayout)
}
