package bench

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// httpClient is shared by every measurement: enough idle connections that
// 32 concurrent callers reuse theirs instead of dialling each time.
var httpClient = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
	MaxIdleConns: 256, MaxIdleConnsPerHost: 128, IdleConnTimeout: time.Minute,
}}

// endpoints are the stack's services for the API clients.
func (s *Stack) endpoints() client.Endpoints {
	return client.Endpoints{s.Identity, s.Documents, s.Tasks, s.Notifications}
}

// clientsFor calls the stack's services through their public API clients
// with tokens from ts, over the shared connection pool.
func clientsFor(s *Stack, ts client.TokenSource) *apis.Clients {
	return apis.New(&client.Client{URLs: s.endpoints(), HTTP: httpClient, Tokens: ts})
}

// staticToken is a token that is never refreshed (the bench signs in again
// itself, between phases).
type staticToken string

func (t staticToken) AccessToken(context.Context) (string, error) { return string(t), nil }

// login runs the password grant and returns the access token.
func login(ctx context.Context, identity, username, password string) (string, error) {
	tok, err := identityapi.PasswordGrant(ctx, httpClient, identity, username, password)
	if err != nil {
		return "", err
	}
	return tok.AccessToken, nil
}

// outcome is a call's answer as the soak counts it: the status of a
// refusal (a *client.Problem) and the error; 0 when there was no answer
// to speak of (success, or a transport failure).
func outcome(err error) (int, error) {
	var p *client.Problem
	if errors.As(err, &p) {
		return p.Status, err
	}
	return 0, err
}
