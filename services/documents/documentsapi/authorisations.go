package documentsapi

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// NewAuthorisation is the body of POST /v1/authorisations: the caller (a
// head) authorises a person of their agency from one date to another
// (YYYY-MM-DD, both inclusive) to sign the kinds under TUQ. ("sign") or
// to handle their inbox ("inbox").
type NewAuthorisation struct {
	GranteeID string   `json:"grantee_id"`
	From      string   `json:"from"`
	To        string   `json:"to"`
	Kinds     []string `json:"kinds"`
	Scope     string   `json:"scope"`
	Note      string   `json:"note,omitempty"`
}

// Authorisation is an authorisation (ủy quyền) as both its people see it.
type Authorisation struct {
	ID          string     `json:"id"`
	AgencyID    string     `json:"agency_id"`
	GrantorID   string     `json:"grantor_id"`
	GrantorName string     `json:"grantor_name"`
	GranteeID   string     `json:"grantee_id"`
	GranteeName string     `json:"grantee_name"`
	From        string     `json:"from"`
	To          string     `json:"to"`
	Kinds       []string   `json:"kinds"`
	Scope       string     `json:"scope"`
	Note        string     `json:"note,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	RevokedAt   *time.Time `json:"revoked_at,omitempty"`
	RevokedBy   string     `json:"revoked_by,omitempty"`
	// InForce says whether it grants anything today (in Viet Nam).
	InForce bool `json:"in_force"`
}

// Authorisations is GET /v1/authorisations: newest first.
type Authorisations struct {
	Items []Authorisation `json:"items"`
}

// SigningRules is GET and PUT /v1/agencies/{id}/signing-rules: the kinds
// the agency's office and division heads sign TL. for its head.
type SigningRules struct {
	TLKinds []string `json:"tl_kinds"`
}

// Authorise grants an authorisation; key, when set, is its
// Idempotency-Key.
func (c *Client) Authorise(ctx context.Context, a NewAuthorisation, key string) (Authorisation, error) {
	var out Authorisation
	err := c.c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/authorisations", client.Idempotency(key), a, &out)
	return out, err
}

// Authorisations lists those the caller granted or was granted (and an
// administrator's agency's).
func (c *Client) Authorisations(ctx context.Context) ([]Authorisation, error) {
	var out Authorisations
	err := c.c.Do(ctx, client.Documents, http.MethodGet, "/v1/authorisations", nil, &out)
	return out.Items, err
}

// RevokeAuthorisation ends an authorisation the caller granted.
func (c *Client) RevokeAuthorisation(ctx context.Context, id string) (Authorisation, error) {
	var out Authorisation
	err := c.c.Do(ctx, client.Documents, http.MethodPost, "/v1/authorisations/"+url.PathEscape(id)+"/revoke", nil, &out)
	return out, err
}

// SigningRules reads an agency's signing rules.
func (c *Client) SigningRules(ctx context.Context, agencyID string) (SigningRules, error) {
	var out SigningRules
	err := c.c.Do(ctx, client.Documents, http.MethodGet, "/v1/agencies/"+url.PathEscape(agencyID)+"/signing-rules", nil, &out)
	return out, err
}

// SetSigningRules replaces an agency's signing rules.
func (c *Client) SetSigningRules(ctx context.Context, agencyID string, r SigningRules) (SigningRules, error) {
	var out SigningRules
	err := c.c.Do(ctx, client.Documents, http.MethodPut, "/v1/agencies/"+url.PathEscape(agencyID)+"/signing-rules", r, &out)
	return out, err
}
