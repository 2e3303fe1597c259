// Command documents runs the documents service: drafts, approval, numbering
// and issue of outgoing documents, and their receipts.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/scan"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/blobs"
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
	// The service's migrations run after the shared identity read model's
	// (store.Migrate): they move older rows into it.
	rt, err := svc.Start(ctx, "documents", nil)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx, rt.DB); err != nil {
		return err
	}
	if err := idempotency.Migrate(ctx, rt.DB); err != nil {
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
	maxAttachment, err := envconf.MaxAttachment()
	if err != nil {
		return err
	}
	// Uploads are scanned by clamd when EOFFICE_CLAMD_ADDR names it
	// (tcp://host:port or unix:/path); unreachable later, uploads get 503.
	scanner, err := scan.New(envconf.Env("EOFFICE_CLAMD_ADDR", ""))
	if err != nil {
		return fmt.Errorf("EOFFICE_CLAMD_ADDR: %w", err)
	}
	gcCfg, err := blobGCConfig(rt)
	if err != nil {
		return err
	}
	service := app.New(app.Config{
		DB:            rt.DB,
		Store:         st,
		Outbox:        rt.Outbox,
		Identity:      identityclient.New(rt.Config.IdentityURL, telemetry.HTTPClient(5*time.Second)),
		Source:        rt.Source,
		MaxAttachment: maxAttachment,
		Scanner:       scanner,
		Blobs:         blobs.Files{Dir: filepath.Join(rt.Config.DataDir, "blobs")},
		// Beside the blobs, in the folder whose leftovers the collector prunes.
		SpoolDir: filepath.Join(rt.Config.DataDir, "blobs", "tmp"),
	})
	collector, err := app.NewCollector(service, gcCfg)
	if err != nil {
		return err
	}
	// Attachments of the first layout (one file per attachment id) move to
	// the content-addressed store before anything is served.
	if _, err := collector.MigrateLegacy(ctx, filepath.Join(rt.Config.DataDir, "attachments")); err != nil {
		return err
	}
	handler := httpapi.NewHandler(endpoint.New(service, rt.Authenticated), rt.ServerOptions()...)
	if err := rt.Consume(events.Group, events.Topics, events.Handlers(st)); err != nil {
		return err
	}
	return rt.Run(ctx, handler, httpapi.OpenAPI, collector.Run,
		idempotency.Expirer(rt.DB, idempotency.DefaultRetention, rt.Logger))
}

// blobGCConfig reads EOFFICE_BLOB_GC_INTERVAL and EOFFICE_BLOB_GC_GRACE
// (Go durations) and refuses values that could remove uploads in flight.
func blobGCConfig(rt *svc.Runtime) (app.CollectorConfig, error) {
	c := app.CollectorConfig{Logger: rt.Logger}
	var err error
	if c.Interval, err = time.ParseDuration(envconf.Env("EOFFICE_BLOB_GC_INTERVAL", app.DefaultBlobGCEvery.String())); err != nil {
		return c, fmt.Errorf("EOFFICE_BLOB_GC_INTERVAL: %w", err)
	}
	if c.Grace, err = time.ParseDuration(envconf.Env("EOFFICE_BLOB_GC_GRACE", app.DefaultBlobGrace.String())); err != nil {
		return c, fmt.Errorf("EOFFICE_BLOB_GC_GRACE: %w", err)
	}
	return c, c.Validate()
}
