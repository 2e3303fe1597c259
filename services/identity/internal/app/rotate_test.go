package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func kids(t *testing.T, s *app.Identity) []string {
	t.Helper()
	set, err := s.JWKS(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range set.Keys {
		out = append(out, k.Kid)
	}
	return out
}

func TestKeyRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.Admin(t)
		clk := &clock{t: time.Now()}
		cfg := testenv.Config()
		cfg.Now, cfg.KeyRotation = clk.now, 24*time.Hour
		s := app.New(store.New(db, e.Outbox), cfg)
		old := kids(t, s)
		if len(old) != 1 {
			t.Fatalf("keys = %v", old)
		}
		// Not due yet: nothing happens.
		if r, err := s.RotateIfDue(context.Background()); err != nil || r.Rotated || r.Kid != old[0] {
			t.Fatalf("early rotation = %+v, %v", r, err)
		}
		// Due: replicas checking at once rotate exactly once.
		clk.add(24*time.Hour + time.Second)
		before, err := s.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "admin", Password: testenv.AdminPassword})
		if err != nil {
			t.Fatal(err)
		}
		const replicas = 4
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			rotated int
		)
		for range replicas {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := app.New(store.New(db, e.Outbox), cfg).RotateIfDue(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if r.Rotated {
					rotated++
				}
			}()
		}
		wg.Wait()
		if rotated != 1 {
			t.Fatalf("%d replicas rotated, want 1", rotated)
		}
		now := kids(t, s)
		if len(now) != 2 || now[1] != old[0] {
			t.Fatalf("JWKS after rotation = %v; want the new key and the old one", now)
		}
		// The new key is published ahead: the old one signs a few seconds
		// more, so verifiers have it before they meet its tokens.
		soon, err := s.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "admin", Password: testenv.AdminPassword})
		if err != nil {
			t.Fatal(err)
		}
		if kid := kidOf(t, soon.AccessToken); kid != old[0] {
			t.Fatalf("right after rotation the token is signed by %s, want the old key", kid)
		}
		clk.add(app.KeyLead)
		after, err := s.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "admin", Password: testenv.AdminPassword})
		if err != nil {
			t.Fatal(err)
		}
		if kid := kidOf(t, after.AccessToken); kid != now[0] {
			t.Fatalf("after the lead the token is signed by %s, want %s", kid, now[0])
		}
		set, _ := s.JWKS(context.Background())
		v := auth.NewVerifier("", testenv.Issuer, auth.WithKeys(set), auth.WithClock(clk.now))
		// A token the old key signed just before still verifies, beside the
		// new key's.
		for name, tok := range map[string]string{"old key": before.AccessToken, "new key": after.AccessToken} {
			if _, err := v.Verify(context.Background(), tok); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		// The old key leaves the JWKS once its last token has expired.
		clk.add(app.DefaultAccessTTL + time.Minute)
		if got := kids(t, s); len(got) != 1 || got[0] != now[0] {
			t.Fatalf("JWKS after the overlap = %v, want only %s", got, now[0])
		}
		// An administrator's rotation is immediate.
		admin := e.Admin(t)
		r, err := s.RotateKeys(admin)
		if err != nil || !r.Rotated || r.Kid == now[0] {
			t.Fatalf("forced rotation = %+v, %v", r, err)
		}
	})
}

// kidOf reads the kid from a token's header.
func kidOf(t *testing.T, token string) string {
	t.Helper()
	tok, _, err := jwt.NewParser().ParseUnverified(token, &auth.Claims{})
	if err != nil {
		t.Fatal(err)
	}
	kid, _ := tok.Header["kid"].(string)
	return kid
}

// TestKeyDue: the key in use falls due a rotation interval after it was
// made; after a rotation, the new key's date counts (the expiry metric).
func TestKeyDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.Admin(t)
		clk := &clock{t: time.Now()}
		cfg := testenv.Config()
		cfg.Now, cfg.KeyRotation = clk.now, 24*time.Hour
		s := app.New(store.New(db, e.Outbox), cfg)
		ctx := context.Background()
		first, err := s.KeyDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if left := first.Sub(clk.now()); left <= 0 || left > 24*time.Hour {
			t.Fatalf("due in %v, want within the 24h interval", left)
		}
		clk.add(25 * time.Hour)
		if _, err := s.RotateIfDue(ctx); err != nil {
			t.Fatal(err)
		}
		clk.add(app.KeyLead + time.Second) // the new key signs from then
		next, err := s.KeyDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !next.After(clk.now()) || !next.After(first) {
			t.Errorf("after rotation due %v (now %v), before %v", next, clk.now(), first)
		}
	})
}
