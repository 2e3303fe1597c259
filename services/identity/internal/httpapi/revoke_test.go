package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// signIn returns the tokens of a fresh admin sign-in.
func (a *api) signIn() tokenBody {
	a.t.Helper()
	w := a.form(url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {testenv.AdminPassword}})
	if w.Code != http.StatusOK {
		a.t.Fatalf("sign in: %d %s", w.Code, w.Body)
	}
	return decode[tokenBody](a.t, w)
}

// refresh trades a refresh token and returns the status and RFC 6749 code.
func (a *api) refresh(token string) (int, string) {
	a.t.Helper()
	w := a.form(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {token}})
	if w.Code == http.StatusOK {
		return w.Code, ""
	}
	return w.Code, wantProblem(a.t, w, w.Code).Error
}

func (a *api) revoke(contentType, body string) *httptestResponse {
	req := newRequest("POST", "/v1/token/revoke", body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return a.serve(req)
}

// A revoked refresh token, and every token of its sign-in, no longer
// refreshes; a refused revocation revokes nothing.
func TestRevokeToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		tests := []struct {
			name    string
			send    func(tok tokenBody) *httptestResponse
			status  int
			revoked bool
		}{
			{"form", func(tok tokenBody) *httptestResponse {
				return a.revoke("application/x-www-form-urlencoded", url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}}.Encode())
			}, 200, true},
			{"json", func(tok tokenBody) *httptestResponse {
				return a.revoke("application/json", `{"token":"`+tok.RefreshToken+`"}`)
			}, 200, true},
			{"unknown token: 200 all the same", func(tokenBody) *httptestResponse {
				return a.revoke("application/x-www-form-urlencoded", "token=not-a-token")
			}, 200, false},
			{"an access token: nothing to revoke", func(tok tokenBody) *httptestResponse {
				return a.revoke("application/x-www-form-urlencoded", "token="+tok.AccessToken)
			}, 200, false},
			{"no token", func(tokenBody) *httptestResponse {
				return a.revoke("application/x-www-form-urlencoded", "token_type_hint=refresh_token")
			}, 400, false},
			{"other content type", func(tok tokenBody) *httptestResponse {
				return a.revoke("text/plain", "token="+tok.RefreshToken)
			}, 415, false},
			{"body over 64 KiB", func(tok tokenBody) *httptestResponse {
				return a.revoke("application/x-www-form-urlencoded", "token="+tok.RefreshToken+"&pad="+strings.Repeat("x", 70<<10))
			}, 413, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a.t = t
				tok := a.signIn()
				w := tt.send(tok)
				if tt.status != http.StatusOK {
					wantProblem(t, w, tt.status)
				} else if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				} else if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control %q", cc)
				}
				status, code := a.refresh(tok.RefreshToken)
				if tt.revoked && (status != http.StatusBadRequest || code != "invalid_grant") {
					t.Fatalf("the revoked token refreshed: %d %q", status, code)
				}
				if !tt.revoked && status != http.StatusOK {
					t.Fatalf("an unrevoked token did not refresh: %d %q", status, code)
				}
			})
		}
	})
}

// Revoking the first refresh token of a sign-in ends the sign-in: the token
// rotated from it does not refresh either.
func TestRevokeEndsTheSignIn(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	first := a.signIn()
	w := a.form(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {first.RefreshToken}})
	if w.Code != http.StatusOK {
		t.Fatalf("refresh: %d %s", w.Code, w.Body)
	}
	second := decode[tokenBody](t, w)
	if w := a.revoke("application/x-www-form-urlencoded", "token="+first.RefreshToken); w.Code != http.StatusOK {
		t.Fatalf("revoke: %d %s", w.Code, w.Body)
	}
	if status, code := a.refresh(second.RefreshToken); code != "invalid_grant" {
		t.Fatalf("the rotated token still refreshes: %d %q", status, code)
	}
	other := a.signIn() // another sign-in of the same user is untouched
	if status, _ := a.refresh(other.RefreshToken); status != http.StatusOK {
		t.Fatalf("another sign-in was revoked too: %d", status)
	}
}
