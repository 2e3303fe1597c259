// Package identityapi is the identity service's public contract: the
// request and response types of its routes, which its transport decodes
// and encodes, a client over them for the CLI, the console, the demo, the
// bench and the end-to-end tests, and the OAuth token grants they sign in
// with.
package identityapi

// Unit is a unit of identity.
type Unit struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Code      string `json:"code,omitempty"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	ParentID  string `json:"parent_id,omitempty"`
	Active    bool   `json:"active"`
}

// User is a person of identity.
type User struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email,omitempty"`
	UnitID   string   `json:"unit_id,omitempty"`
	AgencyID string   `json:"agency_id,omitempty"`
	Roles    []string `json:"roles"`
	Title    string   `json:"title,omitempty"`
	Active   bool     `json:"active"`
}
