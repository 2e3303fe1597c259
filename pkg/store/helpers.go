package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"time"
)

// Querier is what both the database and a transaction offer, so that reads
// run inside or outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// TimeLayout stores times as fixed-width UTC text (nine fraction digits,
// always Z) so that they sort and compare correctly as text on both
// databases.
const TimeLayout = "2006-01-02T15:04:05.000000000Z"

// FormatTime renders t for storage.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a stored time.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// SubFS returns the folder dir of an embedded file system (the migrations
// folder); it panics on a bad name, which is a build-time mistake.
func SubFS(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
