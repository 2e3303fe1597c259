package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// CreateUnit adds an agency or division to the unit tree and emits
// unit.created in the same transaction. Administrators only.
func (s *Identity) CreateUnit(ctx context.Context, in domain.UnitInput) (domain.Unit, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.Unit{}, err
	}
	if err := domain.RequireAdmin(p); err != nil {
		return domain.Unit{}, err
	}
	in, err = in.Normalize()
	if err != nil {
		return domain.Unit{}, err
	}
	id, err := newID()
	if err != nil {
		return domain.Unit{}, err
	}
	var u domain.Unit
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		var parent *domain.Unit
		if in.ParentID != "" {
			pu, err := w.Unit(ctx, in.ParentID)
			if errors.Is(err, domain.ErrNotFound) {
				return domain.UnknownUnit("parent_id")
			}
			if err != nil {
				return err
			}
			parent = &pu
		}
		if u, err = domain.NewUnit(id, in, parent, s.now()); err != nil {
			return err
		}
		taken, err := w.ShortNameTaken(ctx, u.ParentID, u.ShortName)
		if err != nil {
			return err
		}
		if taken {
			return domain.ShortNameTaken(u.ShortName)
		}
		if u.Code != "" {
			if taken, err = w.CodeTaken(ctx, u.Code); err != nil {
				return err
			}
			if taken {
				return domain.CodeTaken(u.Code)
			}
		}
		if err := w.InsertUnit(ctx, u); err != nil {
			if errors.Is(err, domain.ErrDuplicate) {
				return apperr.Conflict("a unit with this short_name under the same parent, or with this code, was just created", "")
			}
			return err
		}
		ev, err := envelope.New(ctx, s.cfg.Source, events.UnitCreated, u.ID, &eventsv1.UnitCreated{
			UnitId:         u.ID,
			ParentId:       u.ParentID,
			Kind:           string(u.Kind),
			Code:           u.Code,
			Name:           u.Name,
			ShortName:      u.ShortName,
			Active:         u.Active,
			AgencyId:       u.AgencyID,
			PlaceName:      u.PlaceName,
			Regime:         string(u.Regime),
			HeadTitle:      u.HeadTitle,
			CollectiveName: u.CollectiveName,
		})
		if err != nil {
			return err
		}
		return w.Emit(ctx, ev)
	})
	if err != nil {
		return domain.Unit{}, err
	}
	return u, nil
}
