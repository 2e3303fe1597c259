package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func TestTokenRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		tests := []struct {
			name   string
			send   func() *httptestResponse
			status int
			code   string // RFC 6749 error
		}{
			{"json password grant", func() *httptestResponse {
				return a.call("POST", "/v1/token", "", map[string]string{"grant_type": "password", "username": "admin", "password": testenv.AdminPassword})
			}, 200, ""},
			{"form password grant", func() *httptestResponse {
				return a.form(url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {testenv.AdminPassword}})
			}, 200, ""},
			{"extra parameters are ignored (RFC 6749 3.2)", func() *httptestResponse {
				return a.form(url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {testenv.AdminPassword}, "scope": {"openid"}})
			}, 200, ""},
			{"wrong password", func() *httptestResponse {
				return a.form(url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {"wrong-password"}})
			}, 400, "invalid_grant"},
			{"unknown user", func() *httptestResponse {
				return a.call("POST", "/v1/token", "", map[string]string{"grant_type": "password", "username": "ghost", "password": "wrong-password"})
			}, 400, "invalid_grant"},
			{"missing password", func() *httptestResponse {
				return a.form(url.Values{"grant_type": {"password"}, "username": {"admin"}})
			}, 400, "invalid_request"},
			{"missing grant type", func() *httptestResponse { return a.call("POST", "/v1/token", "", map[string]string{}) }, 400, "invalid_request"},
			{"unsupported grant type", func() *httptestResponse {
				return a.form(url.Values{"grant_type": {"implicit"}})
			}, 400, "unsupported_grant_type"},
			{"malformed json", func() *httptestResponse { return a.call("POST", "/v1/token", "", `{"grant_type":`) }, 400, "invalid_request"},
			{"non-string value", func() *httptestResponse {
				return a.call("POST", "/v1/token", "", `{"grant_type":"password","username":1,"password":"x"}`)
			}, 400, "invalid_request"},
			{"repeated parameter", func() *httptestResponse {
				return a.form(url.Values{"grant_type": {"password"}, "username": {"admin", "other"}, "password": {"x"}})
			}, 400, "invalid_request"},
			{"other content type", func() *httptestResponse {
				req := newRequest("POST", "/v1/token", "grant_type=password")
				req.Header.Set("Content-Type", "text/plain")
				return a.serve(req)
			}, 415, ""},
			{"multipart body", func() *httptestResponse {
				req := newRequest("POST", "/v1/token", "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\npassword\r\n--b--\r\n")
				req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
				return a.serve(req)
			}, 415, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := a.e.Count(t, "refresh_tokens")
				w := tt.send()
				if tt.status != 200 {
					p := wantProblem(t, w, tt.status)
					if p.Error != tt.code {
						t.Fatalf("error = %q, want %q", p.Error, tt.code)
					}
					if a.e.Count(t, "refresh_tokens") != before {
						t.Fatal("a refused request stored a refresh token")
					}
					return
				}
				if w.Code != 200 {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				b := decode[tokenBody](t, w)
				if b.TokenType != "Bearer" || b.ExpiresIn != 900 || b.AccessToken == "" || b.RefreshToken == "" {
					t.Fatalf("body = %s", w.Body)
				}
				if w.Header().Get("Cache-Control") != "no-store" {
					t.Fatalf("Cache-Control = %q", w.Header().Get("Cache-Control"))
				}
			})
		}
	})
}

func TestRefreshRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		w := a.call("POST", "/v1/token", "", map[string]string{"grant_type": "password", "username": "admin", "password": testenv.AdminPassword})
		first := decode[tokenBody](t, w)
		w = a.form(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {first.RefreshToken}})
		if w.Code != 200 {
			t.Fatalf("refresh: %d %s", w.Code, w.Body)
		}
		second := decode[tokenBody](t, w)
		if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
			t.Fatal("no rotation")
		}
		// The access token from the refresh works on the API.
		if w := a.call("GET", "/v1/me", second.AccessToken, nil); w.Code != 200 {
			t.Fatalf("me with refreshed token: %d", w.Code)
		}
		// Reuse of the first revokes the family: the second stops working.
		w = a.call("POST", "/v1/token", "", map[string]string{"grant_type": "refresh_token", "refresh_token": first.RefreshToken})
		if p := wantProblem(t, w, 400); p.Error != "invalid_grant" {
			t.Fatalf("reuse: %+v", p)
		}
		w = a.form(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {second.RefreshToken}})
		if p := wantProblem(t, w, 400); p.Error != "invalid_grant" {
			t.Fatalf("after reuse: %+v", p)
		}
	})
}

func TestJWKSRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		token := a.login("admin", testenv.AdminPassword)
		w := a.call("GET", "/.well-known/jwks.json", "", nil)
		if want := "max-age=" + strconv.Itoa(int(auth.JWKSMaxAge.Seconds())); w.Code != 200 || !strings.Contains(w.Header().Get("Cache-Control"), want) {
			t.Fatalf("jwks: %d, Cache-Control %q", w.Code, w.Header().Get("Cache-Control"))
		}
		var set auth.JWKSet
		if err := json.Unmarshal(w.Body.Bytes(), &set); err != nil {
			t.Fatal(err)
		}
		parsed, _, err := jwt.NewParser().ParseUnverified(token, &auth.Claims{})
		if err != nil {
			t.Fatal(err)
		}
		if len(set.Keys) != 1 || set.Keys[0].Kid != parsed.Header["kid"] {
			t.Fatalf("jwks %+v does not hold the signing kid %v", set, parsed.Header["kid"])
		}
		if strings.Contains(w.Body.String(), `"d"`) {
			t.Fatal("the JWKS holds private key material")
		}
		p, err := auth.NewVerifier("", testenv.Issuer, auth.WithKeys(set)).Verify(context.Background(), token)
		if err != nil || p.Username != "admin" {
			t.Fatalf("verify: %+v, %v", p, err)
		}
	})
}

func TestTokenBodyTooLarge(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	w := a.form(url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {strings.Repeat("x", 70<<10)}})
	wantProblem(t, w, http.StatusRequestEntityTooLarge)
}
