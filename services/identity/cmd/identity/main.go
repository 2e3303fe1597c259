// Command identity runs the identity service: units, users, access tokens
// and the keys that verify them.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "identity:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	rt, err := svc.Start(ctx, "identity", store.Migrations)
	if err != nil {
		return err
	}
	service := app.New(store.New(rt.DB), rt.Outbox, app.Config{
		Issuer: rt.Config.IdentityURL,
		Source: rt.Source,
		Logger: rt.Logger,
	})
	if err := service.EnsureSigningKey(ctx); err != nil {
		return err
	}
	if _, err := service.Bootstrap(ctx, app.BootstrapConfig{
		Password: os.Getenv("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD"),
		DataDir:  rt.Config.DataDir,
	}); err != nil {
		return err
	}
	// identity verifies its own tokens with the keys it holds, so the first
	// request does not wait on a call to itself; the JWKS URL is still used
	// to pick up keys another replica adds.
	keys, err := service.JWKS(ctx)
	if err != nil {
		return err
	}
	rt.Verifier = auth.NewVerifier(rt.Config.IdentityURL+"/.well-known/jwks.json", rt.Config.IdentityURL,
		auth.WithKeys(keys), auth.WithHTTPClient(telemetry.HTTPClient(5*time.Second)))

	handler := httpapi.NewHandler(endpoint.New(service, rt.Public, rt.Authenticated), rt.ServerOptions()...)
	return rt.Run(ctx, handler, httpapi.OpenAPI)
}
