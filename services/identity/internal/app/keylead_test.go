package app_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// The real values: a verifier's JWKS, however cached, cannot be older than
// the lead of a new key.
func TestKeyLeadOutlastsJWKSCaches(t *testing.T) {
	if err := auth.CheckKeyLead(app.KeyLead); err != nil {
		t.Fatal(err)
	}
	if auth.CheckKeyLead(auth.JWKSMaxAge) == nil {
		t.Fatal("CheckKeyLead accepts a lead no longer than the cache age")
	}
}

// cachingProxy stands for an HTTP cache between verifiers and identity: it
// keeps the JWKS for the max-age identity sends, on the test's clock.
type cachingProxy struct {
	s   *app.Identity
	clk *clock

	mu      sync.Mutex
	body    []byte
	expires time.Time
}

func (p *cachingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.body == nil || !p.clk.now().Before(p.expires) {
		set, err := p.s.JWKS(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		p.body, _ = json.Marshal(set)
		p.expires = p.clk.now().Add(auth.JWKSMaxAge) // identity's Cache-Control (httpapi)
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(p.body)
}

// A token of a freshly rotated key verifies at the first moment the key
// signs, even in the worst case: the cache in front of identity took its
// copy just before the rotation, and the verifier's refetch for the new
// kid is rate-limited because a forged kid made it fetch a moment before.
func TestFreshKeyVerifiesThroughCaches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		e := testenv.New(t, db)
		e.Admin(t)
		clk := &clock{t: time.Now()}
		cfg := testenv.Config()
		cfg.Now = clk.now
		s := app.New(store.New(db, e.Outbox), cfg)
		srv := httptest.NewServer(&cachingProxy{s: s, clk: clk})
		t.Cleanup(srv.Close)
		v := auth.NewVerifier(srv.URL, testenv.Issuer, auth.WithClock(clk.now))
		login := func() string {
			t.Helper()
			tok, err := s.Token(ctx, app.TokenRequest{GrantType: "password", Username: "admin", Password: testenv.AdminPassword})
			if err != nil {
				t.Fatal(err)
			}
			return tok.AccessToken
		}
		if _, err := v.Verify(ctx, login()); err != nil { // the cache and the verifier fill here
			t.Fatal(err)
		}

		clk.add(time.Second)
		r, err := s.RotateKeysNow(ctx)
		if err != nil || !r.Rotated {
			t.Fatalf("rotation %+v, %v", r, err)
		}
		// Just inside the refetch interval before the switch, a token with
		// a kid nobody knows makes the verifier fetch.
		clk.add(app.KeyLead - auth.KeyRefetchInterval + time.Second)
		_, priv, _ := ed25519.GenerateKey(rand.Reader)
		forged, err := auth.Sign(auth.Claims{}, "forged", priv)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Verify(ctx, forged); err == nil || !strings.Contains(err.Error(), "kid") {
			t.Fatalf("forged kid: %v", err)
		}

		clk.add(r.From.Sub(clk.now())) // the new key's first moment
		fresh := login()
		if kid := kidOf(t, fresh); kid != r.Kid {
			t.Fatalf("signed by %s, want the new key %s", kid, r.Kid)
		}
		if _, err := v.Verify(ctx, fresh); err != nil {
			t.Fatalf("token of the new key (lead %s, JWKS max-age %s): %v", app.KeyLead, auth.JWKSMaxAge, err)
		}
	})
}
