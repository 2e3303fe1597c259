package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ErrParentUnknown means a division arrived without its agency before its
// parent did (units travel on different partitions); retrying later fixes
// it.
var ErrParentUnknown = errors.New("parent unit not known yet")

// RecordUnit updates the unit tree from identity's unit.created or
// unit.updated. Identity names each unit's agency; when an older producer
// does not, an agency is its own and a division takes its parent's.
// An invalid unit is an apperr.ErrInvalid error.
func (a *App) RecordUnit(ctx context.Context, tx *store.Tx, u domain.Unit) error {
	if u.AgencyID == "" {
		switch u.Kind {
		case domain.UnitAgency:
			u.AgencyID = u.ID
		case domain.UnitDivision:
			if u.ParentID != "" {
				parent, ok, err := a.repo.UnitTx(ctx, tx, u.ParentID)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("unit %s: %w: %s", u.ID, ErrParentUnknown, u.ParentID)
				}
				u.AgencyID = parent.AgencyID
			}
		}
	}
	if err := u.Validate(); err != nil {
		return fmt.Errorf("unit %s: %w", u.ID, err)
	}
	return a.repo.SaveUnit(ctx, tx, u)
}
