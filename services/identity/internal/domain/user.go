package domain

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
)

// BootstrapUsername is the administrator created at first start.
const BootstrapUsername = "admin"

// usernamePattern keeps usernames lowercase so that login never depends on
// case and two accounts cannot differ only by it.
var usernamePattern = regexp.MustCompile(`^[a-z0-9._-]{3,64}$`)

// Roles in their canonical order; a user's roles are kept in this order.
var Roles = []string{auth.RoleAdmin, auth.RoleLeader, auth.RoleClerk, auth.RoleSpecialist}

const (
	maxFullNameLen = 255
	maxTitleLen    = 255
	maxEmailLen    = 254
)

// User is a person who signs in. The password hash lives beside it in the
// store and never travels with it.
type User struct {
	ID        string
	Username  string
	FullName  string
	Email     string
	UnitID    string // empty only for administrators without a unit
	AgencyID  string // the unit's agency, derived from the unit tree
	Roles     []string
	Title     string   // position (chức vụ) as it prints, e.g. "Phó Giám đốc"
	Position  Position // the place in the leadership that decides signing marks
	Active    bool
	CreatedAt time.Time
}

// HasRole reports whether u holds role.
func (u User) HasRole(role string) bool { return slices.Contains(u.Roles, role) }

// UserInput is what an administrator gives to create a user.
type UserInput struct {
	Username string
	FullName string
	Email    string
	UnitID   string
	Roles    []string
	Password string
	Title    string
	Position string
	// PasswordHash, instead of Password, is an argon2id PHC string the
	// administrator computed once for many generated or imported people,
	// so that creating each does not cost a hash.
	PasswordHash string
}

// Normalize trims the input, puts roles in canonical order and checks every
// field that can be checked without the database, the password policy
// included.
func (in UserInput) Normalize() (UserInput, error) {
	in.Username = strings.TrimSpace(in.Username)
	in.FullName = strings.TrimSpace(in.FullName)
	in.Email = strings.TrimSpace(in.Email)
	in.UnitID = strings.TrimSpace(in.UnitID)
	in.Title = strings.TrimSpace(in.Title)

	var v apperr.Validator
	v.Check(usernamePattern.MatchString(in.Username), "username", "must be 3 to 64 lowercase letters, digits, '.', '_' or '-'")
	v.Check(in.FullName != "", "full_name", "is required")
	v.Check(utf8.RuneCountInString(in.FullName) <= maxFullNameLen, "full_name", "must be at most 255 characters")
	v.Check(utf8.RuneCountInString(in.Title) <= maxTitleLen, "title", "must be at most 255 characters")
	in.Position = checkPosition(in.Position, &v)
	if in.Email == "" {
		v.Add("email", "is required")
	} else if email, ok := parseEmail(in.Email); !ok {
		v.Add("email", "must be an e-mail address such as name@example.gov.vn")
	} else {
		in.Email = email
	}
	roles, bad := canonicalRoles(in.Roles)
	in.Roles = roles
	switch {
	case bad != "":
		v.Add("roles", "unknown role "+quote(bad)+"; roles are admin, leader, clerk, specialist")
	case len(roles) == 0:
		v.Add("roles", "at least one role is required")
	case in.UnitID == "" && slices.ContainsFunc(roles, func(r string) bool { return r != auth.RoleAdmin }):
		v.Add("unit_id", "is required for roles other than admin")
	}
	switch {
	case in.PasswordHash != "" && in.Password != "":
		v.Add("password_hash", "give either password or password_hash, not both")
	case in.PasswordHash != "":
		if err := CheckHash(in.PasswordHash); err != nil {
			v.Add("password_hash", "must be an argon2id PHC string such as $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>")
		}
	default:
		if err := CheckPasswordPolicy(in.Username, in.Password); err != nil {
			v.Add("password", err.Error())
		}
	}
	return in, v.Err()
}

// NewUser builds the user of a validated input in unit (nil when the input
// names none; the caller has looked it up by in.UnitID).
func NewUser(id string, in UserInput, unit *Unit, now time.Time) (User, error) {
	u := User{
		ID:        id,
		Username:  in.Username,
		FullName:  in.FullName,
		Email:     in.Email,
		Roles:     slices.Clone(in.Roles),
		Title:     in.Title,
		Position:  Position(in.Position),
		Active:    true,
		CreatedAt: now,
	}
	if in.UnitID != "" {
		if unit == nil || unit.ID != in.UnitID {
			return User{}, UnknownUnit("unit_id")
		}
		if !unit.Active {
			return User{}, apperr.Invalid("the unit is inactive", apperr.FieldError{Field: "unit_id", Message: "unit is inactive"})
		}
		u.UnitID, u.AgencyID = unit.ID, unit.AgencyID
	}
	return u, nil
}

// UsernameTaken is the 409 for a username in use.
func UsernameTaken(username string) error {
	return &apperr.Error{Kind: apperr.ErrConflict, Detail: "the username is already taken",
		Fields: []apperr.FieldError{{Field: "username", Message: "already taken"}}}
}

// parseEmail accepts a bare address only: a display name or angle brackets
// would end up in mail headers later.
func parseEmail(s string) (string, bool) {
	if len(s) > maxEmailLen {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", false
	}
	return a.Address, true
}

// canonicalRoles dedupes roles into the order of Roles; bad is the first
// unknown role.
func canonicalRoles(in []string) (roles []string, bad string) {
	for _, r := range in {
		if !slices.Contains(Roles, r) {
			return nil, r
		}
	}
	for _, r := range Roles {
		if slices.Contains(in, r) {
			roles = append(roles, r)
		}
	}
	return roles, ""
}

func quote(s string) string { return `"` + s + `"` }
