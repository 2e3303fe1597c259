package auth

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const testIssuer = "http://identity.test"

type testKey struct {
	kid  string
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newKey(t *testing.T, kid string) testKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{kid, pub, priv}
}

func validClaims(now time.Time) Claims {
	return Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    testIssuer,
			Subject:   "u-1",
			Audience:  jwt.ClaimStrings{Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(15 * time.Minute)),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        "jti-1",
		},
		Unit: "unit-1", Agency: "agency-1", Roles: []string{RoleLeader},
		Name: "Nguyễn Văn A", PreferredUsername: "nva",
	}
}

func sign(t *testing.T, c Claims, k testKey) string {
	t.Helper()
	tok, err := Sign(c, k.kid, k.priv)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestVerify(t *testing.T) {
	now := time.Now()
	k := newKey(t, "k1")
	other := newKey(t, "k1") // same kid, different key: a forged signature
	v := NewVerifier("", testIssuer, WithKeys(JWKSet{Keys: []JWK{PublicJWK(k.kid, k.pub)}}))

	with := func(f func(*Claims)) Claims { c := validClaims(now); f(&c); return c }
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, validClaims(now))
	hs.Header["kid"] = k.kid
	hsTok, err := hs.SignedString([]byte(k.pub))
	if err != nil {
		t.Fatal(err)
	}
	none := jwt.NewWithClaims(jwt.SigningMethodNone, validClaims(now))
	none.Header["kid"] = k.kid
	noneTok, err := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		token string
		ok    bool
	}{
		{"valid", sign(t, validClaims(now), k), true},
		{"within leeway", sign(t, with(func(c *Claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(-10 * time.Second)) }), k), true},
		{"empty", "", false},
		{"garbage", "not.a.jwt", false},
		{"HS256 with public key", hsTok, false},
		{"alg none", noneTok, false},
		{"wrong issuer", sign(t, with(func(c *Claims) { c.Issuer = "http://evil.test" }), k), false},
		{"wrong audience", sign(t, with(func(c *Claims) { c.Audience = jwt.ClaimStrings{"other"} }), k), false},
		{"no audience", sign(t, with(func(c *Claims) { c.Audience = nil }), k), false},
		{"expired", sign(t, with(func(c *Claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(-time.Minute)) }), k), false},
		{"missing exp", sign(t, with(func(c *Claims) { c.ExpiresAt = nil }), k), false},
		{"issued in the future", sign(t, with(func(c *Claims) { c.IssuedAt = jwt.NewNumericDate(now.Add(time.Hour)) }), k), false},
		{"missing sub", sign(t, with(func(c *Claims) { c.Subject = "" }), k), false},
		{"bad signature", sign(t, validClaims(now), other), false},
		{"unknown kid", sign(t, validClaims(now), newKey(t, "k2")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := v.Verify(context.Background(), tt.token)
			if !tt.ok {
				if !errors.Is(err, ErrUnauthorized) {
					t.Fatalf("err = %v, want ErrUnauthorized", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := Principal{Subject: "u-1", Username: "nva", Name: "Nguyễn Văn A", UnitID: "unit-1",
				AgencyID: "agency-1", Roles: []string{RoleLeader}, Token: tt.token}
			if p.Subject != want.Subject || p.Username != want.Username || p.Name != want.Name ||
				p.UnitID != want.UnitID || p.AgencyID != want.AgencyID || p.Token != want.Token ||
				!p.HasRole(RoleLeader) || p.HasRole(RoleAdmin) || p.IsClient() {
				t.Fatalf("principal = %+v, want %+v", p, want)
			}
		})
	}
}

func TestMachinePrincipal(t *testing.T) {
	c := Claims{ClientID: "c-1", Scope: "documents:read  tasks:write"}
	c.Subject = "c-1"
	p := c.Principal("raw")
	if !p.IsClient() || !p.HasScope("tasks:write") || len(p.Scopes) != 2 {
		t.Fatalf("principal = %+v", p)
	}
}

// jwksServer serves whatever set holds and counts the requests.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	set     JWKSet
	fetches atomic.Int32
	status  atomic.Int32
}

