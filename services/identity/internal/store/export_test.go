package store

import "context"

// InStoreTx lets the store's tests write through a *Tx directly.
func (s *Store) InStoreTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	return s.inTx(ctx, fn)
}
