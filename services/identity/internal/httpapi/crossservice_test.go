package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// TestTokenAttacksOnAnotherService runs the attack table against the
// middleware every other service uses: a Verifier built as svc.Start builds
// it (JWKS fetched over HTTP from identity's public URL, which is also the
// issuer), inside svc's rt.Authenticated and rt.ServerOptions. Identity is
// a real handler on a real listener, serving the keys from its store.
func TestTokenAttacksOnAnotherService(t *testing.T) {
	// The listener first: the issuer is identity's URL, as in the stack.
	idSrv := httptest.NewUnstartedServer(nil)
	identityURL := "http://" + idSrv.Listener.Addr().String()

	e := testenv.New(t, storetest.OpenSQLite(t))
	cfg := testenv.Config()
	cfg.Issuer = identityURL
	identity := app.New(e.Store, cfg)
	if _, err := identity.Bootstrap(context.Background(), app.BootstrapConfig{Password: testenv.AdminPassword, DataDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	idRT := &svc.Runtime{Config: svc.Config{Service: "identity", IdentityURL: identityURL}, Logger: quiet, Source: "/eoffice/identity",
		Verifier: auth.NewVerifier("", identityURL, auth.WithKeySource(identity.JWKS))}
	idSrv.Config.Handler = httpapi.NewHandler(endpoint.New(identity, idRT.Public, idRT.Authenticated), idRT.ServerOptions()...)
	idSrv.Start()
	t.Cleanup(idSrv.Close)

	// "documents": only svc's middleware around an endpoint that echoes
	// the caller, so a 200 would mean the token got through.
	other := &svc.Runtime{Config: svc.Config{Service: "documents", IdentityURL: identityURL}, Logger: quiet, Source: "/eoffice/documents",
		Verifier: auth.NewVerifier(identityURL+"/.well-known/jwks.json", identityURL, auth.WithHTTPClient(telemetry.HTTPClient(0)))}
	echo := other.Authenticated("echo")(func(ctx context.Context, _ any) (any, error) {
		p, _ := auth.FromContext(ctx)
		return map[string]any{"sub": p.Subject, "roles": p.Roles}, nil
	})
	docs := httptest.NewServer(kithttp.NewServer(echo, func(context.Context, *http.Request) (any, error) { return nil, nil },
		httpx.EncodeJSON, other.ServerOptions()...))
	t.Cleanup(docs.Close)

	key, err := e.Store.ActiveSigningKey(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	admin, _, err := e.Store.Credentials(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	valid, table := attacks(t, key, identityURL, admin.ID)
	get := func(token string) (int, httpx.Problem) {
		req, _ := http.NewRequest("GET", docs.URL+"/v1/documents", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p httpx.Problem
		_ = json.NewDecoder(resp.Body).Decode(&p)
		return resp.StatusCode, p
	}
	if code, _ := get(valid); code != http.StatusOK {
		t.Fatalf("control: the valid token got %d", code)
	}
	// A real token from identity's token route passes too.
	resp, err := http.PostForm(identityURL+"/v1/token", map[string][]string{"grant_type": {"password"}, "username": {"admin"}, "password": {testenv.AdminPassword}})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if code, _ := get(tok.AccessToken); code != http.StatusOK {
		t.Fatalf("control: identity's token got %d", code)
	}
	for _, at := range table {
		t.Run(at.name, func(t *testing.T) {
			code, p := get(at.token)
			if code != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401 (%+v)", code, p)
			}
			t.Logf("%d %s", code, p.Detail)
		})
	}
}
