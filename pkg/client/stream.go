package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// Stream sends body as it comes (a multipart upload: header carries its
// Content-Type) without holding it in memory, and decodes a 2xx JSON
// answer into out.
func (c *Client) Stream(ctx context.Context, svc Service, method, path string, header http.Header, body io.Reader, out any) error {
	req, err := c.request(ctx, svc, method, path, header, body)
	if err != nil {
		return err
	}
	return Send(c.httpClient(), req, out)
}

// Open GETs path for its content (a download): a 2xx answer is returned
// for the caller to read and close; anything else becomes a *Problem.
func (c *Client) Open(ctx context.Context, svc Service, path string) (*http.Response, error) {
	req, err := c.request(ctx, svc, http.MethodGet, path, nil, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", req.URL.Redacted(), unwrapURLError(err))
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		return nil, problemFrom(req, resp)
	}
	return resp, nil
}
