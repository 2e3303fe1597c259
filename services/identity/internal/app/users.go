package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Users lists users, newest first, optionally of one unit, to any
// signed-in caller. A unit_id that names no unit is bad input, not an
// empty list, so that a typo does not look like an empty unit.
func (s *Identity) Users(ctx context.Context, f UserFilter, p Page) (List[domain.User], error) {
	who, err := caller(ctx)
	if err != nil {
		return List[domain.User]{}, err
	}
	if who.IsClient() && who.AgencyID != "" {
		f.AgencyID = who.AgencyID // a client limited to an agency sees its people only
	}
	if f.UnitID != "" {
		if _, err := s.st.Unit(ctx, f.UnitID); errors.Is(err, domain.ErrNotFound) {
			return List[domain.User]{}, domain.UnknownUnit("unit_id")
		} else if err != nil {
			return List[domain.User]{}, err
		}
	}
	return s.st.Users(ctx, f, p)
}
