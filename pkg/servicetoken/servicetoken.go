// Package servicetoken gets the access tokens background work needs to
// call another service: a service's own client (svc-documents,
// svc-exchange) asks identity for a token by the client_credentials grant
// and keeps it until shortly before it expires.
package servicetoken

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The service clients identity creates at start from their settings.
const (
	DocumentsClientID = "svc-documents" // EOFFICE_DOCUMENTS_CLIENT_SECRET
	ExchangeClientID  = "svc-exchange"  // EOFFICE_EXCHANGE_CLIENT_SECRET
	// WebClientID is the web console's client: the only caller of
	// identity's console-session routes (EOFFICE_WEB_CLIENT_SECRET).
	WebClientID = "svc-web"
)

// renewBefore is how long before its expiry a token is replaced, so that
// a call never leaves with a token about to run out.
const renewBefore = 30 * time.Second

// Source hands out a client's access token.
type Source struct {
	tokenURL         string
	clientID, secret string
	hc               *http.Client
	now              func() time.Time

	mu      sync.Mutex // held while a token is fetched: callers wait for one fetch
	token   string
	renewAt time.Time
}

// New returns the source of clientID's tokens at identity (identityURL is
// its base URL, as EOFFICE_IDENTITY_URL); hc nil: a client with a
// 10-second timeout.
func New(identityURL, clientID, clientSecret string, hc *http.Client) *Source {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &Source{tokenURL: strings.TrimRight(identityURL, "/") + "/v1/token", clientID: clientID, secret: clientSecret, hc: hc, now: time.Now}
}

// Token returns a valid access token, asking identity only when the one
// held is missing or about to expire.
func (s *Source) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && s.now().Before(s.renewAt) {
		return s.token, nil
	}
	if s.clientID == "" || s.secret == "" {
		return "", errors.New("service token: no client id or secret configured")
	}
	issued := s.now()
	tok, life, err := s.fetch(ctx)
	if err != nil {
		return "", err
	}
	// A short-lived token is renewed at half its life instead.
	s.token, s.renewAt = tok, issued.Add(life-min(renewBefore, life/2))
	return tok, nil
}

// Forget drops the held token, so that the next Token asks identity again
// (after a call was refused with 401: the client's secret or scopes changed).
func (s *Source) Forget() {
	s.mu.Lock()
	s.token = ""
	s.mu.Unlock()
}

func (s *Source) fetch(ctx context.Context) (string, time.Duration, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {s.clientID}, "client_secret": {s.secret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", 0, fmt.Errorf("service token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := s.hc.Do(req)
	if err != nil {
		return "", 0, fmt.Errorf("service token for %s: %w", s.clientID, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", 0, fmt.Errorf("service token for %s: %w", s.clientID, err)
	}
	if resp.StatusCode != http.StatusOK {
		// RFC 6749's error code (invalid_client…) or the problem's title;
		// never the body whole.
		var e struct {
			Error string `json:"error"`
			Title string `json:"title"`
		}
		_ = json.Unmarshal(body, &e)
		return "", 0, fmt.Errorf("service token for %s: identity answered %d %s", s.clientID, resp.StatusCode, strings.TrimSpace(e.Error+" "+e.Title))
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		return "", 0, fmt.Errorf("service token for %s: identity answered no access token", s.clientID)
	}
	life := time.Duration(tok.ExpiresIn) * time.Second
	if life <= 0 {
		life = time.Minute
	}
	return tok.AccessToken, life, nil
}
