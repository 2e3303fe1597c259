package auth

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// How long a new key must be published before it signs. A verifier meets
// the first token of a new key with a kid it does not know and fetches the
// JWKS again, unless it fetched less than KeyRefetchInterval ago; and what
// it fetches may come from an HTTP cache that keeps the JWKS up to
// JWKSMaxAge. So a key that signs only after both have passed is in every
// verifier's set when its first token arrives.
const (
	// JWKSMaxAge is the Cache-Control max-age identity serves its JWKS with.
	JWKSMaxAge = 30 * time.Second
	// KeyRefetchInterval is the least time between two JWKS fetches of one
	// verifier (tokens with unknown kids cannot make it call identity more).
	KeyRefetchInterval = 5 * time.Second
)

// CheckKeyLead refuses a delay between a key's publication and its first
// signature (identity's key lead) that verifiers' caches could outlast.
func CheckKeyLead(lead time.Duration) error {
	if least := JWKSMaxAge + KeyRefetchInterval; lead <= least {
		return fmt.Errorf("signing key lead %s must be longer than the JWKS cache age %s plus the refetch interval %s",
			lead, JWKSMaxAge, KeyRefetchInterval)
	}
	return nil
}

// JWK is one public key as identity publishes it: an OKP Ed25519 key
// (RFC 7517, RFC 8037).
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Use string `json:"use,omitempty"`
	Alg string `json:"alg,omitempty"`
}

// JWKSet is the body of /.well-known/jwks.json.
type JWKSet struct {
	Keys []JWK `json:"keys"`
}

// PublicJWK describes pub for the JWKS.
func PublicJWK(kid string, pub ed25519.PublicKey) JWK {
	return JWK{
		Kty: "OKP",
		Crv: "Ed25519",
		X:   base64.RawURLEncoding.EncodeToString(pub),
		Kid: kid,
		Use: "sig",
		Alg: "EdDSA",
	}
}

// Ed25519 decodes the key; other key types are an error so a JWKS may carry
// keys this package does not use without breaking it.
func (k JWK) Ed25519() (ed25519.PublicKey, error) {
	if k.Kty != "OKP" || k.Crv != "Ed25519" {
		return nil, fmt.Errorf("jwk %q: unsupported key type %s/%s", k.Kid, k.Kty, k.Crv)
	}
	if (k.Use != "" && k.Use != "sig") || (k.Alg != "" && k.Alg != "EdDSA") {
		return nil, fmt.Errorf("jwk %q: not an EdDSA signing key", k.Kid)
	}
	x, err := base64.RawURLEncoding.DecodeString(k.X)
	if err != nil || len(x) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("jwk %q: bad x", k.Kid)
	}
	return ed25519.PublicKey(x), nil
}

// ed25519Keys indexes the usable keys of set by kid.
func ed25519Keys(set JWKSet) map[string]ed25519.PublicKey {
	keys := make(map[string]ed25519.PublicKey, len(set.Keys))
	for _, k := range set.Keys {
		if pub, err := k.Ed25519(); err == nil && k.Kid != "" {
			keys[k.Kid] = pub
		}
	}
	return keys
}

// Sign makes an EdDSA access token whose header names kid, so verifiers can
// pick the key across rotations.
func Sign(claims Claims, kid string, priv ed25519.PrivateKey) (string, error) {
	if kid == "" {
		return "", errors.New("sign: empty kid")
	}
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	t.Header["kid"] = kid
	return t.SignedString(priv)
}
