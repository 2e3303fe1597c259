package identityapi

import (
	"context"
	"net/http"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Console sessions (ARCHITECTURE.md: identity owns tokens): the web
// console keeps its signed-in browsers at identity, so that every console
// replica shares them and a restart keeps them. Only the console's own
// client (svc-web, scope console:sessions) may call these routes.

// NewConsoleSession is the body of POST /v1/console/sessions: the refresh
// token of a password grant the console just made (identity spends it)
// and how long the session may stay idle.
type NewConsoleSession struct {
	RefreshToken string `json:"refresh_token"`
	IdleSeconds  int    `json:"idle_seconds"`
}

// ConsoleSessionHandle is the body of the resolve and end routes: the
// browser's handle. Everywhere (end only) signs its user out of every
// session and every login.
type ConsoleSessionHandle struct {
	Handle     string `json:"handle"`
	Everywhere bool   `json:"everywhere,omitempty"`
}

// ConsoleSession is a session as one page needs it: a fresh access token,
// the user, the CSRF token. Handle is given only at creation: identity
// keeps its hash alone.
type ConsoleSession struct {
	Handle      string    `json:"handle,omitempty"`
	CSRF        string    `json:"csrf"`
	AccessToken string    `json:"access_token"`
	ExpiresIn   int       `json:"expires_in"`
	User        User      `json:"user"`
	IdleUntil   time.Time `json:"idle_until"`
}

// ConsoleSessionsEnded answers POST /v1/console/sessions/end: how many
// sessions ended (0 for an unknown handle).
type ConsoleSessionsEnded struct {
	Ended int `json:"ended"`
}

// CodeInvalidSession is the "error" of the 401 that answers a handle of
// no live session.
const CodeInvalidSession = "invalid_session"

// CreateConsoleSession starts a session from a fresh login.
func (c *Client) CreateConsoleSession(ctx context.Context, in NewConsoleSession) (ConsoleSession, error) {
	var out ConsoleSession
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/console/sessions", in, &out)
	return out, err
}

// ResolveConsoleSession serves one page of a session (401 with
// CodeInvalidSession when it is no longer live).
func (c *Client) ResolveConsoleSession(ctx context.Context, handle string) (ConsoleSession, error) {
	var out ConsoleSession
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/console/sessions/resolve", ConsoleSessionHandle{Handle: handle}, &out)
	return out, err
}

// EndConsoleSession signs a session out (everywhere: all its user's).
func (c *Client) EndConsoleSession(ctx context.Context, handle string, everywhere bool) (int, error) {
	var out ConsoleSessionsEnded
	err := c.c.Do(ctx, client.Identity, http.MethodPost, "/v1/console/sessions/end", ConsoleSessionHandle{Handle: handle, Everywhere: everywhere}, &out)
	return out.Ended, err
}
