package identityapi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Client calls identity's public API as one signed-in user.
type Client struct{ c *client.Client }

// New is identity's client over c.
func New(c *client.Client) *Client { return &Client{c: c} }

// Units lists every unit.
func (c *Client) Units(ctx context.Context) ([]Unit, error) {
	return client.All[Unit](ctx, c.c, client.Identity, "/v1/units", 0)
}

// Me is the signed-in user.
func (c *Client) Me(ctx context.Context) (User, error) {
	var u User
	err := c.c.Do(ctx, client.Identity, http.MethodGet, "/v1/me", nil, &u)
	return u, err
}

// CreateUnit adds a unit (administrators).
func (c *Client) CreateUnit(ctx context.Context, u NewUnit) (Unit, error) {
	var out Unit
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/units", u, &out)
	return out, err
}

// UpdateUnit renames a unit or changes its code (administrators).
func (c *Client) UpdateUnit(ctx context.Context, id string, p UnitPatch) (Unit, error) {
	var out Unit
	err := c.c.Do(ctx, client.Identity, http.MethodPatch, "/v1/units/"+url.PathEscape(id), p, &out)
	return out, err
}

// DeactivateUnit closes a unit with no active child units or users
// (administrators); otherwise a 409 names what is left in its fields.
func (c *Client) DeactivateUnit(ctx context.Context, id string) (Unit, error) {
	var out Unit
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/units/"+url.PathEscape(id)+"/deactivate", nil, &out)
	return out, err
}

// Users reads one page of users, newest first; q may hold unit_id, limit
// and cursor.
func (c *Client) Users(ctx context.Context, q url.Values) (client.Page[User], error) {
	var p client.Page[User]
	err := c.c.Do(ctx, client.Identity, http.MethodGet, "/v1/users?"+q.Encode(), nil, &p)
	return p, err
}

// User reads one user.
func (c *Client) User(ctx context.Context, id string) (User, error) {
	var out User
	err := c.c.Do(ctx, client.Identity, http.MethodGet, "/v1/users/"+url.PathEscape(id), nil, &out)
	return out, err
}

// CreateUser adds a person (administrators).
func (c *Client) CreateUser(ctx context.Context, u NewUser) (User, error) {
	var out User
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/users", u, &out)
	return out, err
}

// UpdateUser changes a person's name, e-mail, unit, roles or title
// (administrators).
func (c *Client) UpdateUser(ctx context.Context, id string, p UserPatch) (User, error) {
	var out User
	err := c.c.Do(ctx, client.Identity, http.MethodPatch, "/v1/users/"+url.PathEscape(id), p, &out)
	return out, err
}

// DeactivateUser stops a person from signing in (administrators).
func (c *Client) DeactivateUser(ctx context.Context, id string) error {
	return c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/users/"+url.PathEscape(id)+"/deactivate", nil, nil)
}

// CreateClient registers an integration client; the secret in the answer
// is never shown again.
func (c *Client) CreateClient(ctx context.Context, n NewClient) (ClientCredentials, error) {
	var out ClientCredentials
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/clients", n, &out)
	return out, err
}
