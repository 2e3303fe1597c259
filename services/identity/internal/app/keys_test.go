package app_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func TestSigningKeyAndJWKS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		e := testenv.New(t, db) // creates the key
		// A restart (a new service on the same database) keeps the key.
		again := app.New(store.New(db, e.Outbox), testenv.Config())
		if err := again.EnsureSigningKey(ctx); err != nil {
			t.Fatal(err)
		}
		if n := e.Count(t, "signing_keys"); n != 1 {
			t.Fatalf("%d signing keys after a restart, want 1", n)
		}
		set, err := again.JWKS(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.Keys) != 1 {
			t.Fatalf("jwks = %+v", set)
		}
		k := set.Keys[0]
		pub, err := k.Ed25519()
		if err != nil || k.Kty != "OKP" || k.Crv != "Ed25519" || k.Alg != "EdDSA" || k.Use != "sig" {
			t.Fatalf("jwk = %+v, %v", k, err)
		}
		if k.Kid != app.Thumbprint(pub) {
			t.Fatalf("kid %s is not the key's thumbprint", k.Kid)
		}

		e.Admin(t)
		tok := login(t, e, "admin", testenv.AdminPassword)
		v := auth.NewVerifier("", testenv.Issuer, auth.WithKeys(set))
		if p, err := v.Verify(ctx, tok.AccessToken); err != nil || !p.HasRole(auth.RoleAdmin) {
			t.Fatalf("verify against the JWKS: %+v, %v", p, err)
		}
		// The token signed before the "restart" verifies with the new
		// instance's keys, and another issuer's verifier refuses it.
		if _, err := auth.NewVerifier("", "http://elsewhere", auth.WithKeys(set)).Verify(ctx, tok.AccessToken); err == nil {
			t.Fatal("a verifier for another issuer accepted the token")
		}
	})
}

func TestThumbprintRFC7638(t *testing.T) {
	// RFC 8037 appendix A.3: the thumbprint of its Ed25519 example key.
	set := auth.JWKSet{Keys: []auth.JWK{{Kty: "OKP", Crv: "Ed25519", X: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}}
	pub, err := set.Keys[0].Ed25519()
	if err != nil {
		t.Fatal(err)
	}
	if got := app.Thumbprint(pub); got != "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" {
		t.Fatalf("thumbprint = %s", got)
	}
}
