// Package identity asks the identity service about units the documents
// service's directory has not heard of yet (its events may lag a request).
package identity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ErrUnknownUnit is returned when identity has no such unit.
var ErrUnknownUnit = errors.New("identity knows no such unit")

// Client calls identity's API on behalf of the caller, with their token.
type Client struct {
	base string
	http *http.Client
}

// New returns a client of the identity service at baseURL.
func New(baseURL string, c *http.Client) *Client {
	return &Client{base: strings.TrimRight(baseURL, "/"), http: c}
}

type unitJSON struct {
	ID        string `json:"id"`
	ParentID  string `json:"parent_id"`
	Kind      string `json:"kind"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	AgencyID  string `json:"agency_id"`
	Active    *bool  `json:"active"`
}

// Unit fetches GET /v1/units/{id}. AgencyID may be empty when identity does
// not say it; the caller then walks up the parents.
func (c *Client) Unit(ctx context.Context, token, id string) (domain.Unit, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/units/"+url.PathEscape(id), nil)
	if err != nil {
		return domain.Unit{}, fmt.Errorf("identity unit %s: %w", id, err)
	}
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return domain.Unit{}, fmt.Errorf("identity unit %s: %w", id, err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, 1<<20)
	switch {
	case resp.StatusCode == http.StatusNotFound, resp.StatusCode == http.StatusBadRequest:
		_, _ = io.Copy(io.Discard, body)
		return domain.Unit{}, fmt.Errorf("unit %s: %w", id, ErrUnknownUnit)
	case resp.StatusCode != http.StatusOK:
		_, _ = io.Copy(io.Discard, body)
		return domain.Unit{}, fmt.Errorf("identity unit %s: status %d", id, resp.StatusCode)
	}
	var u unitJSON
	if err := json.NewDecoder(body).Decode(&u); err != nil {
		return domain.Unit{}, fmt.Errorf("identity unit %s: decode: %w", id, err)
	}
	if u.ID != id || (u.Kind != string(domain.UnitAgency) && u.Kind != string(domain.UnitDivision)) {
		return domain.Unit{}, fmt.Errorf("identity unit %s: unexpected answer (id %q, kind %q)", id, u.ID, u.Kind)
	}
	out := domain.Unit{ID: u.ID, ParentID: u.ParentID, Kind: domain.UnitKind(u.Kind), Code: u.Code, Name: u.Name,
		ShortName: u.ShortName, AgencyID: u.AgencyID, Active: u.Active == nil || *u.Active}
	if out.IsAgency() {
		out.AgencyID = out.ID
	}
	return out, nil
}
