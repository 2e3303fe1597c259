// Package exchangerun runs the exchange service (the body of cmd/exchange), so that
// another program can run it in-process.
package exchangerun

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/carrier"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/config"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/remote"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/store"
)

// Run runs the service until ctx ends.
func Run(ctx context.Context) error {
	rt, err := svc.Start(ctx, "exchange", nil)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx, rt.DB); err != nil {
		return err
	}
	cfg, err := config.Load(rt.Config.DataDir, rt.Config.IdentityURL)
	if err != nil {
		return err
	}
	// A package may be large: the gateway's calls get minutes, not seconds.
	tr, err := carrier.Open(cfg, telemetry.HTTPClient(10*time.Minute))
	if err != nil {
		return err
	}
	hc := telemetry.HTTPClient(2 * time.Minute)
	tokens := servicetoken.New(cfg.IdentityURL, config.ClientID, cfg.ClientSecret, hc)
	s := store.New(rt.DB, rt.Outbox)
	a := app.New(app.Deps{Store: s, Blobs: blobs.Files{Dir: cfg.BlobDir}, Transport: tr, Logger: rt.Logger,
		Documents: remote.NewDocuments(cfg.DocumentsURL, tokens, hc), Agencies: remote.NewAgencies(cfg.IdentityURL, tokens, hc)})

	h := consumer.New(a, s.In)
	if err := rt.Consume(consumer.GroupIdentity, []string{events.TopicIdentity}, h.Identity()); err != nil {
		return err
	}
	if err := rt.Consume(consumer.GroupDocuments, []string{events.TopicDocuments}, h.Documents()); err != nil {
		return err
	}
	eps := endpoint.New(a, rt.Authenticated)
	return rt.Run(ctx, httpapi.NewHandler(eps, rt.ServerOptions()...), exchangeapi.OpenAPI, a.Run(cfg.PollInterval))
}
