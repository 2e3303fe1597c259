package domain

import (
	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
)

// RequireAdmin allows administration (units, users, clients) to
// administrators only.
func RequireAdmin(p auth.Principal) error {
	if !p.HasRole(auth.RoleAdmin) {
		return apperr.Forbidden("only an administrator may do this")
	}
	return nil
}
