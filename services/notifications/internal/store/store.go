// Package store keeps the notifications service's data: the recipient
// directory and the in-app notifications, on SQLite or PostgreSQL.
//
// Writes used by consumers take the handler's *store.Tx, so that they commit
// together with the event's inbox row (and, on SQLite, go to the writer:
// the embedded *sql.DB of a store.DB is read-only there). Reads take a
// Querier: the DB or that same transaction. The app layer sees neither:
// it is handed views filling its ports (bound.go).
package store

import (
	"context"
	"embed"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/worker"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations are the service's goose migrations.
var Migrations = store.SubFS(migrationFiles, "migrations")

// Migrate applies the shared identity read model's schema (the directory,
// pkg/identityview), then the service's own, which moves rows of older
// versions into it.
func Migrate(ctx context.Context, db *store.DB) error {
	if err := identityview.Migrate(ctx, db); err != nil {
		return err
	}
	return db.Migrate(ctx, "goose_notifications", Migrations)
}

// Store is the service's repository.
type Store struct {
	db  *store.DB
	box *secretbox.Box // seals webhook secrets (secrets.go)
	// Notified after a commit that queued e-mails or deliveries, so that
	// the workers of this process need not poll for them.
	emails, deliveries *worker.Signal
}

// New returns the repository on db (migrated).
func New(db *store.DB, opts ...Option) *Store {
	s := &Store{db: db, box: secretbox.Ephemeral(), emails: worker.NewSignal(), deliveries: worker.NewSignal()}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Option adjusts a Store.
type Option func(*Store)

// WithSecrets seals webhook secrets with box (EOFFICE_SECRET_KEY); without
// it they are sealed with a key that dies with the process (tests only).
func WithSecrets(box *secretbox.Box) Option { return func(s *Store) { s.box = box } }

// EmailsQueued is notified after each commit that queued an e-mail.
func (s *Store) EmailsQueued() *worker.Signal { return s.emails }

// DeliveriesQueued is notified after each commit that made a delivery due.
func (s *Store) DeliveriesQueued() *worker.Signal { return s.deliveries }

// DB is the database the store runs on, for transactions.
func (s *Store) DB() *store.DB { return s.db }
