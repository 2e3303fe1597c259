package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func TestPasswordGrant(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))
		exec(t, e, `UPDATE users SET active = $1 WHERE id = $2`, false, o.clerk.ID)
		tests := []struct {
			name string
			req  app.TokenRequest
			code string // "" for success
		}{
			{"leader", app.TokenRequest{GrantType: "password", Username: "leader.ubnd", Password: password}, ""},
			{"admin", app.TokenRequest{GrantType: "password", Username: "admin", Password: testenv.AdminPassword}, ""},
			{"username is not case-sensitive", app.TokenRequest{GrantType: "password", Username: "Leader.UBND", Password: password}, ""},
			{"wrong password", app.TokenRequest{GrantType: "password", Username: "leader.ubnd", Password: password + "x"}, app.CodeInvalidGrant},
			{"unknown user", app.TokenRequest{GrantType: "password", Username: "nobody", Password: password}, app.CodeInvalidGrant},
			{"deactivated user", app.TokenRequest{GrantType: "password", Username: "clerk.vp", Password: password}, app.CodeInvalidGrant},
			{"missing password", app.TokenRequest{GrantType: "password", Username: "leader.ubnd"}, app.CodeInvalidRequest},
			{"missing username", app.TokenRequest{GrantType: "password", Password: password}, app.CodeInvalidRequest},
			{"missing grant type", app.TokenRequest{Username: "leader.ubnd", Password: password}, app.CodeInvalidRequest},
			{"unknown grant", app.TokenRequest{GrantType: "authorization_code"}, app.CodeUnsupportedGrantType},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := e.Count(t, "refresh_tokens")
				tok, err := e.App.Token(context.Background(), tt.req)
				if tt.code != "" {
					wantKind(t, err, apperr.ErrInvalid, tt.code)
					if e.Count(t, "refresh_tokens") != before {
						t.Fatal("a refused grant stored a refresh token")
					}
					if strings.Contains(err.Error(), password) {
						t.Fatal("the error repeats the password")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if tok.TokenType != "Bearer" || tok.ExpiresIn != 900 || tok.AccessToken == "" || len(tok.RefreshToken) < 40 {
					t.Fatalf("token = %+v", tok)
				}
				if e.Count(t, "refresh_tokens") != before+1 {
					t.Fatal("no refresh token stored")
				}
			})
		}
		// Refused grants all say the same, so they tell nothing about the
		// account.
		_, errWrong := e.App.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "leader.ubnd", Password: "wrong-password"})
		_, errUnknown := e.App.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "nobody", Password: "wrong-password"})
		_, errInactive := e.App.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: "clerk.vp", Password: password})
		if errWrong.Error() != errUnknown.Error() || errWrong.Error() != errInactive.Error() {
			t.Fatalf("refusals differ: %v / %v / %v", errWrong, errUnknown, errInactive)
		}
	})
}

func TestAccessTokenClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))
		tests := []struct {
			name, username, pass string
			unit, agency         string
			roles                []string
			fullName             string
		}{
			{"leader of an agency", "leader.ubnd", password, o.province.ID, o.province.ID, []string{"leader"}, "Lê Văn Lãnh"},
			{"clerk of a division", "clerk.vp", password, o.office.ID, o.province.ID, []string{"clerk"}, "Trần Thị Thư"},
			{"bootstrap admin has no unit", "admin", testenv.AdminPassword, "", "", []string{"admin"}, "Administrator"},
		}
		v := e.Verifier(t)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := time.Now().Add(-time.Second)
				tok, err := e.App.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: tt.username, Password: tt.pass})
				if err != nil {
					t.Fatal(err)
				}
				p, err := v.Verify(context.Background(), tok.AccessToken)
				if err != nil {
					t.Fatal(err)
				}
				if p.UnitID != tt.unit || p.AgencyID != tt.agency || strings.Join(p.Roles, ",") != strings.Join(tt.roles, ",") ||
					p.Name != tt.fullName || p.Username != tt.username {
					t.Fatalf("principal = %+v", p)
				}
				var c auth.Claims
				parsed, _, err := jwt.NewParser().ParseUnverified(tok.AccessToken, &c)
				if err != nil {
					t.Fatal(err)
				}
				set, _ := e.App.JWKS(context.Background())
				if parsed.Header["kid"] != set.Keys[0].Kid || parsed.Header["alg"] != "EdDSA" {
					t.Fatalf("header = %v", parsed.Header)
				}
				if c.Issuer != testenv.Issuer || len(c.Audience) != 1 || c.Audience[0] != "eoffice" || c.ID == "" || c.NotBefore == nil {
					t.Fatalf("claims = %+v", c.RegisteredClaims)
				}
				if life := c.ExpiresAt.Sub(c.IssuedAt.Time); life != 15*time.Minute {
					t.Fatalf("lifetime %v", life)
				}
				if c.IssuedAt.Before(before) {
					t.Fatalf("iat %v", c.IssuedAt)
				}
				if tt.username == "admin" && (strings.Contains(tok.AccessToken, `"unit"`) || c.Unit != "" || c.Agency != "") {
					t.Fatalf("admin token carries a unit: %+v", c)
				}
			})
		}
	})
}

