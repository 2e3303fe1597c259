package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func TestEnsureServiceClients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		e := testenv.New(t, db)
		admin := e.Admin(t)
		secret1, secret2 := strings.Repeat("a", 43), strings.Repeat("b", 43)
		clients := func(docs, exch string) []app.ServiceClient {
			return []app.ServiceClient{
				{ID: "svc-documents", Name: "Documents service", Scopes: []string{"exchange:read"}, Secret: docs},
				{ID: "svc-exchange", Name: "Exchange service", Scopes: []string{"units:read", "documents:read"}, Secret: exch},
			}
		}
		grant := func(id, secret string) []string {
			t.Helper()
			tok, err := e.App.Token(ctx, app.TokenRequest{GrantType: "client_credentials", ClientID: id, ClientSecret: secret, ClientAddr: "10.9.9.8"})
			if err != nil {
				return nil
			}
			p, err := e.Verifier(t).Verify(ctx, tok.AccessToken)
			if err != nil || p.ClientID != id {
				t.Fatalf("token of %s: %+v, %v", id, p, err)
			}
			return p.Scopes
		}

		// Only a client whose setting is given is made.
		if err := e.App.EnsureServiceClients(ctx, clients("", secret1)); err != nil {
			t.Fatal(err)
		}
		if n := e.Count(t, "clients"); n != 1 {
			t.Fatalf("%d clients, want svc-exchange alone", n)
		}
		if got := grant("svc-exchange", secret1); !slices.Equal(got, []string{"documents:read", "units:read"}) {
			t.Fatalf("svc-exchange's scopes = %v", got)
		}
		if n := len(e.Events(t, "client.created")); n != 1 {
			t.Fatalf("%d client.created events", n)
		}

		// Every start again: nothing changes, nothing is announced.
		for range 2 {
			if err := e.App.EnsureServiceClients(ctx, clients(secret1, secret1)); err != nil {
				t.Fatal(err)
			}
		}
		if got := grant("svc-documents", secret1); !slices.Equal(got, []string{"exchange:read"}) {
			t.Fatalf("svc-documents' scopes = %v", got)
		}
		if n, u := len(e.Events(t, "client.created")), len(e.Events(t, "client.updated")); n != 2 || u != 0 {
			t.Fatalf("after repeated starts: %d created, %d updated events; want 2, 0", n, u)
		}

		// A changed setting rotates the secret; an administrator's
		// deactivation is undone by the setting.
		if _, err := e.App.DeactivateClient(admin, "svc-exchange"); err != nil {
			t.Fatal(err)
		}
		if grant("svc-exchange", secret1) != nil {
			t.Fatal("a deactivated client got a token")
		}
		if err := e.App.EnsureServiceClients(ctx, clients(secret1, secret2)); err != nil {
			t.Fatal(err)
		}
		if grant("svc-exchange", secret1) != nil {
			t.Fatal("the old secret still works after rotation")
		}
		if grant("svc-exchange", secret2) == nil {
			t.Fatal("the new secret is refused")
		}
		if grant("svc-documents", secret1) == nil {
			t.Fatal("svc-documents' secret changed with svc-exchange's")
		}

		if err := e.App.EnsureServiceClients(ctx, clients("short", "")); err == nil {
			t.Fatal("a short secret was accepted")
		}
	})
}
