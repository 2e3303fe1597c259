// Package identity asks the identity service about units the tasks
// service's unit tree has not heard of yet (its events lag).
package identity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// maxDepth bounds the walk up the tree when identity does not name a
// division's agency.
const maxDepth = 16

// Client reads units from identity's API on behalf of the caller in the
// context (its bearer token is forwarded).
type Client struct {
	base string
	http *http.Client
}

// New returns a client of identity at base (EOFFICE_IDENTITY_URL).
func New(base string, c *http.Client) *Client { return &Client{base: base, http: c} }

type unitJSON struct {
	ID        string `json:"id"`
	ParentID  string `json:"parent_id"`
	Kind      string `json:"kind"`
	AgencyID  string `json:"agency_id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Active    *bool  `json:"active"`
}

// Unit returns the unit with id, its agency resolved; an apperr.ErrNotFound
// error when identity has no such unit. Other failures are plain errors.
func (c *Client) Unit(ctx context.Context, id string) (domain.Unit, error) {
	u, err := c.fetch(ctx, id)
	if err != nil {
		return domain.Unit{}, err
	}
	// An older identity may not name the agency: walk up to it.
	cur := u
	for depth := 0; u.AgencyID == ""; depth++ {
		switch {
		case cur.Kind == domain.UnitAgency:
			u.AgencyID = cur.ID
		case cur.ParentID == "" || depth == maxDepth:
			return domain.Unit{}, fmt.Errorf("unit %s: no agency above it", id)
		case cur.AgencyID != "":
			u.AgencyID = cur.AgencyID
		default:
			// A missing parent is identity's inconsistency, not a missing unit.
			if cur, err = c.fetch(ctx, cur.ParentID); err != nil {
				return domain.Unit{}, fmt.Errorf("identity: parent of unit %s: %v", id, err)
			}
		}
	}
	if err := u.Validate(); err != nil {
		return domain.Unit{}, fmt.Errorf("identity: unit %s: %v", id, err)
	}
	return u, nil
}

func (c *Client) fetch(ctx context.Context, id string) (domain.Unit, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/units/"+url.PathEscape(id), nil)
	if err != nil {
		return domain.Unit{}, err
	}
	req.Header.Set("Accept", "application/json")
	if p, ok := auth.FromContext(ctx); ok && p.Token != "" {
		req.Header.Set("Authorization", "Bearer "+p.Token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return domain.Unit{}, fmt.Errorf("identity: get unit: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return domain.Unit{}, apperr.NotFound("unit")
	case resp.StatusCode != http.StatusOK:
		return domain.Unit{}, fmt.Errorf("identity: get unit: status %d", resp.StatusCode)
	}
	var j unitJSON
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&j); err != nil {
		return domain.Unit{}, fmt.Errorf("identity: get unit: %w", err)
	}
	if j.ID != id {
		return domain.Unit{}, errors.New("identity: get unit: answer names another unit")
	}
	u := domain.Unit{
		ID: j.ID, ParentID: j.ParentID, Kind: domain.UnitKind(j.Kind), AgencyID: j.AgencyID,
		Code: j.Code, Name: j.Name, ShortName: j.ShortName, Active: j.Active == nil || *j.Active,
	}
	return u, nil
}
