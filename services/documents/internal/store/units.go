package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Unit returns a unit of the directory — the shared identity read model
// (pkg/identityview) — or ErrNotFound.
func (s *Store) Unit(ctx context.Context, q store.Querier, id string) (domain.Unit, error) {
	u, err := identityview.GetUnit(ctx, q, id)
	if errors.Is(err, identityview.ErrNotFound) {
		return domain.Unit{}, fmt.Errorf("unit %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return domain.Unit{}, err
	}
	return u, nil
}
