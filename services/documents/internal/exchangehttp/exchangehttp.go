// Package exchangehttp is the documents service's way to the exchange
// service's API: the organisation directory (as the caller) and an
// incoming package's files (with the service's own credentials). It
// adapts app.Organisations and app.PackageFiles over HTTP; the wire type
// is local, as the exchange service's api package is not a dependency.
package exchangehttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// organisation is what documents reads of GET /v1/exchange/organisations/{code}.
type organisation struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Tokens gives the service's own access token (pkg/servicetoken's Source).
type Tokens interface {
	Token(ctx context.Context) (string, error)
}

// Client calls the exchange service at URL (e.g. http://127.0.0.1:8085).
type Client struct {
	URL  string
	HTTP *http.Client
	// Tokens sign the file downloads; nil: they fail (and are retried).
	Tokens Tokens
}

var (
	_ app.Organisations = (*Client)(nil)
	_ app.PackageFiles  = (*Client)(nil)
)

// Organisation looks code up as the caller (token).
func (c *Client) Organisation(ctx context.Context, token, code string) (string, error) {
	req, err := c.request(ctx, token, "/v1/exchange/organisations/"+url.PathEscape(code))
	if err != nil {
		return "", err
	}
	var o organisation
	err = client.Send(c.httpClient(), req, &o)
	var p *client.Problem
	if errors.As(err, &p) && p.Status == http.StatusNotFound {
		return "", fmt.Errorf("organisation %s: %w", code, domain.ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	if o.Name == "" {
		return o.Code, nil
	}
	return o.Name, nil
}

// OpenFile opens file index of an incoming package with the service's
// credentials.
func (c *Client) OpenFile(ctx context.Context, packageID string, index int) (io.ReadCloser, error) {
	if c.Tokens == nil {
		return nil, errors.New("exchange files: no service credentials (EOFFICE_DOCUMENTS_CLIENT_SECRET)")
	}
	token, err := c.Tokens.Token(ctx)
	if err != nil {
		return nil, fmt.Errorf("exchange files: token: %w", err)
	}
	req, err := c.request(ctx, token, "/v1/exchange/packages/"+url.PathEscape(packageID)+"/files/"+strconv.Itoa(index))
	if err != nil {
		return nil, err
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("exchange file %s/%d: %w", packageID, index, err)
	}
	if resp.StatusCode != http.StatusOK {
		_ = resp.Body.Close()
		return nil, fmt.Errorf("exchange file %s/%d: %s", packageID, index, resp.Status)
	}
	return resp.Body, nil
}

func (c *Client) request(ctx context.Context, token, path string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.URL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req, nil
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP == nil {
		return http.DefaultClient
	}
	return c.HTTP
}
