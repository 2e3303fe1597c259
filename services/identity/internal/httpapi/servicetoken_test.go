package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/svc"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// A service client made from its setting gets a token through identity's
// real token route with pkg/servicetoken, and another service verifies it
// with the keys identity publishes.
func TestServiceTokenFromIdentity(t *testing.T) {
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	e := testenv.New(t, storetest.OpenSQLite(t))
	cfg := testenv.Config()
	cfg.Issuer = url
	identity := app.New(e.Store, cfg)
	secret := strings.Repeat("k", 40)
	if err := identity.EnsureServiceClients(context.Background(), []app.ServiceClient{
		{ID: servicetoken.ExchangeClientID, Name: "Exchange service", Scopes: []string{auth.ScopeDocumentsRead, auth.ScopeUnitsRead}, Secret: secret},
	}); err != nil {
		t.Fatal(err)
	}
	rt := &svc.Runtime{Config: svc.Config{Service: "identity", IdentityURL: url}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Source: "/eoffice/identity", Verifier: auth.NewVerifier("", url, auth.WithKeySource(identity.JWKS))}
	srv.Config.Handler = httpapi.NewHandler(endpoint.New(identity, rt.Public, rt.Authenticated), rt.ServerOptions()...)
	srv.Start()
	t.Cleanup(srv.Close)

	ctx := context.Background()
	tok, err := servicetoken.New(url, servicetoken.ExchangeClientID, secret, nil).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := auth.NewVerifier(url+"/.well-known/jwks.json", url).Verify(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if p.ClientID != servicetoken.ExchangeClientID || !slices.Equal(p.Scopes, []string{auth.ScopeDocumentsRead, auth.ScopeUnitsRead}) {
		t.Fatalf("principal %+v", p)
	}
	if _, err := servicetoken.New(url, servicetoken.ExchangeClientID, secret+"x", nil).Token(ctx); err == nil || !strings.Contains(err.Error(), "invalid_client") {
		t.Fatalf("a wrong secret: %v", err)
	}
}
