// Package session keeps the web console's signed-in users on the server:
// the browser holds only a random session id in an httpOnly cookie, never
// a token a page script could read.
package session

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// User is who signed in, as identity's /v1/me describes them.
type User struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	UnitID   string   `json:"unit_id"`
	Roles    []string `json:"roles"`
	Title    string   `json:"title"`
	// Position in the agency's leadership (head, deputy, office_head, …;
	// "" when unset), which the console uses to offer signing.
	Position string `json:"position"`
}

// HasRole is true when the user holds role.
func (u User) HasRole(role string) bool {
	for _, r := range u.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Flash is a one-time message shown on the next page.
type Flash struct {
	OK      bool
	Text    string
	Details []string
}

// Session is one signed-in browser.
type Session struct {
	ID   string
	CSRF string // per-session token every form carries back
	User User

	// tokens refreshes under its own mutex, so concurrent requests of one
	// session trade the refresh token once: identity revokes the whole
	// family when a used refresh token comes back.
	tokens *identityapi.Session

	mu       sync.Mutex
	flashes  []Flash
	lastSeen time.Time
}

// AccessToken is a valid access token, refreshed quietly when it is about
// to expire (identityapi.ErrSessionExpired when that is no longer possible).
func (s *Session) AccessToken(ctx context.Context) (string, error) {
	return s.tokens.AccessToken(ctx)
}

// RefreshToken is the session's current refresh token, to revoke at
// sign-out ("" when it has none).
func (s *Session) RefreshToken() string { return s.tokens.Token().RefreshToken }

// AddFlash queues a message for the next page.
func (s *Session) AddFlash(f Flash) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flashes = append(s.flashes, f)
}

// TakeFlashes returns and clears the queued messages.
func (s *Session) TakeFlashes() []Flash {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.flashes
	s.flashes = nil
	return f
}

// ValidCSRF compares a submitted token in constant time.
func (s *Session) ValidCSRF(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRF)) == 1
}

// RandomToken is 32 random bytes, base64url: session ids and CSRF tokens.
func RandomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails on supported platforms (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}
