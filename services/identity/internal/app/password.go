package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
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
	if errors.Is(err, domain.ErrNotFound) {
		return apperr.NotFound("user")
	}
	if err != nil {
		return err
	}
	if !u.Active {
		return domain.UserInactive()
	}
	if err := s.admitPasswordChange(ctx, u.ID); err != nil {
		return err
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
	if err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		return w.ResetHits(ctx, passwordKey(u.ID))
	}); err != nil {
		return err
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
	return s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		if err := w.SetPasswordHash(ctx, u.ID, newHash); err != nil {
			return err
		}
		_, err := w.RevokeUserRefreshTokens(ctx, u.ID, s.now())
		return err
	})
}

// admitPasswordChange throttles guesses of the old password by user, as
// login throttles a (username, address) pair: a stolen access token does
// not let its holder guess the password, nor any user keep the hasher
// busy. The attempt counts before the hash is checked (a right old
// password clears the count), so concurrent requests cannot slip past.
func (s *Identity) admitPasswordChange(ctx context.Context, userID string) error {
	t, now := s.cfg.Throttle, s.now()
	var refuse error
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		_, locked, err := t.admitLocked(ctx, w, passwordKey(userID), now)
		if locked > 0 {
			refuse = throttledWith(locked, passwordThrottled)
		}
		return err
	})
	if err != nil {
		return err
	}
	return refuse
}

const passwordThrottled = "too many wrong old passwords; try again later"
