// Package identityclient asks the identity service's API about units a
// service's read model has not heard of yet (identity events may lag a
// request). It forwards the caller's bearer token.
package identityclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// ErrUnknownUnit is returned when identity has no such unit.
var ErrUnknownUnit = errors.New("identity knows no such unit")

// maxDepth bounds the walk up the tree when identity does not name a
// division's agency.
const maxDepth = 16

// Unit as identity's API describes it, with AgencyID always resolved.
type Unit struct {
	ID        string `json:"id"`
	ParentID  string `json:"parent_id"`
	Kind      string `json:"kind"` // agency or division
	AgencyID  string `json:"agency_id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Active    *bool  `json:"active"`
}

// IsActive reads the optional active flag (absent means active).
func (u Unit) IsActive() bool { return u.Active == nil || *u.Active }

// Client calls identity at a base URL (EOFFICE_IDENTITY_URL).
type Client struct {
	base string
	http *http.Client
}

// New returns a client of identity at baseURL using c (an otelhttp client).
func New(baseURL string, c *http.Client) *Client {
	return &Client{base: strings.TrimRight(baseURL, "/"), http: c}
}

// Unit fetches GET /v1/units/{id} with the caller's token and resolves its
// agency, walking up the parents if identity does not say it. An unknown
// unit is ErrUnknownUnit; other failures are plain errors (retry later).
func (c *Client) Unit(ctx context.Context, token, id string) (Unit, error) {
	u, err := c.fetch(ctx, token, id)
	if err != nil {
		return Unit{}, err
	}
	cur := u
	for depth := 0; u.AgencyID == ""; depth++ {
		switch {
		case cur.Kind == "agency":
			u.AgencyID = cur.ID
		case cur.AgencyID != "":
			u.AgencyID = cur.AgencyID
		case cur.ParentID == "" || depth == maxDepth:
			return Unit{}, fmt.Errorf("identity: unit %s: no agency above it", id)
		default:
			// A missing parent is identity's inconsistency, not a missing unit.
			if cur, err = c.fetch(ctx, token, cur.ParentID); err != nil {
				return Unit{}, fmt.Errorf("identity: parent of unit %s: %v", id, err)
			}
		}
	}
	return u, nil
}

func (c *Client) fetch(ctx context.Context, token, id string) (Unit, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/units/"+url.PathEscape(id), nil)
	if err != nil {
		return Unit{}, fmt.Errorf("identity: unit %s: %w", id, err)
	}
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return Unit{}, fmt.Errorf("identity: unit %s: %w", id, err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, 1<<20)
	switch {
	case resp.StatusCode == http.StatusNotFound:
		_, _ = io.Copy(io.Discard, body)
		return Unit{}, fmt.Errorf("unit %s: %w", id, ErrUnknownUnit)
	case resp.StatusCode != http.StatusOK:
		_, _ = io.Copy(io.Discard, body)
		return Unit{}, fmt.Errorf("identity: unit %s: status %d", id, resp.StatusCode)
	}
	var u Unit
	if err := json.NewDecoder(body).Decode(&u); err != nil {
		return Unit{}, fmt.Errorf("identity: unit %s: decode: %w", id, err)
	}
	if u.ID != id || (u.Kind != "agency" && u.Kind != "division") {
		return Unit{}, fmt.Errorf("identity: unit %s: unexpected answer (id %q, kind %q)", id, u.ID, u.Kind)
	}
	return u, nil
}
