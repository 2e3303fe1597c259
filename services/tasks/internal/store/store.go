// Package store is the tasks service's repository on database/sql, one
// schema for SQLite and PostgreSQL.
package store

import (
	"embed"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations are the service's goose migrations, for svc.Start.
var Migrations = store.SubFS(migrations, "migrations")

// Store implements app.Repository.
type Store struct{ db *store.DB }

// New returns the repository over db (already migrated).
func New(db *store.DB) *Store { return &Store{db: db} }

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
