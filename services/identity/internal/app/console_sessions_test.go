package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// console acts as the web console's own client.
var console = testenv.AsPrincipal(auth.Principal{Subject: servicetoken.WebClientID, ClientID: servicetoken.WebClientID,
	Scopes: []string{auth.ScopeConsoleSessions}})

// consoleEnv is identity on db with a clock the test moves.
type consoleEnv struct {
	*testenv.Env
	id  *app.Identity
	now time.Time
}

func newConsoleEnv(t *testing.T, db *pkgstore.DB) (*consoleEnv, org) {
	e := testenv.New(t, db)
	o := seed(t, e, e.Admin(t))
	c := &consoleEnv{Env: e, now: time.Now().UTC()}
	cfg := testenv.Config()
	cfg.Now = func() time.Time { return c.now }
	c.id = app.New(e.Store, cfg)
	return c, o
}

// login is the console's sign-in: a password grant, then a session.
func (c *consoleEnv) login(t *testing.T, idle time.Duration) (app.ConsoleSession, string) {
	t.Helper()
	tok, err := c.id.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "leader.ubnd", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := c.id.CreateConsoleSession(console, tok.RefreshToken, idle)
	if err != nil {
		t.Fatal(err)
	}
	return cs, tok.RefreshToken
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestConsoleSessionLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		c, o := newConsoleEnv(t, db)
		cs, _ := c.login(t, time.Hour)
		if len(cs.Handle) < 40 || len(cs.CSRF) < 40 || cs.Handle == cs.CSRF || cs.User.ID != o.leader.ID || cs.AccessToken == "" {
			t.Fatalf("session %+v", cs)
		}

		// Only the handle's hash is kept.
		var stored, refresh string
		if err := db.QueryRowContext(context.Background(), `SELECT handle_hash, refresh_hash FROM console_sessions`).Scan(&stored, &refresh); err != nil {
			t.Fatal(err)
		}
		if stored != sha(cs.Handle) || stored == cs.Handle {
			t.Fatalf("stored %q for handle %q", stored, cs.Handle)
		}

		verifier := auth.NewVerifier("", testenv.Issuer, auth.WithKeys(mustJWKS(t, c.id)), auth.WithClock(func() time.Time { return c.now }))
		tokens := c.Count(t, "refresh_tokens")
		touched := c.now
		steps := []struct {
			name    string
			advance time.Duration
			rotated bool
			touched bool // the idle end moved (pages within a minute are served by reads)
			live    bool
		}{
			{"at once", 0, false, false, true},
			{"30 seconds on: read only, the idle end stays", 30 * time.Second, false, false, true},
			{"ten minutes on: a new access token, the same refresh token", 10 * time.Minute, false, true, true},
			{"an access token's life since the last rotation: rotated", 10 * time.Minute, true, true, true},
			{"idle 59 minutes: the window moved at the last page", 59 * time.Minute, true, true, true},
			{"idle over an hour", time.Hour + time.Second, false, false, false},
		}
		for _, st := range steps {
			c.now = c.now.Add(st.advance)
			got, err := c.id.ResolveConsoleSession(console, cs.Handle)
			if !st.live {
				wantKind(t, err, apperr.ErrUnauthorized, app.CodeInvalidSession)
				if n := c.Count(t, "console_sessions"); n != 0 {
					t.Fatalf("%s: the idle session is still stored (%d)", st.name, n)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			p, err := verifier.Verify(context.Background(), got.AccessToken)
			if err != nil || p.Subject != o.leader.ID || got.CSRF != cs.CSRF || got.User.ID != o.leader.ID || got.Handle != "" {
				t.Fatalf("%s: %+v %v", st.name, p, err)
			}
			n := c.Count(t, "refresh_tokens")
			if st.rotated != (n == tokens+1) {
				t.Fatalf("%s: refresh tokens %d → %d", st.name, tokens, n)
			}
			tokens = n
			if st.touched {
				touched = c.now
			}
			if !got.IdleUntil.Equal(touched.Add(time.Hour).Truncate(time.Microsecond)) {
				t.Fatalf("%s: idle until %v, now %v", st.name, got.IdleUntil, c.now)
			}
		}
	})
}

func TestConsoleSessionRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		c, o := newConsoleEnv(t, db)
		cs, spent := c.login(t, time.Hour)
		person := testenv.As(o.leader)
		otherClient := testenv.AsPrincipal(auth.Principal{Subject: "tich-hop", ClientID: "tich-hop", Scopes: []string{auth.ScopeConsoleSessions}})
		for _, tt := range []struct {
			name   string
			ctx    context.Context
			handle string
			kind   error
			code   string
		}{
			{"unknown handle", console, "not-a-handle", apperr.ErrUnauthorized, app.CodeInvalidSession},
			{"empty handle", console, "", apperr.ErrUnauthorized, app.CodeInvalidSession},
			{"the handle's hash", console, sha(cs.Handle), apperr.ErrUnauthorized, app.CodeInvalidSession},
			{"the person themselves", person, cs.Handle, apperr.ErrForbidden, ""},
			{"another client, even with the scope", otherClient, cs.Handle, apperr.ErrForbidden, ""},
			{"nobody", context.Background(), cs.Handle, apperr.ErrUnauthorized, ""},
		} {
			_, err := c.id.ResolveConsoleSession(tt.ctx, tt.handle)
			if err == nil {
				t.Fatalf("%s: resolved", tt.name)
			}
			wantKind(t, err, tt.kind, tt.code)
		}
		if _, err := c.id.CreateConsoleSession(person, "x", time.Hour); err == nil {
			t.Fatal("a person created a console session")
		}
		for _, idle := range []time.Duration{0, time.Second, 8 * 24 * time.Hour} {
			_, err := c.id.CreateConsoleSession(console, "x", idle)
			if got := fields(err); len(got) != 1 || got[0] != "idle_seconds" {
				t.Fatalf("idle %v: %v", idle, err)
			}
		}
		// The refresh token the console saw was spent by the session: a
		// second session from it, or a refresh with it, is a replay that
		// ends the sign-in, session included.
		if _, err := c.id.CreateConsoleSession(console, spent, time.Hour); err == nil {
			t.Fatal("a spent refresh token made a second session")
		}
		if _, err := c.id.ResolveConsoleSession(console, cs.Handle); err == nil {
			t.Fatal("the session outlived the replay of its sign-in's token")
		}
	})
}

