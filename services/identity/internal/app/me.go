package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Me returns the caller's own account.
func (s *Identity) Me(ctx context.Context) (domain.User, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.User{}, err
	}
	u, err := s.st.User(ctx, p.Subject)
	if errors.Is(err, domain.ErrNotFound) {
		// A machine client's token, or a user removed since it was issued.
		return domain.User{}, apperr.NotFound("user")
	}
	return u, err
}
