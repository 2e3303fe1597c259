package exchangeapi

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Client calls the exchange service's API as one signed-in caller.
type Client struct{ c *client.Client }

// New is exchange's client over c.
func New(c *client.Client) *Client { return &Client{c: c} }

// Organisation is one entry of the directory (a *client.Problem 404 when
// the code is not in it).
func (c *Client) Organisation(ctx context.Context, code string) (Organisation, error) {
	var o Organisation
	err := c.c.Do(ctx, client.Exchange, http.MethodGet, "/v1/exchange/organisations/"+url.PathEscape(code), nil, &o)
	return o, err
}

// Organisations is one page of the directory.
func (c *Client) Organisations(ctx context.Context, q url.Values) (OrganisationList, error) {
	var l OrganisationList
	err := c.c.Do(ctx, client.Exchange, http.MethodGet, "/v1/exchange/organisations?"+q.Encode(), nil, &l)
	return l, err
}

// CreateOrganisation adds an organisation (administrators).
func (c *Client) CreateOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	var out Organisation
	err := c.c.Do(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations", o, &out)
	return out, err
}

// UpdateOrganisation edits an organisation (administrators).
func (c *Client) UpdateOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	var out Organisation
	err := c.c.Do(ctx, client.Exchange, http.MethodPut, "/v1/exchange/organisations/"+url.PathEscape(o.Code), o, &out)
	return out, err
}

// ImportOrganisations sends a CSV file (administrators).
func (c *Client) ImportOrganisations(ctx context.Context, csv []byte) (ImportResult, error) {
	var out ImportResult
	err := c.c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations/import",
		http.Header{"Content-Type": {"text/csv"}}, bytes.NewReader(csv), &out)
	return out, err
}

// Import hands an edXML package (or status message) in.
func (c *Client) Import(ctx context.Context, edxml []byte) (Received, error) {
	var out Received
	err := c.c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/packages",
		http.Header{"Content-Type": {"application/xml"}}, bytes.NewReader(edxml), &out)
	return out, err
}

// Packages is one page of the packages the caller sees.
func (c *Client) Packages(ctx context.Context, q url.Values) (PackageList, error) {
	var l PackageList
	err := c.c.Do(ctx, client.Exchange, http.MethodGet, "/v1/exchange/packages?"+q.Encode(), nil, &l)
	return l, err
}

// Package is one package.
func (c *Client) Package(ctx context.Context, id string) (Package, error) {
	var p Package
	err := c.c.Do(ctx, client.Exchange, http.MethodGet, "/v1/exchange/packages/"+url.PathEscape(id), nil, &p)
	return p, err
}

// OpenEdxml starts the download of a package's edXML; the caller closes the body.
func (c *Client) OpenEdxml(ctx context.Context, id string) (*http.Response, error) {
	return c.c.Open(ctx, client.Exchange, "/v1/exchange/packages/"+url.PathEscape(id)+"/edxml")
}

// OpenFile starts the download of a package's file; the caller closes the body.
func (c *Client) OpenFile(ctx context.Context, id string, index int) (*http.Response, error) {
	return c.c.Open(ctx, client.Exchange, "/v1/exchange/packages/"+url.PathEscape(id)+"/files/"+strconv.Itoa(index))
}
