// Package auth is the shared token contract: identity signs access tokens
// with Sign and publishes a JWKSet; every other service checks them locally
// with a Verifier and the go-kit glue in kit.go.
package auth

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Audience is the aud of every eoffice access token.
const Audience = "eoffice"

// Roles carried in the "roles" claim.
const (
	RoleAdmin      = "admin"
	RoleLeader     = "leader"
	RoleClerk      = "clerk"
	RoleSpecialist = "specialist"
)

// ErrUnauthorized marks a missing, invalid or expired token. It is the
// shared apperr kind, so the one error mapping (pkg/httpx) answers 401.
var ErrUnauthorized = apperr.ErrUnauthorized

// ErrKeysUnavailable is wrapped (beside ErrUnauthorized) when the signing
// keys could not be fetched, so a service may answer 503 instead of 401.
var ErrKeysUnavailable = fmt.Errorf("signing keys %w", apperr.ErrUnavailable)

// Principal is the verified caller.
type Principal struct {
	Subject  string   // user id (or client id for client_credentials)
	Username string   // claim "preferred_username", when present
	Name     string   // claim "name"
	UnitID   string   // claim "unit" (empty for the bootstrap admin)
	AgencyID string   // claim "agency"
	Roles    []string // claim "roles"
	ClientID string   // claim "client_id" for machine tokens
	Scopes   []string // claim "scope", space-separated, for machine tokens
	Token    string   // the raw bearer token, to forward to another service
}

// HasRole reports whether the caller holds role.
func (p Principal) HasRole(role string) bool { return slices.Contains(p.Roles, role) }

// HasScope reports whether a machine caller was granted scope.
func (p Principal) HasScope(scope string) bool { return slices.Contains(p.Scopes, scope) }

// IsClient reports whether the caller is an integration client rather than
// a person.
func (p Principal) IsClient() bool { return p.ClientID != "" }

// Claims is what identity signs.
type Claims struct {
	jwt.RegisteredClaims
	Unit              string   `json:"unit,omitempty"`
	Agency            string   `json:"agency,omitempty"`
	Roles             []string `json:"roles,omitempty"`
	Name              string   `json:"name,omitempty"`
	PreferredUsername string   `json:"preferred_username,omitempty"`
	ClientID          string   `json:"client_id,omitempty"`
	Scope             string   `json:"scope,omitempty"`
}

// Principal turns verified claims into the caller; raw is kept for
// forwarding.
func (c Claims) Principal(raw string) Principal {
	return Principal{
		Subject:  c.Subject,
		Username: c.PreferredUsername,
		Name:     c.Name,
		UnitID:   c.Unit,
		AgencyID: c.Agency,
		Roles:    slices.Clone(c.Roles),
		ClientID: c.ClientID,
		Scopes:   strings.Fields(c.Scope),
		Token:    raw,
	}
}
