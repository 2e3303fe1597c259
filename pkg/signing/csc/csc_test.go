package csc_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/csc"
	"github.com/eoffice-vn/eoffice/pkg/signing/csctest"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
)

var (
	person = signing.Identity{Kind: signing.KindPerson, ID: "u-1", Name: "Lê Thị Hoa", Agency: "Sở Tài chính"}
	seal   = signing.Identity{Kind: signing.KindAgency, ID: "a-1", Name: "Sở Tài chính"}
)

func setup(t *testing.T) (*csctest.Server, *localca.CA) {
	t.Helper()
	ca, err := localca.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv := csctest.New(ca, map[string]signing.Identity{"cred-1": person, "cred-2": seal})
	t.Cleanup(srv.Close)
	return srv, ca
}

func TestSignHashThroughEachAuth(t *testing.T) {
	for _, auth := range []string{csc.AuthOAuth2Client, csc.AuthBasic} {
		t.Run(auth, func(t *testing.T) {
			srv, ca := setup(t)
			c, err := csc.New(srv.Config(auth))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			info, err := c.Info(ctx)
			if err != nil || info.Specs != "2.0.0.0" || !slices.Contains(info.AuthType, auth) {
				t.Fatalf("info: %+v, %v", info, err)
			}
			ids, err := c.ListCredentials(ctx)
			if err != nil || !slices.Equal(ids, []string{"cred-1", "cred-2"}) {
				t.Fatalf("list: %v, %v", ids, err)
			}
			k, err := c.Key(ctx, person)
			if err != nil {
				t.Fatal(err)
			}
			local, _ := ca.Key(ctx, person)
			if len(k.Chain) != 2 || !k.Certificate().Equal(local.Certificate()) || !k.Chain[1].Equal(ca.Root()) {
				t.Fatalf("chain from credentials/info does not match the CA's")
			}
			digest := sha256.Sum256([]byte("nội dung"))
			sig, err := k.Signer.Sign(rand.Reader, digest[:], crypto.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			if !ecdsa.VerifyASN1(k.Certificate().PublicKey.(*ecdsa.PublicKey), digest[:], sig) {
				t.Error("signHash's signature does not verify")
			}
			// An expired token is renewed once, transparently.
			srv.RevokeTokens()
			if _, err := k.Signer.Sign(rand.Reader, digest[:], crypto.SHA256); err != nil {
				t.Errorf("after token expiry: %v", err)
			}
			if srv.SignCalls() != 2 {
				t.Errorf("signHash calls %d, want 2", srv.SignCalls())
			}
		})
	}
}

func TestFailures(t *testing.T) {
	srv, _ := setup(t)
	ctx := context.Background()
	wrong := srv.Config(csc.AuthOAuth2Client)
	wrong.ClientSecret = "nope"
	unmapped := srv.Config(csc.AuthOAuth2Client)
	unmapped.Credentials = map[string]string{seal.Key(): "cred-404"}
	cases := []struct {
		name  string
		cfg   csc.Config
		who   signing.Identity
		check func(error) bool
	}{
		{"wrong secret", wrong, person, func(err error) bool {
			var e *csc.Error
			return errors.As(err, &e) && e.Status == http.StatusUnauthorized && e.Code == "invalid_client"
		}},
		{"signer not mapped", unmapped, person, func(err error) bool { return errors.Is(err, csc.ErrNoCredential) }},
		{"credential unknown to the service", unmapped, seal, func(err error) bool {
			var e *csc.Error
			return errors.As(err, &e) && e.Status == http.StatusBadRequest
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := csc.New(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Key(ctx, tc.who); !tc.check(err) {
				t.Errorf("got %v", err)
			}
		})
	}
	for _, cfg := range []csc.Config{{BaseURL: "ftp://x"}, {BaseURL: srv.URL, Auth: "magic"}} {
		if _, err := csc.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}
