// Package store keeps the exchange service's data on SQLite or PostgreSQL:
// the directory of organisations, the packages with their files and
// statuses, the messages to send, and (pkg/identityview) the agencies of
// this deployment. It implements the app's ports.
package store

import (
	"context"
	"embed"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations are the service's goose migrations.
var Migrations = store.SubFS(migrationFiles, "migrations")

// Migrate applies the identity read model's schema, then the service's.
func Migrate(ctx context.Context, db *store.DB) error {
	if err := identityview.Migrate(ctx, db); err != nil {
		return err
	}
	return db.Migrate(ctx, "goose_exchange", Migrations)
}

// Store is the repository; its reads run on the database.
type Store struct {
	reads
	db     *store.DB
	outbox *messaging.Outbox
}

// New returns the repository on db (migrated); events go to outbox.
func New(db *store.DB, outbox *messaging.Outbox) *Store {
	return &Store{reads: reads{q: db}, db: db, outbox: outbox}
}

// InTx runs fn with the writes bound to one transaction.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, w app.Writes) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return fn(ctx, s.In(tx)) })
}

// In binds the writes to tx (a consumer's inbox transaction).
func (s *Store) In(tx *store.Tx) app.Writes {
	return bound{reads: reads{q: tx}, tx: tx, outbox: s.outbox}
}

type reads struct{ q store.Querier }

type bound struct {
	reads
	tx     *store.Tx
	outbox *messaging.Outbox
}

func (b bound) Emit(ctx context.Context, evs ...envelope.Event) error {
	return b.outbox.Add(ctx, b.tx, evs...)
}

func (r reads) AgencyByCode(ctx context.Context, code string) (identityview.Unit, error) {
	return identityview.AgencyByCode(ctx, r.q, code)
}

func (r reads) Unit(ctx context.Context, id string) (identityview.Unit, error) {
	return identityview.GetUnit(ctx, r.q, id)
}

func (r reads) AgencyCodes(ctx context.Context) ([]string, error) {
	return identityview.AgencyCodes(ctx, r.q)
}

// PutUnit keeps identity's answer as a stand-in until its events arrive
// (the zero version: any event replaces it).
func (b bound) PutUnit(ctx context.Context, u identityview.Unit) error {
	_, err := identityview.PutUnit(ctx, b.tx, u, identityview.Version{})
	return err
}

var _ app.Store = (*Store)(nil)
