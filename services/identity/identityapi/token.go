package identityapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Token is what a grant gives, with the issuer it came from so that a
// refresh goes back to the same identity service.
type Token struct {
	IdentityURL  string    `json:"identity_url"`
	Username     string    `json:"username,omitempty"`
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	ExpiresAt    time.Time `json:"expires_at"`
}

// expiring is true when the access token has less than a margin left, so
// that a call does not reach the server with a token that dies on the way.
func (t Token) expiring(now time.Time) bool {
	return !t.ExpiresAt.IsZero() && now.Add(30*time.Second).After(t.ExpiresAt)
}

// PasswordGrant signs in with a username and password.
func PasswordGrant(ctx context.Context, hc *http.Client, identityURL, username, password string) (Token, error) {
	t, err := grant(ctx, hc, identityURL, TokenRequest{GrantType: "password", Username: username, Password: password}, time.Now())
	if err != nil {
		return Token{}, fmt.Errorf("sign in as %s: %w", username, err)
	}
	t.Username = username
	return t, nil
}

// RefreshGrant trades a refresh token for a new pair (refresh tokens are
// used once).
func RefreshGrant(ctx context.Context, hc *http.Client, identityURL, refreshToken string) (Token, error) {
	return refreshAt(ctx, hc, identityURL, refreshToken, time.Now())
}

// refreshAt is RefreshGrant on a given clock (the expiry is reckoned from
// now).
func refreshAt(ctx context.Context, hc *http.Client, identityURL, refreshToken string, now time.Time) (Token, error) {
	t, err := grant(ctx, hc, identityURL, TokenRequest{GrantType: "refresh_token", RefreshToken: refreshToken}, now)
	if err != nil {
		return Token{}, fmt.Errorf("refresh the session: %w", err)
	}
	return t, nil
}

type forwardedForKey struct{}

// ForwardedFor marks the grants made with ctx as asked on behalf of a
// client at addr: the console signing a person in sends the person's
// address in X-Forwarded-For, so that identity throttles that address, not
// the console's (identity believes the header only from its trusted
// proxies, EOFFICE_IDENTITY_TRUSTED_PROXIES).
func ForwardedFor(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, forwardedForKey{}, addr)
}

// RevokeToken ends the sign-in a refresh token belongs to (identity's POST
// /v1/token/revoke, RFC 7009): no token of it refreshes again.
func RevokeToken(ctx context.Context, hc *http.Client, identityURL, refreshToken string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(identityURL, "/")+"/v1/token/revoke",
		strings.NewReader(RevokeRequest{Token: refreshToken, TokenTypeHint: "refresh_token"}.Form().Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if hc == nil {
		hc = http.DefaultClient
	}
	if err := client.Send(hc, req, nil); err != nil {
		return fmt.Errorf("revoke the session: %w", err)
	}
	return nil
}

func grant(ctx context.Context, hc *http.Client, identityURL string, tr TokenRequest, now time.Time) (Token, error) {
	identityURL = strings.TrimRight(identityURL, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, identityURL+"/v1/token", strings.NewReader(tr.Form().Encode()))
	if err != nil {
		return Token{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if addr, _ := ctx.Value(forwardedForKey{}).(string); addr != "" {
		req.Header.Set("X-Forwarded-For", addr)
	}
	var resp TokenResponse
	if hc == nil {
		hc = http.DefaultClient
	}
	if err := client.Send(hc, req, &resp); err != nil {
		return Token{}, err
	}
	if resp.AccessToken == "" {
		return Token{}, errors.New("the identity service answered without an access token")
	}
	t := Token{IdentityURL: identityURL, AccessToken: resp.AccessToken, RefreshToken: resp.RefreshToken}
	if resp.ExpiresIn > 0 {
		t.ExpiresAt = now.Add(time.Duration(resp.ExpiresIn) * time.Second)
	}
	return t, nil
}

// Session is a TokenSource that refreshes its token when it is about to
// expire and tells Saved about every new token (to keep it on disk).
type Session struct {
	HTTP  *http.Client
	Saved func(Token) error
	Now   func() time.Time

	mu  sync.Mutex
	tok Token
}

// NewSession starts from a token.
func NewSession(hc *http.Client, tok Token) *Session {
	return &Session{HTTP: hc, tok: tok}
}

// Token is the current token.
func (s *Session) Token() Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok
}

// ErrSessionExpired says the access token died and cannot be refreshed.
var ErrSessionExpired = errors.New("the session has expired: run eoffice login again")

// AccessToken implements TokenSource.
func (s *Session) AccessToken(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if !s.tok.expiring(now()) {
		return s.tok.AccessToken, nil
	}
	if s.tok.RefreshToken == "" {
		return "", ErrSessionExpired
	}
	fresh, err := refreshAt(ctx, s.HTTP, s.tok.IdentityURL, s.tok.RefreshToken, now())
	if err != nil {
		var p *client.Problem
		if errors.As(err, &p) && p.Status == http.StatusBadRequest {
			return "", fmt.Errorf("%w (%v)", ErrSessionExpired, err)
		}
		return "", err
	}
	fresh.Username = s.tok.Username
	if fresh.RefreshToken == "" {
		fresh.RefreshToken = s.tok.RefreshToken
	}
	s.tok = fresh
	if s.Saved != nil {
		if err := s.Saved(fresh); err != nil {
			return "", fmt.Errorf("keep the refreshed session: %w", err)
		}
	}
	return fresh.AccessToken, nil
}
