package identityapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// identity is a fake token route: it counts grants and answers refresh
// tokens it has issued once (they rotate).
type identity struct {
	grants  atomic.Int32
	expires int
	used    map[string]bool
}

func (id *identity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/token" || r.ParseForm() != nil {
		http.NotFound(w, r)
		return
	}
	n := id.grants.Add(1)
	w.Header().Set("Content-Type", "application/json")
	switch r.Form.Get("grant_type") {
	case "password":
		if r.Form.Get("password") != "dung-mat-khau" {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"status":400,"error":"invalid_grant","detail":"wrong username or password"}`))
			return
		}
	case "refresh_token":
		rt := r.Form.Get("refresh_token")
		if id.used[rt] || !strings.HasPrefix(rt, "refresh-") {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"status":400,"error":"invalid_grant","detail":"the refresh token is not valid"}`))
			return
		}
		id.used[rt] = true
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "access-" + itoa(n), "token_type": "Bearer",
		"expires_in": id.expires, "refresh_token": "refresh-" + itoa(n)})
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

func TestSessionRefreshes(t *testing.T) {
	id := &identity{expires: 900, used: map[string]bool{}}
	srv := httptest.NewServer(id)
	defer srv.Close()
	ctx := context.Background()
	tok, err := PasswordGrant(ctx, srv.Client(), srv.URL, "cv.ttbc", "dung-mat-khau")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "access-1" || tok.RefreshToken != "refresh-1" || tok.Username != "cv.ttbc" || time.Until(tok.ExpiresAt) < 14*time.Minute {
		t.Fatalf("token %+v", tok)
	}
	now := time.Now()
	var saved []Token
	s := NewSession(srv.Client(), tok)
	s.Now = func() time.Time { return now }
	s.Saved = func(t Token) error { saved = append(saved, t); return nil }

	steps := []struct {
		name       string
		advance    time.Duration
		wantToken  string
		wantGrants int32
		wantErr    error
	}{
		{"fresh token is used as it is", 0, "access-1", 1, nil},
		{"ten minutes later still", 10 * time.Minute, "access-1", 1, nil},
		{"near expiry it refreshes", 5 * time.Minute, "access-2", 2, nil},
		{"the new one lasts", time.Minute, "access-2", 2, nil},
	}
	for _, st := range steps {
		now = now.Add(st.advance)
		got, err := s.AccessToken(ctx)
		if !errors.Is(err, st.wantErr) || got != st.wantToken || id.grants.Load() != st.wantGrants {
			t.Fatalf("%s: got %q, %v after %d grants; want %q after %d", st.name, got, err, id.grants.Load(), st.wantToken, st.wantGrants)
		}
	}
	if len(saved) != 1 || saved[0].AccessToken != "access-2" || saved[0].Username != "cv.ttbc" || saved[0].RefreshToken != "refresh-2" {
		t.Fatalf("saved %+v", saved)
	}

	// A refresh token the server refuses ends the session with a clear word.
	dead := NewSession(srv.Client(), Token{IdentityURL: srv.URL, AccessToken: "old", RefreshToken: "refresh-1", ExpiresAt: time.Now().Add(-time.Minute)})
	if _, err := dead.AccessToken(ctx); !errors.Is(err, ErrSessionExpired) || !strings.Contains(err.Error(), "eoffice login") {
		t.Fatalf("reused refresh token: %v", err)
	}
	noRefresh := NewSession(srv.Client(), Token{IdentityURL: srv.URL, AccessToken: "old", ExpiresAt: time.Now().Add(-time.Minute)})
	if _, err := noRefresh.AccessToken(ctx); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("no refresh token: %v", err)
	}
	if _, err := PasswordGrant(ctx, srv.Client(), srv.URL, "cv.ttbc", "sai"); err == nil || !strings.Contains(err.Error(), "wrong username or password") {
		t.Fatalf("wrong password: %v", err)
	}
}

func TestUnitDirectory(t *testing.T) {
	units := []Unit{
		{ID: "u1", ShortName: "UBND", Name: "Ủy ban nhân dân tỉnh Khánh Hòa", Active: true},
		{ID: "u2", ShortName: "STTTT", ParentID: "u1", Name: "Sở Thông tin và Truyền thông", Active: true},
		{ID: "u3", ShortName: "VP", ParentID: "u2", Name: "Văn phòng Sở", Active: true},
		{ID: "u4", ShortName: "SNV", ParentID: "u1", Name: "Sở Nội vụ", Active: true},
		{ID: "u5", ShortName: "VP", ParentID: "u4", Name: "Văn phòng Sở", Active: true},
		{ID: "u6", ShortName: "OLD", ParentID: "u1", Active: false},
	}
	d := NewUnitDirectory(units)
	tests := []struct {
		ref, want, err string
	}{
		{"u3", "u3", ""},
		{"STTTT", "u2", ""},
		{"stttt", "u2", ""},
		{"STTTT/VP", "u3", ""},
		{"UBND/SNV/VP", "u5", ""},
		{"Sở Nội vụ", "u4", ""},
		{"VP", "", "names 2 units (UBND/SNV/VP, UBND/STTTT/VP)"},
		{"Văn phòng Sở", "", "names 2 units"},
		{"OLD", "", "no active unit"},
		{"u6", "u6", ""},
		{"SNV/STTTT", "", "no active unit"},
		{" ", "", "empty"},
	}
	for _, tt := range tests {
		got, err := d.Resolve(tt.ref)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: got %q, %v; want error %q", tt.ref, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %q, %v; want %q", tt.ref, got, err, tt.want)
		}
	}
	if d.Label("u3") != "VP" || d.Label("nope") != "nope" || d.Path("u5") != "UBND/SNV/VP" {
		t.Fatal("labels")
	}
}

// TestForwardedFor: a grant asked on behalf of a client names its address;
// any other grant sends no header.
func TestForwardedFor(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("X-Forwarded-For"))
		_, _ = w.Write([]byte(`{"access_token":"a","token_type":"Bearer","expires_in":900}`))
	}))
	defer srv.Close()
	ctx := context.Background()
	if _, err := PasswordGrant(ForwardedFor(ctx, "203.0.113.5"), srv.Client(), srv.URL, "u", "p"); err != nil {
		t.Fatal(err)
	}
	if _, err := PasswordGrant(ctx, srv.Client(), srv.URL, "u", "p"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "203.0.113.5" || got[1] != "" {
		t.Fatalf("X-Forwarded-For sent: %q", got)
	}
}