func newJWKSServer(t *testing.T, keys ...testKey) *jwksServer {
	s := &jwksServer{}
	s.publish(keys...)
	s.status.Store(http.StatusOK)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		if st := int(s.status.Load()); st != http.StatusOK {
			w.WriteHeader(st)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		_ = json.NewEncoder(w).Encode(s.set)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) publish(keys ...testKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.set = JWKSet{}
	for _, k := range keys {
		s.set.Keys = append(s.set.Keys, PublicJWK(k.kid, k.pub))
	}
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time                     { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration)                { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }
func (c *clock) claims() Claims                     { return validClaims(c.now()) }
func (c *clock) tok(t *testing.T, k testKey) string { return sign(t, c.claims(), k) }

func TestVerifierKeyRotation(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Now()}
	k1, k2, k3 := newKey(t, "k1"), newKey(t, "k2"), newKey(t, "k3")
	srv := newJWKSServer(t, k1)
	v := NewVerifier(srv.URL, testIssuer, WithHTTPClient(srv.Client()), WithClock(clk.now))

	steps := []struct {
		name    string
		before  func()
		token   testKey
		ok      bool
		fetches int32 // total after the step
	}{
		{"first use fetches", nil, k1, true, 1},
		{"cached", nil, k1, true, 1},
		{"unknown kid right after a fetch is rate-limited", func() { srv.publish(k1, k2) }, k2, false, 1},
		{"unknown kid after the limit refetches", func() { clk.add(minRefetch) }, k2, true, 2},
		{"second unknown kid within the limit does not refetch", func() { srv.publish(k1, k2, k3) }, k3, false, 2},
		{"old key still cached", nil, k1, true, 2},
		{"failed fetch is an error for that call", func() { clk.add(minRefetch); srv.status.Store(http.StatusBadGateway) }, k3, false, 3},
		{"known keys survive a failed fetch", nil, k2, true, 3},
		{"failure is not cached forever", func() { clk.add(minRefetch); srv.status.Store(http.StatusOK) }, k3, true, 4},
		{"stale cache refreshes and drops withdrawn keys", func() { clk.add(maxKeyAge); srv.publish(k3) }, k1, false, 5},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		_, err := v.Verify(ctx, clk.tok(t, s.token))
		if s.ok != (err == nil) {
			t.Fatalf("%s: err = %v, want ok=%v", s.name, err, s.ok)
		}
		if err != nil && !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("%s: err = %v, want ErrUnauthorized", s.name, err)
		}
		if got := srv.fetches.Load(); got != s.fetches {
			t.Fatalf("%s: fetches = %d, want %d", s.name, got, s.fetches)
		}
	}
}

func TestVerifierFetchErrorIsKeysUnavailable(t *testing.T) {
	srv := newJWKSServer(t)
	srv.status.Store(http.StatusInternalServerError)
	k := newKey(t, "k1")
	v := NewVerifier(srv.URL, testIssuer)
	_, err := v.Verify(context.Background(), sign(t, validClaims(time.Now()), k))
	if !errors.Is(err, ErrUnauthorized) || !errors.Is(err, ErrKeysUnavailable) {
		t.Fatalf("err = %v", err)
	}
}

func TestVerifierConcurrentCallersShareOneFetch(t *testing.T) {
	k := newKey(t, "k1")
	srv := newJWKSServer(t, k)
	v := NewVerifier(srv.URL, testIssuer)
	tok := sign(t, validClaims(time.Now()), k)
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if _, err := v.Verify(context.Background(), tok); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := srv.fetches.Load(); got != 1 {
		t.Fatalf("fetches = %d, want 1", got)
	}
}

// A token verified once is answered from the cache, but only while it has
// not expired and its key is still the one identity publishes.
func TestVerifierRepeatTokenStillChecksExpiryAndKey(t *testing.T) {
	ctx := context.Background()
	k1, k2 := newKey(t, "k1"), newKey(t, "k2")
	tests := []struct {
		name  string
		after func(clk *clock, srv *jwksServer)
	}{
		{"expired", func(clk *clock, _ *jwksServer) { clk.add(AccessTokenTTL + ClockLeeway + time.Second) }},
		{"key withdrawn", func(clk *clock, srv *jwksServer) { srv.publish(k2); clk.add(maxKeyAge) }}, // not yet expired (leeway)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{t: time.Now()}
			srv := newJWKSServer(t, k1)
			v := NewVerifier(srv.URL, testIssuer, WithHTTPClient(srv.Client()), WithClock(clk.now))
			tok := clk.tok(t, k1)
			for i := range 2 {
				p, err := v.Verify(ctx, tok)
				if err != nil || p.Subject != "u-1" || p.Token != tok {
					t.Fatalf("verify #%d: %+v, %v", i+1, p, err)
				}
			}
			tt.after(clk, srv)
			if _, err := v.Verify(ctx, tok); !errors.Is(err, ErrUnauthorized) {
				t.Fatalf("after %s: err = %v, want ErrUnauthorized", tt.name, err)
			}
		})
	}
}
