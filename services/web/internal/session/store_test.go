package session

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

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
	s.SetFlashes([]Flash{{Text: "Từ trang trước"}})
	s.AddFlash(Flash{OK: true, Text: "Đã lưu"})
	if f := s.TakeFlashes(); len(f) != 2 || f[1].Text != "Đã lưu" {
		t.Fatalf("flashes %+v", f)
	}
	if f := s.TakeFlashes(); len(f) != 0 {
		t.Fatalf("flashes shown twice: %+v", f)
	}
	if added, taken := s.PendingFlashes(); len(added) != 0 || !taken {
		t.Fatalf("pending %v %v", added, taken)
	}
}

// identityFake answers the console-session routes for one handle, counts
// resolutions, and refuses the first console token (as identity does a
// token of a secret since changed).
type identityFake struct {
	mu       sync.Mutex
	resolves int
	ended    bool
	tokens   []string
}

func (f *identityFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokens = append(f.tokens, r.Header.Get("Authorization"))
	problem := func(status int, code string) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": status, "error": code})
	}
	if r.Header.Get("Authorization") != "Bearer good" {
		problem(http.StatusUnauthorized, "")
		return
	}
	var in identityapi.ConsoleSessionHandle
	_ = json.NewDecoder(r.Body).Decode(&in)
	switch r.URL.Path {
	case "/v1/console/sessions/resolve":
		if f.ended || in.Handle != "h1" {
			problem(http.StatusUnauthorized, identityapi.CodeInvalidSession)
			return
		}
		f.resolves++
		_ = json.NewEncoder(w).Encode(identityapi.ConsoleSession{CSRF: "c1", AccessToken: "a1", ExpiresIn: 900,
			User: identityapi.User{ID: "u1", Roles: []string{"leader"}, UnitID: "stttt"}})
	case "/v1/console/sessions/end":
		f.ended = true
		_ = json.NewEncoder(w).Encode(identityapi.ConsoleSessionsEnded{Ended: 1})
	default:
		problem(http.StatusNotFound, "")
	}
}

// rotating gives "stale" until forgotten, then "good".
type rotating struct{ forgot bool }

func (r *rotating) AccessToken(context.Context) (string, error) {
	if r.forgot {
		return "good", nil
	}
	return "stale", nil
}

func TestStoreAsksIdentity(t *testing.T) {
	fake := &identityFake{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	now := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	tokens := &rotating{}
	urls := client.Endpoints{srv.URL, srv.URL, srv.URL, srv.URL, srv.URL}
	st := NewStore(Config{URLs: urls, HTTP: srv.Client(), Tokens: tokens, Forget: func() { tokens.forgot = true },
		Idle: time.Hour, Cache: 2 * time.Second, Now: func() time.Time { return now }})
	ctx := context.Background()

	steps := []struct {
		name     string
		advance  time.Duration
		handle   string
		err      error
		resolves int
	}{
		{"first page: a stale console token is renewed once", 0, "h1", nil, 1},
		{"within the cache", time.Second, "h1", nil, 1},
		{"past the cache: asked again", 2 * time.Second, "h1", nil, 2},
		{"unknown handle", 0, "h2", ErrNoSession, 2},
		{"empty handle: identity is not asked", 0, "", ErrNoSession, 2},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		sess, err := st.Get(ctx, s.handle)
		if !errors.Is(err, s.err) || (err == nil && (sess.User.ID != "u1" || sess.CSRF != "c1" || sess.User.UnitID != "stttt")) {
			t.Fatalf("%s: %+v %v", s.name, sess, err)
		}
		if err == nil {
			if tok, err := sess.AccessToken(ctx); tok != "a1" || err != nil {
				t.Fatalf("%s: token %q %v", s.name, tok, err)
			}
		}
		if fake.resolves != s.resolves {
			t.Fatalf("%s: %d resolutions, want %d", s.name, fake.resolves, s.resolves)
		}
	}
	if err := st.Delete(ctx, "h1", false); err != nil {
		t.Fatal(err)
	}
	// Signed out here: the cache of this replica is dropped at once.
	if _, err := st.Get(ctx, "h1"); !errors.Is(err, ErrNoSession) {
		t.Fatalf("after sign-out: %v", err)
	}
	sess := st.session("h1", identityapi.ConsoleSession{AccessToken: "a1", ExpiresIn: 900})
	now = now.Add(15 * time.Minute)
	if _, err := sess.AccessToken(ctx); !errors.Is(err, identityapi.ErrSessionExpired) {
		t.Fatalf("an expired access token: %v", err)
	}
}
