package app

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// EnsureSigningKey creates the first Ed25519 signing key when no key may
// sign; with one already there it changes nothing, so restarts keep their
// keys and the tokens they signed stay valid.
func (s *Identity) EnsureSigningKey(ctx context.Context) error {
	if err := auth.CheckKeyLead(KeyLead); err != nil {
		return err
	}
	return s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		_, err := w.ActiveSigningKey(ctx, s.now())
		if err == nil || !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return fmt.Errorf("generate signing key: %w", err)
		}
		k := domain.SigningKey{Private: priv, CreatedAt: s.now()}
		k.Kid = Thumbprint(k.Public())
		if err := w.InsertSigningKey(ctx, k); err != nil {
			return err
		}
		s.cfg.Logger.InfoContext(ctx, "signing key created", "kid", k.Kid)
		return nil
	})
}

// JWKS returns every published public key.
func (s *Identity) JWKS(ctx context.Context) (auth.JWKSet, error) {
	keys, err := s.st.PublishedKeys(ctx, s.now())
	if err != nil {
		return auth.JWKSet{}, err
	}
	set := auth.JWKSet{Keys: make([]auth.JWK, 0, len(keys))}
	for _, k := range keys {
		set.Keys = append(set.Keys, auth.PublicJWK(k.Kid, k.Public()))
	}
	return set, nil
}

// Thumbprint is the RFC 7638 JWK thumbprint of an Ed25519 public key, used
// as its kid: stable, unique and derived from the key alone.
func Thumbprint(pub ed25519.PublicKey) string {
	canonical := `{"crv":"Ed25519","kty":"OKP","x":"` + base64.RawURLEncoding.EncodeToString(pub) + `"}`
	sum := sha256.Sum256([]byte(canonical))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
