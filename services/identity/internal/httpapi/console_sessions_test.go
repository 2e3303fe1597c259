package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/svc"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// TestConsoleSessionRoutes: the console's client creates, resolves and
// ends a session over HTTP; a bad handle is a 401 problem+json; a stolen
// handle is of no use without the console's own credential.
func TestConsoleSessionRoutes(t *testing.T) {
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	e := testenv.New(t, storetest.OpenSQLite(t))
	cfg := testenv.Config()
	cfg.Issuer = url
	identity := app.New(e.Store, cfg)
	e.Admin(t) // the person who signs in
	secret := strings.Repeat("w", 40)
	if err := identity.EnsureServiceClients(context.Background(), []app.ServiceClient{
		{ID: servicetoken.WebClientID, Name: "Web console", Scopes: []string{auth.ScopeConsoleSessions}, Secret: secret},
	}); err != nil {
		t.Fatal(err)
	}
	rt := &svc.Runtime{Config: svc.Config{Service: "identity", IdentityURL: url}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Source: "/eoffice/identity", Verifier: auth.NewVerifier("", url, auth.WithKeySource(identity.JWKS))}
	srv.Config.Handler = httpapi.NewHandler(endpoint.New(identity, rt.Public, rt.Authenticated), rt.ServerOptions()...)
	srv.Start()
	t.Cleanup(srv.Close)
	ctx := context.Background()

	consoleToken, err := servicetoken.New(url, servicetoken.WebClientID, secret, nil).Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	login, err := identityapi.PasswordGrant(ctx, http.DefaultClient, url, "admin", testenv.AdminPassword)
	if err != nil {
		t.Fatal(err)
	}
	urls := client.Endpoints{url, url, url, url, url}
	console := identityapi.New(&client.Client{URLs: urls, Tokens: fixedToken(consoleToken)})
	cs, err := console.CreateConsoleSession(ctx, identityapi.NewConsoleSession{RefreshToken: login.RefreshToken, IdleSeconds: 3600})
	if err != nil {
		t.Fatal(err)
	}
	if cs.Handle == "" || cs.User.Username != "admin" || cs.CSRF == "" {
		t.Fatalf("session %+v", cs)
	}
	got, err := console.ResolveConsoleSession(ctx, cs.Handle)
	if err != nil || got.User.Username != "admin" || got.CSRF != cs.CSRF || got.Handle != "" {
		t.Fatalf("resolve: %+v %v", got, err)
	}

	post := func(path, bearer string, body any) (int, string, map[string]any) {
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, url+path, bytes.NewReader(raw))
		req.Header.Set("Content-Type", "application/json")
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, resp.Header.Get("Content-Type"), out
	}
	for _, tt := range []struct {
		name, bearer string
		handle       string
		status       int
		code         string
	}{
		{"a bad handle", consoleToken, "not-a-handle", http.StatusUnauthorized, identityapi.CodeInvalidSession},
		{"a stolen handle without a token", "", cs.Handle, http.StatusUnauthorized, ""},
		{"a stolen handle with the person's own token", login.AccessToken, cs.Handle, http.StatusForbidden, ""},
		{"a stolen handle with a session's access token", got.AccessToken, cs.Handle, http.StatusForbidden, ""},
	} {
		status, ctype, body := post("/v1/console/sessions/resolve", tt.bearer, identityapi.ConsoleSessionHandle{Handle: tt.handle})
		if status != tt.status || !strings.HasPrefix(ctype, "application/problem+json") {
			t.Errorf("%s: %d %s %v", tt.name, status, ctype, body)
		}
		if tt.code != "" && body["error"] != tt.code {
			t.Errorf("%s: error %v, want %s", tt.name, body["error"], tt.code)
		}
		if _, leaked := body["access_token"]; leaked {
			t.Errorf("%s: answered a token", tt.name)
		}
	}
	if n, err := console.EndConsoleSession(ctx, cs.Handle, false); err != nil || n != 1 {
		t.Fatalf("end: %d %v", n, err)
	}
	if status, _, body := post("/v1/console/sessions/resolve", consoleToken, identityapi.ConsoleSessionHandle{Handle: cs.Handle}); status != http.StatusUnauthorized || body["error"] != identityapi.CodeInvalidSession {
		t.Fatalf("after sign-out: %d %v", status, body)
	}
}

type fixedToken string

func (f fixedToken) AccessToken(context.Context) (string, error) { return string(f), nil }
