// Package store is the tasks service's repository on database/sql, one
// schema for SQLite and PostgreSQL.
package store

import (
	"context"
	"embed"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations are the service's goose migrations.
var Migrations = store.SubFS(migrations, "migrations")

// Migrate applies the shared identity read model's schema (the unit tree
// and the people, pkg/identityview), then the service's own, which moves
// rows of older versions into it.
func Migrate(ctx context.Context, db *store.DB) error {
	if err := identityview.Migrate(ctx, db); err != nil {
		return err
	}
	return db.Migrate(ctx, "goose_tasks", Migrations)
}

// Store implements every database port of the app (app.Repos), and the
// write ports bound to one of its transactions (app.Writes).
type Store struct {
	db     *store.DB
	outbox Outbox
}

// Outbox adds events in the caller's transaction (pkg/messaging's Outbox).
type Outbox interface {
	Add(ctx context.Context, tx *store.Tx, evs ...envelope.Event) error
}

// New returns the repository over db (already migrated), which writes the
// use cases' events to outbox in their transactions.
func New(db *store.DB, outbox Outbox) *Store { return &Store{db: db, outbox: outbox} }

// Repos is s as each of the app's ports.
func (s *Store) Repos() app.Repos {
	return app.Repos{Tasks: s, Reports: s, Extensions: s, Reminders: s, Progress: s, Calendars: s, Requests: s, Transactions: s}
}

func formatOptTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := store.FormatTime(*t)
	return &s
}

func parseOptTime(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := store.ParseTime(*s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

type rowScanner interface{ Scan(dest ...any) error }
