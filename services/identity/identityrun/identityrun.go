// Package identityrun runs the identity service (the body of
// cmd/identity), so that another program can run it in-process.
package identityrun

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/config"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// Run runs the service until ctx ends.
func Run(ctx context.Context) error { return run(ctx, nil) }

// RotateKeys replaces the signing key now, on the service's database
// (identity rotate-keys).
func RotateKeys(ctx context.Context) error { return run(ctx, []string{"rotate-keys"}) }

// run is the former main's run, args the subcommand (none: serve).
func run(ctx context.Context, args []string) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	rt, err := svc.Start(ctx, "identity", store.Migrations)
	if err != nil {
		return err
	}
	box, err := rt.Config.SecretBox()
	if err != nil {
		return err
	}
	st := store.New(rt.DB, rt.Outbox, store.WithSecrets(box))
	// Seeds stored before encryption, or under a key since rotated, are
	// sealed again with the current EOFFICE_SECRET_KEY.
	if n, err := st.ResealSigningKeys(ctx); err != nil {
		return err
	} else if n > 0 {
		rt.Logger.Info("signing keys sealed with the current secret key", "keys", n, "key_id", box.CurrentKeyID())
	}
	service := app.New(st, app.Config{
		Issuer:      rt.Config.IdentityURL,
		Source:      rt.Source,
		Logger:      rt.Logger,
		KeyRotation: cfg.KeyRotation,
	})
	if err := service.EnsureSigningKey(ctx); err != nil {
		return err
	}
	if n, err := service.AnnounceClients(ctx); err != nil {
		return err
	} else if n > 0 {
		rt.Logger.Info("clients registered before client events announced", "clients", n)
	}
	if len(args) == 1 {
		// rotate-keys: the running replicas pick the new key up from the
		// database (identity) or the JWKS (everyone else).
		defer rt.DB.Close()
		r, err := service.RotateKeysNow(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("new signing key %s, signing from %s\n", r.Kid, r.From.Format(time.RFC3339))
		return nil
	}
	if _, err := service.Bootstrap(ctx, app.BootstrapConfig{
		Password: cfg.BootstrapPassword,
		DataDir:  rt.Config.DataDir,
	}); err != nil {
		return err
	}
	if err := service.EnsureServiceClients(ctx, cfg.ServiceClients); err != nil {
		return err
	}
	// identity verifies its own tokens with the keys in its database, never
	// calling itself; a key another replica rotated in is found there.
	rt.Verifier = auth.NewVerifier("", rt.Config.IdentityURL, auth.WithKeySource(service.JWKS))

	telemetry.ExpiryGauge("identity", "token_signing_key", service.KeyDue)

	opts := append(rt.ServerOptions(), httpapi.TrustedProxies(cfg.TrustedProxies))
	rt.AllowAnonymous(httpapi.Anonymous...)
	handler := httpapi.NewHandler(endpoint.New(service, rt.Public, rt.Authenticated), opts...)
	return rt.Run(ctx, handler, identityapi.OpenAPI, service.KeyWorker(checkEvery(cfg.KeyRotation)))
}

// checkEvery is how often the worker asks whether the key is due: often
// enough that a rotation is at most a hundredth of the interval late.
func checkEvery(interval time.Duration) time.Duration {
	return min(max(interval/100, time.Second), 10*time.Minute)
}
