// Package adapters binds identity's store to the ports its app layer
// declares (app.Repository, app.Tx). It lives apart from the store because
// the store's own types are what the app's ports speak, so the store cannot
// import the app.
package adapters

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// Outbox writes events in a transaction of the database (messaging.Outbox).
type Outbox interface {
	Add(ctx context.Context, tx *pkgstore.Tx, evs ...envelope.Event) error
}

// Repository is the store as app.Repository: its reads, and transactions
// whose events go to outbox in the same transaction.
type Repository struct {
	*store.Store
	outbox Outbox
}

var _ app.Repository = (*Repository)(nil)

// New returns st as the app's repository, writing events to outbox.
func New(st *store.Store, outbox Outbox) *Repository {
	return &Repository{Store: st, outbox: outbox}
}

// Atomic runs fn in one store transaction.
func (r *Repository) Atomic(ctx context.Context, fn func(ctx context.Context, tx app.Tx) error) error {
	return r.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return fn(ctx, txPort{Tx: tx, outbox: r.outbox})
	})
}

// txPort is a store transaction as app.Tx.
type txPort struct {
	*store.Tx
	outbox Outbox
}

// Emit writes evs to the outbox on the transaction's own connection, so
// they commit or roll back with the change they announce.
func (t txPort) Emit(ctx context.Context, evs ...envelope.Event) error {
	return t.outbox.Add(ctx, t.Raw, evs...)
}

// UpdateUnit reads, updates and writes one unit in a transaction.
func (r *Repository) UpdateUnit(ctx context.Context, id string, update func(context.Context, app.Tx, *domain.Unit) error) error {
	return updateRow(ctx, r, id, (*store.Tx).Unit, (*store.Tx).UpdateUnit, update)
}

// UpdateUser reads, updates and writes one user in a transaction.
func (r *Repository) UpdateUser(ctx context.Context, id string, update func(context.Context, app.Tx, *domain.User) error) error {
	return updateRow(ctx, r, id, (*store.Tx).User, (*store.Tx).UpdateUser, update)
}

// UpdateClient reads, updates and writes one client in a transaction.
func (r *Repository) UpdateClient(ctx context.Context, id string, update func(context.Context, app.Tx, *domain.Client) error) error {
	return updateRow(ctx, r, id, (*store.Tx).Client, (*store.Tx).UpdateClient, update)
}

// updateRow is the read, update, write of one row that the Update methods
// share; app.ErrNoChange from update rolls back whatever it did and is no
// error.
func updateRow[T any](ctx context.Context, r *Repository, id string,
	read func(*store.Tx, context.Context, string) (T, error),
	write func(*store.Tx, context.Context, T) error,
	update func(context.Context, app.Tx, *T) error,
) error {
	err := r.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		v, err := read(tx, ctx, id)
		if err != nil {
			return err
		}
		if err := update(ctx, txPort{Tx: tx, outbox: r.outbox}, &v); err != nil {
			return err
		}
		return write(tx, ctx, v)
	})
	if errors.Is(err, app.ErrNoChange) {
		return nil
	}
	return err
}