func login(t *testing.T, e *testenv.Env, username, pass string) app.Token {
	t.Helper()
	tok, err := e.App.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: username, Password: pass})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func refresh(e *testenv.Env, rt string) (app.Token, error) {
	return e.App.Token(context.Background(), app.TokenRequest{GrantType: "refresh_token", RefreshToken: rt})
}

func TestRefreshRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))
		v := e.Verifier(t)

		first := login(t, e, "leader.ubnd", password)
		other := login(t, e, "leader.ubnd", password) // another device: another family

		second, err := refresh(e, first.RefreshToken)
		if err != nil {
			t.Fatal(err)
		}
		if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
			t.Fatal("refresh did not rotate")
		}
		if p, err := v.Verify(context.Background(), second.AccessToken); err != nil || p.Subject != o.leader.ID || p.AgencyID != o.province.ID {
			t.Fatalf("refreshed access token: %+v, %v", p, err)
		}
		third, err := refresh(e, second.RefreshToken)
		if err != nil {
			t.Fatal(err)
		}

		// first was used: presenting it again revokes the whole family,
		// including third, which nobody used yet.
		_, err = refresh(e, first.RefreshToken)
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		_, err = refresh(e, third.RefreshToken)
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)

		// The other family still works.
		if _, err := refresh(e, other.RefreshToken); err != nil {
			t.Fatalf("other family: %v", err)
		}

		tests := []struct {
			name string
			req  app.TokenRequest
			code string
		}{
			{"unknown token", app.TokenRequest{GrantType: "refresh_token", RefreshToken: "made-up"}, app.CodeInvalidGrant},
			{"missing token", app.TokenRequest{GrantType: "refresh_token"}, app.CodeInvalidRequest},
		}
		for _, tt := range tests {
			_, err := e.App.Token(context.Background(), tt.req)
			wantKind(t, err, apperr.ErrInvalid, tt.code)
		}
		// Only hashes are stored.
		var n int
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = $1 OR token_hash = $2`,
			first.RefreshToken, third.RefreshToken).Scan(&n); err != nil || n != 0 {
			t.Fatalf("a refresh token is stored as is (%d, %v)", n, err)
		}
	})
}

func TestRefreshExpiredAndDeactivated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))

		old := login(t, e, "leader.ubnd", password)
		later := testenv.Config()
		later.Now = func() time.Time { return time.Now().Add(14*24*time.Hour + time.Minute) }
		future := app.New(store.New(db, e.Outbox), later)
		_, err := future.Token(context.Background(), app.TokenRequest{GrantType: "refresh_token", RefreshToken: old.RefreshToken})
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		if _, err := refresh(e, old.RefreshToken); err != nil {
			t.Fatalf("an expired attempt spoiled a valid token: %v", err)
		}

		tok := login(t, e, "clerk.vp", password)
		exec(t, e, `UPDATE users SET active = $1 WHERE id = $2`, false, o.clerk.ID)
		_, err = refresh(e, tok.RefreshToken)
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		var revoked int
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NOT NULL`,
			o.clerk.ID).Scan(&revoked); err != nil || revoked != 1 {
			t.Fatalf("deactivated user's family not revoked: %d, %v", revoked, err)
		}
	})
}

func TestConcurrentRefreshIsReuse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.Admin(t)
		tok := login(t, e, "admin", testenv.AdminPassword)
		const n = 6
		results := make(chan error, n)
		issued := make(chan app.Token, n)
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := refresh(e, tok.RefreshToken)
				if err == nil {
					issued <- got
				}
				results <- err
			}()
		}
		wg.Wait()
		close(results)
		close(issued)
		ok := 0
		for err := range results {
			if err == nil {
				ok++
				continue
			}
			wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		}
		if ok != 1 {
			t.Fatalf("%d of %d concurrent refreshes succeeded, want exactly 1", ok, n)
		}
		// The others were reuse: the token the winner got is revoked too.
		_, err := refresh(e, (<-issued).RefreshToken)
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
	})
}
