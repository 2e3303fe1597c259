// Package identityclient asks the identity service's API about units and
// users a service's read model has not heard of yet (identity events may lag a
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

// ErrUnknownUser is returned when identity has no such user.
var ErrUnknownUser = errors.New("identity knows no such user")

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

// User as identity's API describes it (never a password).
type User struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email"`
	UnitID   string   `json:"unit_id"`
	AgencyID string   `json:"agency_id"`
	Title    string   `json:"title"`
	Roles    []string `json:"roles"`
	Active   bool     `json:"active"`
}

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
	var u Unit
	err := c.get(ctx, token, "/v1/units/"+url.PathEscape(id), &u)
	if errors.Is(err, errNotFound) {
		return Unit{}, fmt.Errorf("unit %s: %w", id, ErrUnknownUnit)
	}
	if err != nil {
		return Unit{}, fmt.Errorf("identity: unit %s: %w", id, err)
	}
	if u.ID != id || (u.Kind != "agency" && u.Kind != "division") {
		return Unit{}, fmt.Errorf("identity: unit %s: unexpected answer (id %q, kind %q)", id, u.ID, u.Kind)
	}
	return u, nil
}

// User fetches GET /v1/users/{id} with the caller's token. An unknown user
// is ErrUnknownUser; other failures are plain errors (retry later).
func (c *Client) User(ctx context.Context, token, id string) (User, error) {
	var u User
	err := c.get(ctx, token, "/v1/users/"+url.PathEscape(id), &u)
	if errors.Is(err, errNotFound) {
		return User{}, fmt.Errorf("user %s: %w", id, ErrUnknownUser)
	}
	if err != nil {
		return User{}, fmt.Errorf("identity: user %s: %w", id, err)
	}
	if u.ID != id {
		return User{}, fmt.Errorf("identity: user %s: unexpected answer (id %q)", id, u.ID)
	}
	return u, nil
}

// errNotFound is get's 404.
var errNotFound = errors.New("not found")

// get decodes the JSON answer of GET path into out.
func (c *Client) get(ctx context.Context, token, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, 1<<20)
	switch {
	case resp.StatusCode == http.StatusNotFound:
		_, _ = io.Copy(io.Discard, body)
		return errNotFound
	case resp.StatusCode != http.StatusOK:
		_, _ = io.Copy(io.Discard, body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(body).Decode(out); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}
