package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

func TestStoreLifecycle(t *testing.T) {
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	st := NewStore(http.DefaultClient, time.Hour)
	st.Now = func() time.Time { return now }
	a := st.New(identityapi.Token{AccessToken: "a"}, User{ID: "u1"})
	b := st.New(identityapi.Token{AccessToken: "b"}, User{ID: "u2"})
	if a.ID == b.ID || a.CSRF == b.CSRF || a.ID == a.CSRF || len(a.ID) < 40 {
		t.Fatalf("ids and CSRF tokens must be distinct and long: %q %q %q", a.ID, b.ID, a.CSRF)
	}
	tests := []struct {
		name    string
		advance time.Duration
		id      string
		want    bool
	}{
		{"fresh session", 0, a.ID, true},
		{"unknown id", 0, "nope", false},
		{"seen 50 minutes later", 50 * time.Minute, a.ID, true},
		{"idle window restarts on each visit", 50 * time.Minute, a.ID, true},
		{"the other session idled out", 0, b.ID, false},
		{"idle more than an hour", 61 * time.Minute, a.ID, false},
	}
	for _, tt := range tests {
		now = now.Add(tt.advance)
		s, ok := st.Get(tt.id)
		if ok != tt.want {
			t.Fatalf("%s: Get = %v, want %v", tt.name, ok, tt.want)
		}
		if ok && s.User.ID != "u1" {
			t.Fatalf("%s: wrong session %+v", tt.name, s.User)
		}
	}
	if st.Len() != 0 {
		t.Fatalf("expired sessions are still held: %d", st.Len())
	}
	c := st.New(identityapi.Token{AccessToken: "c"}, User{ID: "u3"})
	st.Delete(c.ID)
	if _, ok := st.Get(c.ID); ok {
		t.Fatal("a deleted session is still found")
	}
}

func TestValidCSRF(t *testing.T) {
	s := &Session{CSRF: "abcdef0123456789"}
	tests := []struct {
		token string
		want  bool
	}{
		{"abcdef0123456789", true},
		{"", false},
		{"abcdef012345678", false},
		{"abcdef01234567890", false},
		{"ABCDEF0123456789", false},
	}
	for _, tt := range tests {
		if got := s.ValidCSRF(tt.token); got != tt.want {
			t.Errorf("ValidCSRF(%q) = %v, want %v", tt.token, got, tt.want)
		}
	}
	if (&Session{}).ValidCSRF("") {
		t.Error("an empty token matched an empty session token")
	}
}

func TestFlashesAreShownOnce(t *testing.T) {
	s := &Session{}
	s.AddFlash(Flash{OK: true, Text: "Đã lưu"})
	if f := s.TakeFlashes(); len(f) != 1 || f[0].Text != "Đã lưu" {
		t.Fatalf("flashes %+v", f)
	}
	if f := s.TakeFlashes(); len(f) != 0 {
		t.Fatalf("flashes shown twice: %+v", f)
	}
}

// identityFake plays identity's refresh rule: a refresh token works once;
// a used one coming back revokes the whole family.
type identityFake struct {
	mu       sync.Mutex
	used     map[string]bool
	revoked  bool
	refreshs atomic.Int32
	n        int
}

func (f *identityFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	rt := r.PostForm.Get("refresh_token")
	if r.PostForm.Get("grant_type") != "refresh_token" || f.revoked || f.used[rt] {
		f.revoked = true
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"status":400,"error":"invalid_grant"}`))
		return
	}
	f.used[rt] = true
	f.refreshs.Add(1)
	f.n++
	time.Sleep(20 * time.Millisecond) // widen the race window
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("access-%d", f.n), "token_type": "Bearer",
		"expires_in": 900, "refresh_token": fmt.Sprintf("refresh-%d", f.n)})
}

// TestRefreshOnceUnderConcurrency: many requests of one session find the
// access token expiring at once; exactly one refresh happens and every
// request gets the new token (a second refresh with the same token would
// make identity revoke the family and sign the user out).
func TestRefreshOnceUnderConcurrency(t *testing.T) {
	fake := &identityFake{used: map[string]bool{}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	st := NewStore(srv.Client(), time.Hour)
	s := st.New(identityapi.Token{IdentityURL: srv.URL, AccessToken: "old", RefreshToken: "refresh-0",
		ExpiresAt: time.Now().Add(10 * time.Second)}, User{ID: "u1"})

	const n = 32
	var wg sync.WaitGroup
	got := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); got[i], errs[i] = s.AccessToken(context.Background()) }()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || got[i] != "access-1" {
			t.Fatalf("request %d: token %q, err %v", i, got[i], errs[i])
		}
	}
	if c := fake.refreshs.Load(); c != 1 {
		t.Fatalf("refreshed %d times, want 1", c)
	}
	if fake.revoked {
		t.Fatal("the token family was revoked")
	}
}

// TestRefreshFailureEndsSession: when identity refuses the refresh, the
// session says so (the console then sends the user to the login page).
func TestRefreshFailureEndsSession(t *testing.T) {
	fake := &identityFake{used: map[string]bool{"refresh-0": true}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	st := NewStore(srv.Client(), time.Hour)
	s := st.New(identityapi.Token{IdentityURL: srv.URL, AccessToken: "old", RefreshToken: "refresh-0",
		ExpiresAt: time.Now().Add(-time.Minute)}, User{ID: "u1"})
	if _, err := s.AccessToken(context.Background()); err == nil || !errors.Is(err, identityapi.ErrSessionExpired) {
		t.Fatalf("err = %v, want ErrSessionExpired", err)
	}
}
