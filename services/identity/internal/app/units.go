package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Units lists every unit, newest first, to any signed-in caller: the unit
// tree is what people address documents and tasks to.
func (s *Identity) Units(ctx context.Context, p Page) (List[domain.Unit], error) {
	if _, err := caller(ctx); err != nil {
		return List[domain.Unit]{}, err
	}
	return s.st.Units(ctx, p)
}

// Unit returns one unit to any signed-in caller.
func (s *Identity) Unit(ctx context.Context, id string) (domain.Unit, error) {
	if _, err := caller(ctx); err != nil {
		return domain.Unit{}, err
	}
	u, err := s.st.Unit(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Unit{}, apperr.NotFound("unit")
	}
	return u, err
}
