// Package store is the tasks service's repository on database/sql, one
// schema for SQLite and PostgreSQL.
package store

import (
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations are the service's goose migrations, for svc.Start.
var Migrations = mustSub(migrations, "migrations")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// Store implements app.Repository.
type Store struct{ db *store.DB }

// New returns the repository over db (already migrated).
func New(db *store.DB) *Store { return &Store{db: db} }

// timeLayout is fixed width (nine fraction digits, always Z) so that stored
// times sort and compare correctly as text on both databases.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

func formatOptTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatTime(*t)
	return &s
}

func parseOptTime(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := parseTime(*s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}
