package store

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// The store owns the transactions of the use cases: InTx and the Update
// methods open one and hand the app the Writes bound to it (a *Tx).

var (
	_ app.Repository = (*Store)(nil)
	_ app.Writes     = (*Tx)(nil)
)

// InTx runs fn in one transaction with the Writes bound to it.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, w app.Writes) error) error {
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error { return fn(ctx, tx) })
}

// Emit writes evs to the outbox in the transaction.
func (t *Tx) Emit(ctx context.Context, evs ...envelope.Event) error {
	return t.outbox.Add(ctx, t.raw, evs...)
}

// UpdateUnit reads, updates and writes one unit in a transaction.
func (s *Store) UpdateUnit(ctx context.Context, id string, update func(context.Context, app.Writes, *domain.Unit) error) error {
	return updateRow(ctx, s, id, (*Tx).Unit, (*Tx).UpdateUnit, update)
}

// UpdateUser reads, updates and writes one user in a transaction.
func (s *Store) UpdateUser(ctx context.Context, id string, update func(context.Context, app.Writes, *domain.User) error) error {
	return updateRow(ctx, s, id, (*Tx).User, (*Tx).UpdateUser, update)
}

// UpdateClient reads, updates and writes one client in a transaction.
func (s *Store) UpdateClient(ctx context.Context, id string, update func(context.Context, app.Writes, *domain.Client) error) error {
	return updateRow(ctx, s, id, (*Tx).Client, (*Tx).UpdateClient, update)
}

// updateRow is the read, update, write of one row that the Update methods
// share; app.ErrNoChange from update rolls back whatever it did and is no
// error.
func updateRow[T any](ctx context.Context, s *Store, id string,
	read func(*Tx, context.Context, string) (T, error),
	write func(*Tx, context.Context, T) error,
	update func(context.Context, app.Writes, *T) error,
) error {
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		v, err := read(tx, ctx, id)
		if err != nil {
			return err
		}
		if err := update(ctx, tx, &v); err != nil {
			return err
		}
		return write(tx, ctx, v)
	})
	if errors.Is(err, app.ErrNoChange) {
		return nil
	}
	return err
}
