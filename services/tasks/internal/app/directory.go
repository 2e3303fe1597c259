package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// IdentityDirectory adapts the shared identity client to UnitDirectory: it
// forwards the caller's token and converts identity's units and users to
// the read models' shape.
type IdentityDirectory struct{ Client *identityclient.Client }

// Unit asks identity for id on behalf of the caller in ctx.
func (d IdentityDirectory) Unit(ctx context.Context, id string) (domain.Unit, error) {
	u, err := d.Client.Unit(ctx, token(ctx), id)
	if errors.Is(err, identityclient.ErrUnknownUnit) {
		return domain.Unit{}, apperr.NotFound("unit")
	}
	if err != nil {
		return domain.Unit{}, err
	}
	out := domain.Unit{
		ID: u.ID, ParentID: u.ParentID, Kind: domain.UnitKind(u.Kind), AgencyID: u.AgencyID,
		Code: u.Code, Name: u.Name, ShortName: u.ShortName, Active: u.IsActive(),
	}
	if err := out.Validate(); err != nil {
		// identity's inconsistency: retry later rather than deny.
		return domain.Unit{}, fmt.Errorf("identity: unit %s: %v", id, err)
	}
	return out, nil
}

// User asks identity for user id on behalf of the caller in ctx.
func (d IdentityDirectory) User(ctx context.Context, id string) (domain.User, error) {
	u, err := d.Client.User(ctx, token(ctx), id)
	if errors.Is(err, identityclient.ErrUnknownUser) {
		return domain.User{}, apperr.NotFound("user")
	}
	if err != nil {
		return domain.User{}, err
	}
	return domain.User{ID: u.ID, UnitID: u.UnitID, AgencyID: u.AgencyID, FullName: u.FullName, Active: u.Active}, nil
}

// token is the caller's bearer token, forwarded to identity.
func token(ctx context.Context) string {
	if p, ok := auth.FromContext(ctx); ok {
		return p.Token
	}
	return ""
}
