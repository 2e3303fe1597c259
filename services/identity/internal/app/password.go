package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// ChangePassword sets the caller's own password after checking the old
// one, and revokes every refresh token of the caller in the same
// transaction: a session on a lost device ends with the old password.
func (s *Identity) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	if p.IsClient() {
		return apperr.Forbidden("an integration client has no password")
	}
	var v apperr.Validator
	v.Check(oldPassword != "", "old_password", "is required")
	v.Check(newPassword != "", "new_password", "is required")
	if err := v.Err(); err != nil {
		return err
	}
	u, err := s.st.User(ctx, p.Subject)
	if errors.Is(err, store.ErrNotFound) {
		return apperr.NotFound("user")
	}
	if err != nil {
		return err
	}
	if !u.Active {
		return domain.UserInactive()
	}
	hash, err := s.st.PasswordHash(ctx, u.ID)
	if err != nil {
		return err
	}
	ok, err := s.cfg.Hasher.Verify(oldPassword, hash)
	if err != nil {
		return fmt.Errorf("verify password of user %s: %w", u.ID, err)
	}
	if !ok {
		return apperr.Invalid("the old password is wrong", apperr.FieldError{Field: "old_password", Message: "is wrong"})
	}
	if err := domain.CheckPasswordPolicy(u.Username, newPassword); err != nil {
		return apperr.Invalid("the new password does not meet the policy", apperr.FieldError{Field: "new_password", Message: err.Error()})
	}
	if newPassword == oldPassword {
		return apperr.Invalid("the new password is the old one", apperr.FieldError{Field: "new_password", Message: "must differ from the old password"})
	}
	newHash, err := s.cfg.Hasher.Hash(newPassword)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.SetPasswordHash(ctx, u.ID, newHash); err != nil {
			return err
		}
		_, err := tx.RevokeUserRefreshTokens(ctx, u.ID, s.now())
		return err
	})
}
