package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// IdentityUnits is identity's API as a UnitSource.
func IdentityUnits(c *identityclient.Client) UnitSource { return identityUnits{c} }

type identityUnits struct{ c *identityclient.Client }

func (s identityUnits) Unit(ctx context.Context, token, id string) (domain.Unit, error) {
	u, err := s.c.Unit(ctx, token, id)
	if err != nil {
		return domain.Unit{}, err
	}
	return domain.Unit{ID: u.ID, ParentID: u.ParentID, Kind: domain.UnitKind(u.Kind), Code: u.Code, Name: u.Name,
		ShortName: u.ShortName, AgencyID: u.AgencyID, Active: u.IsActive()}, nil
}
