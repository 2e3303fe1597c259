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
// forwards the caller's token and converts identity's unit to the read
// model's shape.
type IdentityDirectory struct{ Client *identityclient.Client }

// Unit asks identity for id on behalf of the caller in ctx.
func (d IdentityDirectory) Unit(ctx context.Context, id string) (domain.Unit, error) {
	var token string
	if p, ok := auth.FromContext(ctx); ok {
		token = p.Token
	}
	u, err := d.Client.Unit(ctx, token, id)
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
