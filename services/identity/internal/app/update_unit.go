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

// UpdateUnit changes a unit's name, short name, code or agency facts and emits
// unit.updated in the same transaction. Administrators only. A patch that
// changes nothing writes nothing and emits nothing, so that repeating it
// (a seed run twice) is harmless.
func (s *Identity) UpdateUnit(ctx context.Context, id string, patch domain.UnitPatch) (domain.Unit, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return domain.Unit{}, err
	}
	var next domain.Unit
	err := s.st.UpdateUnit(ctx, id, func(ctx context.Context, w Writes, u *domain.Unit) error {
		var changed bool
		var err error
		if next, changed, err = patch.Apply(*u); err != nil {
			return err
		}
		if !changed {
			return ErrNoChange
		}
		if next.ShortName != u.ShortName {
			if other, err := w.ShortNameTakenBy(ctx, next.ParentID, next.ShortName); err != nil {
				return err
			} else if other != "" && other != next.ID {
				return domain.ShortNameTaken(next.ShortName)
			}
		}
		if next.Code != "" && next.Code != u.Code {
			if other, err := w.CodeTakenBy(ctx, next.Code); err != nil {
				return err
			} else if other != "" && other != next.ID {
				return domain.CodeTaken(next.Code)
			}
		}
		*u = next
		return s.emitUnitUpdated(ctx, w, next)
	})
	if err != nil {
		return domain.Unit{}, unitError(err)
	}
	return next, nil
}

// DeactivateUnit closes a unit that has no active child units and no
// active users, and emits unit.updated (active false). Administrators only.
func (s *Identity) DeactivateUnit(ctx context.Context, id string) (domain.Unit, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return domain.Unit{}, err
	}
	var unit domain.Unit
	err := s.st.UpdateUnit(ctx, id, func(ctx context.Context, w Writes, u *domain.Unit) error {
		if !u.Active {
			return domain.UnitInactive()
		}
		children, users, err := w.ActiveDependents(ctx, id)
		if err != nil {
			return err
		}
		if children > 0 || users > 0 {
			return domain.UnitHasDependents(children, users)
		}
		u.Active = false
		unit = *u
		return s.emitUnitUpdated(ctx, w, *u)
	})
	if err != nil {
		return domain.Unit{}, unitError(err)
	}
	return unit, nil
}

// UnitWithAncestors returns a unit and the units above it, the root first,
// to any signed-in caller.
func (s *Identity) UnitWithAncestors(ctx context.Context, id string) (domain.Unit, []domain.Unit, error) {
	u, err := s.Unit(ctx, id)
	if err != nil {
		return domain.Unit{}, nil, err
	}
	up, err := s.st.Ancestors(ctx, u)
	if err != nil {
		return domain.Unit{}, nil, err
	}
	return u, up, nil
}

// emitUnitUpdated announces u as it is now stored.
func (s *Identity) emitUnitUpdated(ctx context.Context, w Writes, u domain.Unit) error {
	ev, err := envelope.New(ctx, s.cfg.Source, events.UnitUpdated, u.ID, &eventsv1.UnitUpdated{
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
}

// unitError names the store's refusals of a unit change as the API does.
func unitError(err error) error {
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return apperr.NotFound("unit")
	case errors.Is(err, domain.ErrDuplicate):
		return apperr.Conflict("a sibling with this short_name, or a unit with this code, was just saved", "")
	}
	return err
}
