// Package session is the web console's side of its users' sessions, which
// identity keeps (ARCHITECTURE.md: identity owns tokens): the browser
// holds only an opaque handle in an httpOnly cookie, never a token a page
// script could read, and the console asks identity for the session on
// each page, so that every replica shares it and a restart keeps it.
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

// Session is one signed-in browser as one request sees it: identity keeps
// the session (Store), this is what it answered for the page.
type Session struct {
	ID   string // the handle in the browser's cookie
	CSRF string // per-session token every form carries back
	User User

	access  string
	expires time.Time
	now     func() time.Time

	mu      sync.Mutex
	flashes []Flash // from the flash cookie of the request
	added   []Flash // to send in the flash cookie of the answer
	taken   bool
}

// AccessToken is the access token identity signed for this page
// (identityapi.ErrSessionExpired once it expired: identity gives a new one
// on the next page).
func (s *Session) AccessToken(context.Context) (string, error) {
	if s.access == "" || !s.now().Before(s.expires) {
		return "", identityapi.ErrSessionExpired
	}
	return s.access, nil
}

// AddFlash queues a message for the next page.
func (s *Session) AddFlash(f Flash) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.added = append(s.added, f)
}

// TakeFlashes returns and clears the queued messages.
func (s *Session) TakeFlashes() []Flash {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := append(s.flashes, s.added...)
	s.flashes, s.added, s.taken = nil, nil, true
	return f
}

// SetFlashes gives the session the messages the request carried.
func (s *Session) SetFlashes(f []Flash) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flashes = f
}

// PendingFlashes are the messages for the next page, and whether the
// request's were shown (so that their cookie goes).
func (s *Session) PendingFlashes() (added []Flash, taken bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.added, s.taken
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
