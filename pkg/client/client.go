// Package client is the HTTP machinery under each service's public API
// package (identityapi, documentsapi, tasksapi, notificationsapi): where
// the services are, a signed JSON request, paging, and refusals as a
// *Problem carrying the server's problem+json body, so the caller can show
// the detail rather than a stack trace. The routes' request and response
// types live in those packages, never here.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Service names one of the five services.
type Service int

// The services, in the order of their default ports.
const (
	Identity Service = iota
	Documents
	Tasks
	Notifications
	Exchange
)

var serviceNames = [...]string{"IDENTITY", "DOCUMENTS", "TASKS", "NOTIFICATIONS", "EXCHANGE"}
var defaultAddrs = [...]string{"127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083", "127.0.0.1:8084", "127.0.0.1:8085"}

// Endpoints are the base URLs of the services.
type Endpoints [5]string

// EndpointsFromEnv reads EOFFICE_<SERVICE>_URL, else the listen address
// EOFFICE_<SERVICE>_ADDR that scripts/up.sh uses, else the default port.
func EndpointsFromEnv() Endpoints {
	return EndpointsFromEnvFunc(os.Getenv)
}

// EndpointsFromEnvFunc is EndpointsFromEnv with another environment.
func EndpointsFromEnvFunc(getenv func(string) string) Endpoints {
	var e Endpoints
	for i, name := range serviceNames {
		switch {
		case getenv("EOFFICE_"+name+"_URL") != "":
			e[i] = getenv("EOFFICE_" + name + "_URL")
		case getenv("EOFFICE_"+name+"_ADDR") != "":
			e[i] = "http://" + getenv("EOFFICE_"+name+"_ADDR")
		default:
			e[i] = "http://" + defaultAddrs[i]
		}
		e[i] = strings.TrimRight(e[i], "/")
	}
	return e
}

// TokenSource gives a valid access token, refreshing it when needed.
type TokenSource interface {
	AccessToken(ctx context.Context) (string, error)
}

// Client calls the services as one signed-in user.
type Client struct {
	URLs   Endpoints
	HTTP   *http.Client
	Tokens TokenSource
}

// New is a client with a 30-second HTTP timeout.
func New(urls Endpoints, tokens TokenSource) *Client {
	return &Client{URLs: urls, HTTP: &http.Client{Timeout: 30 * time.Second}, Tokens: tokens}
}

// Do sends body (nil for none) as JSON to a service and decodes the answer
// into out (nil to discard; *json.RawMessage to keep it as it came).
func (c *Client) Do(ctx context.Context, svc Service, method, path string, body, out any) error {
	return c.DoWith(ctx, svc, method, path, nil, body, out)
}

// DoWith is Do with extra headers (e.g. Idempotency-Key).
func (c *Client) DoWith(ctx context.Context, svc Service, method, path string, header http.Header, body, out any) error {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(raw)
	}
	if body != nil {
		header = header.Clone()
		if header == nil {
			header = http.Header{}
		}
		header.Set("Content-Type", "application/json")
	}
	req, err := c.request(ctx, svc, method, path, header, rd)
	if err != nil {
		return err
	}
	return Send(c.httpClient(), req, out)
}

// request is a signed request to a service.
func (c *Client) request(ctx context.Context, svc Service, method, path string, header http.Header, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.URLs[svc]+path, body)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if c.Tokens != nil {
		tok, err := c.Tokens.AccessToken(ctx)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req, nil
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP == nil {
		return http.DefaultClient
	}
	return c.HTTP
}

// Send runs req and decodes a 2xx JSON answer into out; anything else
// becomes a *Problem.
func Send(hc *http.Client, req *http.Request, out any) error {
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return problemFrom(req, resp)
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: unreadable answer: %w", req.Method, req.URL.Path, err)
	}
	return nil
}

// unwrapURLError drops the *url.Error wrapper, whose text repeats the URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// Page is one page of a list.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// All reads every page of a list route (path may carry a query) and
// returns the items; max > 0 stops after that many.
func All[T any](ctx context.Context, c *Client, svc Service, path string, max int) ([]T, error) {
	var items []T
	cursor := ""
	for {
		u, err := url.Parse(path)
		if err != nil {
			return nil, err
		}
		q := u.Query()
		q.Set("limit", "500")
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		u.RawQuery = q.Encode()
		var page Page[T]
		if err := c.Do(ctx, svc, http.MethodGet, u.String(), nil, &page); err != nil {
			return nil, err
		}
		items = append(items, page.Items...)
		if max > 0 && len(items) >= max {
			return items[:max], nil
		}
		if page.NextCursor == "" {
			return items, nil
		}
		cursor = page.NextCursor
	}
}

// Idempotency is the Idempotency-Key header for key, or nil for none.
func Idempotency(key string) http.Header {
	if key == "" {
		return nil
	}
	return http.Header{"Idempotency-Key": {key}}
}
