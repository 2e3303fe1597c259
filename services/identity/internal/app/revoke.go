package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// RevokeToken ends the login a refresh token belongs to (RFC 7009): every
// token of its family is revoked, so neither it nor one rotated from it
// refreshes again. An unknown, expired or already revoked token is no error,
// so that the answer tells the caller nothing about tokens it does not hold.
// Access tokens are not stored; they expire on their own.
func (s *Identity) RevokeToken(ctx context.Context, token string) error {
	if token == "" {
		return GrantError(CodeInvalidRequest, "token is required", apperr.FieldError{Field: "token", Message: "is required"})
	}
	return s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		rt, err := w.RefreshToken(ctx, hashRefreshToken(token))
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		_, err = w.RevokeRefreshFamily(ctx, rt.FamilyID, s.now())
		return err
	})
}
