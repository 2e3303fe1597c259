// Package identityclient asks the identity service's API about units and
// users a service's read model has not heard of yet (identity events may lag a
// request). It forwards the caller's bearer token and reads identity's own
// wire types (identityapi), so it never drifts from identity's contract.
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

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// ErrUnknownUnit is returned when identity has no such unit.
var ErrUnknownUnit = errors.New("identity knows no such unit")

// ErrUnknownUser is returned when identity has no such user.
var ErrUnknownUser = errors.New("identity knows no such user")

// maxDepth bounds the walk up the tree when identity does not name a
// division's agency.
const maxDepth = 16

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
func (c *Client) Unit(ctx context.Context, token, id string) (identityapi.Unit, error) {
	u, err := c.fetch(ctx, token, id)
	if err != nil {
		return identityapi.Unit{}, err
	}
	cur := u
	for depth := 0; u.AgencyID == ""; depth++ {
		switch {
		case cur.Kind == "agency":
			u.AgencyID = cur.ID
		case cur.AgencyID != "":
			u.AgencyID = cur.AgencyID
		case cur.ParentID == "" || depth == maxDepth:
			return identityapi.Unit{}, fmt.Errorf("identity: unit %s: no agency above it", id)
		default:
			// A missing parent is identity's inconsistency, not a missing unit.
			if cur, err = c.fetch(ctx, token, cur.ParentID.String()); err != nil {
				return identityapi.Unit{}, fmt.Errorf("identity: parent of unit %s: %v", id, err)
			}
		}
	}
	return u, nil
}

func (c *Client) fetch(ctx context.Context, token, id string) (identityapi.Unit, error) {
	// A unit is active unless identity says otherwise, so an answer without
	// the flag does not hide a unit that is in use.
	u := identityapi.Unit{Active: true}
	err := c.get(ctx, token, "/v1/units/"+url.PathEscape(id), &u)
	if errors.Is(err, errNotFound) {
		return identityapi.Unit{}, fmt.Errorf("unit %s: %w", id, ErrUnknownUnit)
	}
	if err != nil {
		return identityapi.Unit{}, fmt.Errorf("identity: unit %s: %w", id, err)
	}
	if u.ID != id || (u.Kind != "agency" && u.Kind != "division") {
		return identityapi.Unit{}, fmt.Errorf("identity: unit %s: unexpected answer (id %q, kind %q)", id, u.ID, u.Kind)
	}
	return u, nil
}

// User fetches GET /v1/users/{id} with the caller's token. An unknown user
// is ErrUnknownUser; other failures are plain errors (retry later).
func (c *Client) User(ctx context.Context, token, id string) (identityapi.User, error) {
	var u identityapi.User
	err := c.get(ctx, token, "/v1/users/"+url.PathEscape(id), &u)
	if errors.Is(err, errNotFound) {
		return identityapi.User{}, fmt.Errorf("user %s: %w", id, ErrUnknownUser)
	}
	if err != nil {
		return identityapi.User{}, fmt.Errorf("identity: user %s: %w", id, err)
	}
	if u.ID != id {
		return identityapi.User{}, fmt.Errorf("identity: user %s: unexpected answer (id %q)", id, u.ID)
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
