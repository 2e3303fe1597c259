// Command documents runs the documents service: drafts, approval, numbering
// and issue of outgoing documents, and their receipts.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/documents/internal/events"
	"github.com/eoffice-vn/eoffice/services/documents/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/identity"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "documents:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	rt, err := svc.Start(ctx, "documents", store.Migrations)
	if err != nil {
		return err
	}
	st := store.New(rt.DB)
	service := app.New(app.Config{
		DB:     rt.DB,
		Store:  st,
		Outbox: rt.Outbox,
		Units:  identity.New(rt.Config.IdentityURL, telemetry.HTTPClient(5*time.Second)),
		Source: rt.Source,
	})
	handler := httpapi.NewHandler(endpoint.New(service, rt.Authenticated), rt.ServerOptions()...)
	if err := rt.Consume(events.Group, events.Topics, events.Handlers(st)); err != nil {
		return err
	}
	return rt.Run(ctx, handler, httpapi.OpenAPI)
}
