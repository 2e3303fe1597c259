package app

import (
	"context"
	"errors"
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// UpdateUser changes a user's name, e-mail, unit, roles, title or position and emits
// user.updated in the same transaction. Administrators only; a patch that
// changes nothing writes nothing. New roles and unit reach the user's
// tokens at the next refresh.
func (s *Identity) UpdateUser(ctx context.Context, id string, patch domain.UserPatch) (domain.User, error) {
	p, err := s.admin(ctx)
	if err != nil {
		return domain.User{}, err
	}
	if patch, err = patch.Normalize(); err != nil {
		return domain.User{}, err
	}
	if id == p.Subject && patch.Roles != nil && !slices.Contains(*patch.Roles, auth.RoleAdmin) {
		return domain.User{}, apperr.Conflict("an administrator cannot remove their own admin role", "active")
	}
	var next domain.User
	err = s.st.UpdateUser(ctx, id, func(ctx context.Context, w Writes, u *domain.User) error {
		var unit *domain.Unit
		if patch.UnitID != nil && *patch.UnitID != "" {
			un, err := w.Unit(ctx, *patch.UnitID)
			if errors.Is(err, domain.ErrNotFound) {
				return domain.UnknownUnit("unit_id")
			}
			if err != nil {
				return err
			}
			unit = &un
		}
		var changed bool
		var err error
		if next, changed, err = patch.Apply(*u, unit); err != nil {
			return err
		}
		if !changed {
			return ErrNoChange
		}
		*u = next
		ev, err := envelope.New(ctx, s.cfg.Source, events.UserUpdated, next.ID, userUpdated(next))
		if err != nil {
			return err
		}
		return w.Emit(ctx, ev)
	})
	if err != nil {
		return domain.User{}, userError(err)
	}
	return next, nil
}

// DeactivateUser stops a user at once: no login, no refresh (every refresh
// token is revoked in the same transaction); access tokens already issued
// die at expiry. Emits user.deactivated and user.updated (active false), so
// that directories keeping the whole user need no second kind of handler.
// Administrators only, and not on themselves.
func (s *Identity) DeactivateUser(ctx context.Context, id string) (domain.User, error) {
	p, err := s.admin(ctx)
	if err != nil {
		return domain.User{}, err
	}
	if id == p.Subject {
		return domain.User{}, apperr.Conflict("an administrator cannot deactivate their own account", "active")
	}
	var user domain.User
	err = s.st.UpdateUser(ctx, id, func(ctx context.Context, w Writes, u *domain.User) error {
		if !u.Active {
			return domain.UserInactive()
		}
		u.Active = false
		user = *u
		if _, err := w.RevokeUserRefreshTokens(ctx, u.ID, s.now()); err != nil {
			return err
		}
		deact, err := envelope.New(ctx, s.cfg.Source, events.UserDeactivated, u.ID,
			&eventsv1.UserDeactivated{UserId: u.ID, UnitId: u.UnitID})
		if err != nil {
			return err
		}
		upd, err := envelope.New(ctx, s.cfg.Source, events.UserUpdated, u.ID, userUpdated(*u))
		if err != nil {
			return err
		}
		return w.Emit(ctx, deact, upd)
	})
	if err != nil {
		return domain.User{}, userError(err)
	}
	return user, nil
}

// User returns one user to any signed-in caller.
func (s *Identity) User(ctx context.Context, id string) (domain.User, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.User{}, err
	}
	u, err := s.st.User(ctx, id)
	if errors.Is(err, domain.ErrNotFound) ||
		(err == nil && p.IsClient() && p.AgencyID != "" && u.AgencyID != p.AgencyID) {
		return domain.User{}, apperr.NotFound("user")
	}
	return u, err
}

// userError names an unknown user as the API does.
func userError(err error) error {
	if errors.Is(err, domain.ErrNotFound) {
		return apperr.NotFound("user")
	}
	return err
}

func userUpdated(u domain.User) *eventsv1.UserUpdated {
	c := userCreated(u)
	return &eventsv1.UserUpdated{
		UserId: c.UserId, Username: c.Username, FullName: c.FullName, Email: c.Email, UnitId: c.UnitId,
		AgencyId: c.AgencyId, Roles: c.Roles, Title: c.Title, Active: c.Active, Position: c.Position,
	}
}

// admin is the caller when it is an administrator.
func (s *Identity) admin(ctx context.Context) (auth.Principal, error) {
	p, err := caller(ctx)
	if err != nil {
		return p, err
	}
	return p, domain.RequireAdmin(p)
}

func (s *Identity) requireAdmin(ctx context.Context) error {
	_, err := s.admin(ctx)
	return err
}
