package domain

import (
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
)

// UserPatch is what an administrator may change on a user; nil fields stay
// as they are. The username is the login and does not change; the password
// changes only through its owner (POST /v1/me/password).
type UserPatch struct {
	FullName *string
	Email    *string
	UnitID   *string // "" removes the unit (administrators only)
	Roles    *[]string
	Title    *string
	Position *string // "" clears it
}

// Normalize checks the fields given, with the rules of a new user.
func (p UserPatch) Normalize() (UserPatch, error) {
	var v apperr.Validator
	trim := func(s *string) *string {
		if s == nil {
			return nil
		}
		t := strings.TrimSpace(*s)
		return &t
	}
	p.FullName, p.Email, p.UnitID, p.Title = trim(p.FullName), trim(p.Email), trim(p.UnitID), trim(p.Title)
	if p.FullName != nil {
		v.Check(*p.FullName != "", "full_name", "must not be empty")
		v.Check(len([]rune(*p.FullName)) <= maxFullNameLen, "full_name", "must be at most 255 characters")
	}
	if p.Title != nil {
		v.Check(len([]rune(*p.Title)) <= maxTitleLen, "title", "must be at most 255 characters")
	}
	if p.Position != nil {
		pos := checkPosition(*p.Position, &v)
		p.Position = &pos
	}
	if p.Email != nil {
		if email, ok := parseEmail(*p.Email); !ok {
			v.Add("email", "must be an e-mail address such as name@example.gov.vn")
		} else {
			p.Email = &email
		}
	}
	if p.Roles != nil {
		roles, bad := canonicalRoles(*p.Roles)
		switch {
		case bad != "":
			v.Add("roles", "unknown role "+quote(bad)+"; roles are admin, leader, clerk, specialist")
		case len(roles) == 0:
			v.Add("roles", "at least one role is required")
		}
		p.Roles = &roles
	}
	return p, v.Err()
}

// Apply returns u with the normalized patch applied, in unit (looked up by
// the caller when the patch names one; nil otherwise), and whether anything
// changed.
func (p UserPatch) Apply(u User, unit *Unit) (User, bool, error) {
	if !u.Active {
		return User{}, false, UserInactive()
	}
	next := u
	next.Roles = slices.Clone(u.Roles)
	if p.FullName != nil {
		next.FullName = *p.FullName
	}
	if p.Email != nil {
		next.Email = *p.Email
	}
	if p.Title != nil {
		next.Title = *p.Title
	}
	if p.Position != nil {
		next.Position = Position(*p.Position)
	}
	if p.Roles != nil {
		next.Roles = slices.Clone(*p.Roles)
	}
	if p.UnitID != nil {
		switch {
		case *p.UnitID == "":
			next.UnitID, next.AgencyID = "", ""
		case unit == nil || unit.ID != *p.UnitID:
			return User{}, false, UnknownUnit("unit_id")
		case !unit.Active && unit.ID != u.UnitID:
			return User{}, false, apperr.Invalid("the unit is inactive", apperr.FieldError{Field: "unit_id", Message: "unit is inactive"})
		default:
			next.UnitID, next.AgencyID = unit.ID, unit.AgencyID
		}
	}
	if next.UnitID == "" && slices.ContainsFunc(next.Roles, func(r string) bool { return r != auth.RoleAdmin }) {
		return User{}, false, apperr.Invalid("roles other than admin need a unit",
			apperr.FieldError{Field: "unit_id", Message: "is required for roles other than admin"})
	}
	changed := next.FullName != u.FullName || next.Email != u.Email || next.Title != u.Title ||
		next.Position != u.Position ||
		next.UnitID != u.UnitID || !slices.Equal(next.Roles, u.Roles)
	return next, changed, nil
}

// UserInactive is the 409 for a change to a deactivated user.
func UserInactive() error {
	return apperr.Conflict("the user is deactivated", "inactive")
}
