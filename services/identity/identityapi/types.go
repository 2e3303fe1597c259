// Package identityapi is the identity service's public contract: the
// request and response types of its routes, which its transport decodes
// and encodes, a client over them for the CLI, the console, the demo, the
// bench and the end-to-end tests, the OAuth token grants they sign in
// with, and the OpenAPI document that describes them.
package identityapi

import (
	_ "embed"
	"encoding/json"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/client"
)

// OpenAPI is the OpenAPI 3 document of identity's routes, served at
// /openapi.json; a test holds its schemas to the types below.
//
//go:embed openapi.json
var OpenAPI []byte

// Optional is a string identity always names in its answers, as null when
// it has none (a unit without a code, an admin-only account without a
// unit), so that a reader tells "none" from a field it does not know.
type Optional string

// String is the value, "" for none.
func (o Optional) String() string { return string(o) }

// MarshalJSON writes "" as null.
func (o Optional) MarshalJSON() ([]byte, error) {
	if o == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(o))
}

// Unit is a unit (an agency or one of its divisions) as identity shows it.
type Unit struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"` // agency or division
	Code      Optional `json:"code"`
	Name      string   `json:"name"`
	ShortName string   `json:"short_name"`
	ParentID  Optional `json:"parent_id"`
	// AgencyID is the nearest agency at or above the unit (itself for an
	// agency).
	AgencyID  string    `json:"agency_id"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	// An agency's facts for its official documents, null when unset (and
	// always on a division). PlaceName is the địa danh of the date line
	// ("Khánh Hòa, ngày 05 tháng 3 năm 2026").
	PlaceName Optional `json:"place_name"`
	// Regime is RegimeCollective or RegimeHeadLed; null counts as head-led.
	Regime Optional `json:"regime"`
	// HeadTitle is how the head's position prints in signing marks, e.g.
	// "Chủ tịch" in "KT. CHỦ TỊCH".
	HeadTitle Optional `json:"head_title"`
	// CollectiveName is the body named after "TM." (null: the agency's
	// name), e.g. "Ủy ban nhân dân".
	CollectiveName Optional `json:"collective_name"`
}

// An agency's regimes: a collective body (a UBND: its head signs "TM.
// <body>") or one led by its head (a Sở).
const (
	RegimeCollective = "collective"
	RegimeHeadLed    = "head_led"
)

// A person's positions in their agency's leadership, which decide the
// signing marks they may use.
const (
	PositionHead         = "head"
	PositionDeputy       = "deputy"
	PositionActingHead   = "acting_head"
	PositionOfficeHead   = "office_head"   // Chánh Văn phòng
	PositionDivisionHead = "division_head" // trưởng phòng
)

// UnitDetail is GET /v1/units/{id}: one unit with the units above it, the
// root first, so a client can show "UBND tỉnh › Sở TT&TT › Văn phòng" in
// one call.
type UnitDetail struct {
	Unit
	Ancestors []Unit `json:"ancestors"`
}

// UnitList is a page of GET /v1/units.
type UnitList = client.Page[Unit]

// User is a person as identity shows it; it has no password field at all.
type User struct {
	ID        string    `json:"id"`
	Username  string    `json:"username"`
	FullName  string    `json:"full_name"`
	Email     string    `json:"email"`
	UnitID    Optional  `json:"unit_id"`
	AgencyID  Optional  `json:"agency_id"`
	Roles     []string  `json:"roles"`
	Title     string    `json:"title"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	// Position is one of the Position constants, null when unset.
	Position Optional `json:"position"`
}

// UserList is a page of GET /v1/users.
type UserList = client.Page[User]

// NewUnit is the body of POST /v1/units.
type NewUnit struct {
	Kind      string `json:"kind,omitempty"` // agency (default) or division
	Code      string `json:"code,omitempty"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	ParentID  string `json:"parent_id,omitempty"`
	// An agency's facts (see Unit); a division has none.
	PlaceName      string `json:"place_name,omitempty"`
	Regime         string `json:"regime,omitempty"`
	HeadTitle      string `json:"head_title,omitempty"`
	CollectiveName string `json:"collective_name,omitempty"`
}

// UnitPatch is the body of PATCH /v1/units/{id}; nil fields stay.
type UnitPatch struct {
	Name      *string `json:"name,omitempty"`
	ShortName *string `json:"short_name,omitempty"`
	Code      *string `json:"code,omitempty"` // "" removes the code
	// An agency's facts; "" clears one.
	PlaceName      *string `json:"place_name,omitempty"`
	Regime         *string `json:"regime,omitempty"`
	HeadTitle      *string `json:"head_title,omitempty"`
	CollectiveName *string `json:"collective_name,omitempty"`
}

// NewUser is the body of POST /v1/users.
type NewUser struct {
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email"`
	UnitID   string   `json:"unit_id"`
	Roles    []string `json:"roles"`
	Password string   `json:"password"`
	Title    string   `json:"title,omitempty"`
	Position string   `json:"position,omitempty"`
	// PasswordHash, instead of Password, is an argon2id PHC string
	// ($argon2id$v=19$m=...,t=...,p=...$salt$hash) computed once for
	// many imported or generated people.
	PasswordHash string `json:"password_hash,omitempty"`
}

// UserPatch is the body of PATCH /v1/users/{id}; nil fields stay.
type UserPatch struct {
	FullName *string   `json:"full_name,omitempty"`
	Email    *string   `json:"email,omitempty"`
	UnitID   *string   `json:"unit_id,omitempty"` // "" removes the unit (admin-only accounts)
	Roles    *[]string `json:"roles,omitempty"`
	Title    *string   `json:"title,omitempty"`
	Position *string   `json:"position,omitempty"` // "" clears it
}

// PasswordChange is the body of POST /v1/me/password.
type PasswordChange struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

// NewClient is the body of POST /v1/clients.
type NewClient struct {
	Name   string   `json:"name"`
	Scopes []string `json:"scopes"`
	// AgencyID limits the client to one agency's data and events.
	AgencyID string `json:"agency_id,omitempty"`
}

// ClientCredentials is the answer of POST /v1/clients, the only one that
// ever shows a client's secret.
type ClientCredentials struct {
	ClientID     string    `json:"client_id"`
	ClientSecret string    `json:"client_secret"`
	Name         string    `json:"name"`
	Scopes       []string  `json:"scopes"`
	AgencyID     Optional  `json:"agency_id"`
	CreatedAt    time.Time `json:"created_at"`
}

// RegisteredClient is an integration client as identity shows it after
// creation: never its secret.
type RegisteredClient struct {
	ClientID  string    `json:"client_id"`
	Name      string    `json:"name"`
	Scopes    []string  `json:"scopes"`
	AgencyID  Optional  `json:"agency_id"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// ClientPatch is the body of PATCH /v1/clients/{id}; nil fields stay.
type ClientPatch struct {
	Name   *string   `json:"name,omitempty"`
	Scopes *[]string `json:"scopes,omitempty"`
}

// KeyRotation is the answer of POST /v1/keys/rotate: the new key and when
// it starts signing.
type KeyRotation struct {
	Kid       string     `json:"kid"`
	Rotated   bool       `json:"rotated"`
	SignsFrom *time.Time `json:"signs_from,omitempty"`
}

// JWKSet is the body of GET /.well-known/jwks.json; pkg/auth declares it,
// since every service's token verifier reads it.
type JWKSet = auth.JWKSet

// JWK is one public key of a JWKSet.
type JWK = auth.JWK
