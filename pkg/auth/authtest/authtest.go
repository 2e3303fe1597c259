// Package authtest issues real access tokens for tests: signed with a fresh
// Ed25519 key and checked by a Verifier that knows only that key.
package authtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/auth"
)

// Issuer is a test token issuer.
const Issuer = "http://identity.test"

// TokenIssuer signs tokens for principals.
type TokenIssuer struct {
	t    testing.TB
	kid  string
	priv ed25519.PrivateKey
	pub  ed25519.PublicKey
}

// NewIssuer makes an issuer with its own key.
func NewIssuer(t testing.TB) *TokenIssuer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &TokenIssuer{t: t, kid: "test-" + uuid.NewString()[:8], priv: priv, pub: pub}
}

// JWKS is the issuer's public key set.
func (i *TokenIssuer) JWKS() auth.JWKSet {
	return auth.JWKSet{Keys: []auth.JWK{auth.PublicJWK(i.kid, i.pub)}}
}

// Verifier accepts exactly this issuer's tokens.
func (i *TokenIssuer) Verifier() *auth.Verifier {
	// No JWKS URL: a token of another key is refused at once, never fetched for.
	return auth.NewVerifier("", Issuer, auth.WithKeys(i.JWKS()))
}

// Token returns a valid 15-minute access token for p.
func (i *TokenIssuer) Token(p auth.Principal) string {
	return i.TokenWithExpiry(p, time.Now().Add(15*time.Minute))
}

// TokenWithExpiry returns a token for p that expires at exp.
func (i *TokenIssuer) TokenWithExpiry(p auth.Principal, exp time.Time) string {
	i.t.Helper()
	now := time.Now()
	c := auth.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   p.Subject,
			Audience:  jwt.ClaimStrings{auth.Audience},
			ExpiresAt: jwt.NewNumericDate(exp),
			IssuedAt:  jwt.NewNumericDate(now.Add(-time.Minute)),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ID:        uuid.NewString(),
		},
		Unit:              p.UnitID,
		Agency:            p.AgencyID,
		Roles:             p.Roles,
		Name:              p.Name,
		PreferredUsername: p.Username,
		ClientID:          p.ClientID,
		Scope:             strings.Join(p.Scopes, " "),
	}
	tok, err := auth.Sign(c, i.kid, i.priv)
	if err != nil {
		i.t.Fatal(err)
	}
	return tok
}
