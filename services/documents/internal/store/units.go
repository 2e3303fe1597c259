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
	return UnitOf(u), nil
}

// UnitOf is the documents service's copy of a unit of the read model.
func UnitOf(u identityview.Unit) domain.Unit {
	return domain.Unit{ID: u.ID, ParentID: u.ParentID, Kind: domain.UnitKind(u.Kind), Code: u.Code, Name: u.Name,
		ShortName: u.ShortName, AgencyID: u.AgencyID, Active: u.Active}
}