func TestConsoleSessionEnds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		c, o := newConsoleEnv(t, db)
		a, _ := c.login(t, time.Hour)
		b, _ := c.login(t, time.Hour)
		d, _ := c.login(t, time.Hour)
		if n, err := c.id.EndConsoleSession(console, a.Handle, false); err != nil || n != 1 {
			t.Fatalf("end: %d %v", n, err)
		}
		if n, err := c.id.EndConsoleSession(console, a.Handle, false); err != nil || n != 0 {
			t.Fatalf("end again: %d %v", n, err)
		}
		if _, err := c.id.ResolveConsoleSession(console, a.Handle); err == nil {
			t.Fatal("a signed-out session resolved")
		}
		if _, err := c.id.ResolveConsoleSession(console, b.Handle); err != nil {
			t.Fatalf("signing one session out ended another: %v", err)
		}
		if n, err := c.id.EndConsoleSession(console, b.Handle, true); err != nil || n != 2 {
			t.Fatalf("everywhere: %d %v", n, err)
		}
		if _, err := c.id.ResolveConsoleSession(console, d.Handle); err == nil {
			t.Fatal("everywhere left a session")
		}

		// A deactivated user's session ends at its next page.
		e, _ := c.login(t, time.Hour)
		exec(t, c.Env, `UPDATE users SET active = $1 WHERE id = $2`, false, o.leader.ID)
		_, err := c.id.ResolveConsoleSession(console, e.Handle)
		wantKind(t, err, apperr.ErrUnauthorized, app.CodeInvalidSession)
	})
}

func mustJWKS(t *testing.T, id *app.Identity) auth.JWKSet {
	t.Helper()
	set, err := id.JWKS(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestConsoleSessionRotatesOnce: pages of one session served at once by
// several console replicas, when its refresh token is due, rotate it once
// and all succeed (a second use of the old token would end the sign-in).
func TestConsoleSessionRotatesOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		c, _ := newConsoleEnv(t, db)
		cs, _ := c.login(t, time.Hour)
		c.now = c.now.Add(20 * time.Minute)
		before := c.Count(t, "refresh_tokens")
		const n = 8
		errs := make(chan error, n)
		for range n {
			go func() { _, err := c.id.ResolveConsoleSession(console, cs.Handle); errs <- err }()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if got := c.Count(t, "refresh_tokens"); got != before+1 {
			t.Fatalf("refresh tokens %d → %d, want one rotation", before, got)
		}
	})
}

// TestConsoleScopeIsTheConsoles: console:sessions is a service-only scope:
// the console's client gets it from its setting, an administrator cannot
// grant it to an integration client.
func TestConsoleScopeIsTheConsoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		e := testenv.New(t, db)
		admin := e.Admin(t)
		secret := strings.Repeat("w", 43)
		if err := e.App.EnsureServiceClients(ctx, []app.ServiceClient{
			{ID: servicetoken.WebClientID, Name: "Web console", Scopes: []string{auth.ScopeConsoleSessions}, Secret: secret},
		}); err != nil {
			t.Fatal(err)
		}
		tok, err := e.App.Token(ctx, app.TokenRequest{GrantType: "client_credentials", ClientID: servicetoken.WebClientID, ClientSecret: secret})
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.Verifier(t).Verify(ctx, tok.AccessToken)
		if err != nil || p.ClientID != servicetoken.WebClientID || !slices.Equal(p.Scopes, []string{auth.ScopeConsoleSessions}) {
			t.Fatalf("console token: %+v %v", p, err)
		}
		_, err = e.App.CreateClient(admin, domain.ClientInput{Name: "Tích hợp", Scopes: []string{auth.ScopeConsoleSessions}})
		if got := fields(err); len(got) != 1 || got[0] != "scopes" {
			t.Fatalf("an administrator granted console:sessions: %v", err)
		}
	})
}

// BenchmarkResolveConsoleSession is identity's work for one console page
// (EOFFICE_WEB_SESSION_CACHE=0s): a locked update of the session row, the
// refresh token and user read, an access token signed.
func BenchmarkResolveConsoleSession(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) *pkgstore.DB
	}{{"sqlite", storetest.OpenSQLite}, {"postgres", storetest.OpenPostgres}} {
		b.Run(db.name, func(b *testing.B) {
			e := testenv.New(b, db.open(b))
			e.Admin(b)
			tok, err := e.App.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "admin", Password: testenv.AdminPassword})
			if err != nil {
				b.Fatal(err)
			}
			cs, err := e.App.CreateConsoleSession(console, tok.RefreshToken, time.Hour)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := e.App.ResolveConsoleSession(console, cs.Handle); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
