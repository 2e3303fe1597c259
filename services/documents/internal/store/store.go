// Package store keeps the documents service's data on database/sql: the
// unit directory, documents with their recipients, receipts, history and
// number registers. Every query is portable between SQLite and PostgreSQL.
package store

import (
	"context"
	"database/sql"
	"embed"
	"sync/atomic"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations are the service's goose migrations.
var Migrations = store.SubFS(migrations, "migrations")

// Migrate applies the shared identity read model's schema (the unit
// directory and the people, pkg/identityview), then the service's own,
// which moves rows of older versions into it.
func Migrate(ctx context.Context, db *store.DB) error {
	if err := identityview.Migrate(ctx, db); err != nil {
		return err
	}
	return db.Migrate(ctx, "goose_documents", Migrations)
}

// ErrNotFound is returned when a row does not exist (domain.ErrNotFound).
var ErrNotFound = domain.ErrNotFound

// Store is the repository (app.Documents). Reads use the database; each
// use case's write (changes.go) opens and owns its transaction; the
// lower-level writes it is made of take that transaction.
type Store struct {
	DB *store.DB
	// Outbox takes the events of the use cases (changes.go); set before
	// any use case publishes.
	Outbox Outbox
	// fts: SQLite's trigram index exists (PrepareSearch).
	fts atomic.Bool
	// registers bounds the registers read at once (books.go).
	registers chan struct{}
}

// New returns the repository on db; the migrations must have run.
func New(db *store.DB) *Store { return &Store{DB: db, registers: make(chan struct{}, registersAtOnce)} }

func fmtTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return store.FormatTime(*t)
}

func parseTimePtr(s sql.NullString) (*time.Time, error) {
	if !s.Valid {
		return nil, nil
	}
	t, err := store.ParseTime(s.String)
	return &t, err
}
