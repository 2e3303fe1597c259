// Command documents runs the documents service: drafts, approval, numbering
// and issue of outgoing documents, and their receipts.
package main

import (
	"context"
	"fmt"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/services/documents/internal/blobs"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/documents/internal/events"
	"github.com/eoffice-vn/eoffice/services/documents/internal/httpapi"
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
	if _, err := st.BackfillSearchText(ctx); err != nil {
		return err
	}
	if err := st.PrepareSearch(ctx); err != nil {
		// Search still answers, by scanning: slower, not wrong.
		rt.Logger.Warn("search index unavailable; q searches scan", "error", err)
	}
	maxAttachment, err := strconv.ParseInt(svc.Env("EOFFICE_MAX_ATTACHMENT_BYTES", strconv.Itoa(app.DefaultMaxAttachment)), 10, 64)
	if err != nil || maxAttachment <= 0 {
		return fmt.Errorf("EOFFICE_MAX_ATTACHMENT_BYTES: want a positive number of bytes")
	}
	service := app.New(app.Config{
		DB:            rt.DB,
		Store:         st,
		Outbox:        rt.Outbox,
		Units:         app.IdentityUnits(identityclient.New(rt.Config.IdentityURL, telemetry.HTTPClient(5*time.Second))),
		Source:        rt.Source,
		MaxAttachment: maxAttachment,
		Blobs:         blobs.Files{Dir: filepath.Join(rt.Config.DataDir, "attachments")},
	})
	handler := httpapi.NewHandler(endpoint.New(service, rt.Authenticated), rt.ServerOptions()...)
	if err := rt.Consume(events.Group, events.Topics, events.Handlers(st)); err != nil {
		return err
	}
	return rt.Run(ctx, handler, httpapi.OpenAPI)
}
