// Package store is the tasks service's repository on database/sql, one
// schema for SQLite and PostgreSQL.
package store

import (
	"context"
	"embed"
	"time"

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

// Store implements every database port of the app (app.Repos).
type Store struct{ db *store.DB }

// New returns the repository over db (already migrated).
func New(db *store.DB) *Store { return &Store{db: db} }

// Repos is s as each of the app's ports.
func (s *Store) Repos() app.Repos {
	return app.Repos{Tasks: s, Reports: s, Extensions: s, Reminders: s, Progress: s}
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
