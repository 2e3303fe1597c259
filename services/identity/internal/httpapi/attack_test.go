package httpapi_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// attack is a forged or broken bearer token.
type attack struct {
	name  string
	token string
}

// attacks builds the token attack table against the signing key of an
// identity whose tokens carry issuer, for subject (a real user, so that a
// token that got through would be answered 200).
func attacks(t *testing.T, key domain.SigningKey, issuer, subject string) (valid string, table []attack) {
	t.Helper()
	now := time.Now()
	claims := func(mod func(*auth.Claims)) auth.Claims {
		c := auth.Claims{
			RegisteredClaims: jwt.RegisteredClaims{
				Issuer: issuer, Subject: subject, Audience: jwt.ClaimStrings{auth.Audience},
				ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute)), IssuedAt: jwt.NewNumericDate(now), ID: "jti-attack",
			},
			Roles: []string{auth.RoleClerk},
		}
		if mod != nil {
			mod(&c)
		}
		return c
	}
	sign := func(c auth.Claims, kid string, priv ed25519.PrivateKey) string {
		tok, err := auth.Sign(c, kid, priv)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	b64 := func(v any) string {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(raw)
	}
	_, otherKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	valid = sign(claims(nil), key.Kid, key.Private)
	parts := strings.Split(valid, ".")

	// alg none: a header claiming no signature, the real payload.
	none := b64(map[string]string{"alg": "none", "typ": "JWT", "kid": key.Kid}) + "." + parts[1] + "."
	// HS256 keyed with the public key, which anyone can read in the JWKS:
	// the classic algorithm-confusion forgery; tried with the raw key bytes
	// and with the JWKS "x" text.
	hs := func(secret []byte) string {
		tk := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(func(c *auth.Claims) { c.Roles = []string{auth.RoleAdmin} }))
		tk.Header["kid"] = key.Kid
		s, err := tk.SignedString(secret)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	pub := key.Public()
	// Payload changed after signing: roles raised to admin, signature kept.
	var payload map[string]any
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if err := json.Unmarshal(raw, &payload); err != nil {
		t.Fatal(err)
	}
	payload["roles"] = []string{auth.RoleAdmin}
	tampered := parts[0] + "." + b64(payload) + "." + parts[2]

	noKid := func() string {
		tk := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims(nil))
		s, err := tk.SignedString(key.Private)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}()
	table = []attack{
		{"alg none", none},
		{"alg none, no signature part", b64(map[string]string{"alg": "none", "typ": "JWT"}) + "." + parts[1]},
		{"HS256 signed with the public key bytes", hs(pub)},
		{"HS256 signed with the JWKS x text", hs([]byte(base64.RawURLEncoding.EncodeToString(pub)))},
		{"payload changed after signing", tampered},
		{"signature of another token", parts[0] + "." + parts[1] + "." + strings.Split(sign(claims(func(c *auth.Claims) { c.ID = "other" }), key.Kid, key.Private), ".")[2]},
		{"unknown kid", sign(claims(nil), "unknown-kid", otherKey)},
		{"known kid, another key", sign(claims(nil), key.Kid, otherKey)},
		{"no kid", noKid},
		{"expired", sign(claims(func(c *auth.Claims) {
			c.IssuedAt = jwt.NewNumericDate(now.Add(-time.Hour))
			c.ExpiresAt = jwt.NewNumericDate(now.Add(-10 * time.Minute))
		}), key.Kid, key.Private)},
		{"no exp", sign(claims(func(c *auth.Claims) { c.ExpiresAt = nil }), key.Kid, key.Private)},
		{"wrong iss", sign(claims(func(c *auth.Claims) { c.Issuer = "http://evil.example" }), key.Kid, key.Private)},
		{"wrong aud", sign(claims(func(c *auth.Claims) { c.Audience = jwt.ClaimStrings{"another-system"} }), key.Kid, key.Private)},
		{"garbage", "garbage"},
		{"garbage in three parts", "a.b.c"},
		{"empty bearer", ""},
	}
	return valid, table
}

// TestTokenAttacksOnIdentity sends every attack to identity's own
// authenticated route; all are 401, and the valid token is 200.
func TestTokenAttacksOnIdentity(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	p := a.seed()
	key, err := a.e.Store.ActiveSigningKey(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	valid, table := attacks(t, key, testenv.Issuer, p.clerkUser.ID)
	if w := a.call("GET", "/v1/me", valid, nil); w.Code != http.StatusOK {
		t.Fatalf("control: the valid token got %d %s", w.Code, w.Body)
	}
	for _, at := range table {
		t.Run(at.name, func(t *testing.T) {
			// An admin route too: a forged admin role must not get through.
			for _, route := range [][2]string{{"GET", "/v1/me"}, {"POST", "/v1/units"}} {
				var body any
				if route[0] == "POST" {
					body = map[string]any{"name": "Forged", "short_name": "FORGED"}
				}
				pr := wantProblem(t, a.call(route[0], route[1], at.token, body), http.StatusUnauthorized)
				t.Logf("%s %s: %d %s", route[0], route[1], pr.Status, pr.Detail)
			}
		})
	}
	if n := a.e.Count(t, "units"); n != 2 {
		t.Fatalf("%d units: a forged token created one", n)
	}
}
