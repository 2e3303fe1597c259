// Package documentsrun runs the documents service (the body of cmd/documents), so that
// another program can run it in-process.
package documentsrun

import (
	"context"
	"crypto/x509"
	"fmt"
	"path/filepath"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/config"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/documents/internal/exchangehttp"
	"github.com/eoffice-vn/eoffice/services/documents/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// Run runs the service until ctx ends.
func Run(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
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
	st.Outbox = rt.Outbox
	if _, err := st.BackfillSearchText(ctx); err != nil {
		return err
	}
	if err := st.PrepareSearch(ctx); err != nil {
		// Search still answers, by scanning: slower, not wrong.
		rt.Logger.Warn("search index unavailable; q searches scan", "error", err)
	}
	keys, roots, err := cfg.Signing.Open()
	if err != nil {
		return fmt.Errorf("signing keystore %s: %w", cfg.Signing.Keystore, err)
	}
	if ca, ok := keys.(interface{ Root() *x509.Certificate }); ok {
		// The CA that certifies the signers: when it expires no new
		// signature verifies. (A signer's own certificate is renewed on use.)
		notAfter := ca.Root().NotAfter
		telemetry.ExpiryGauge("documents", "signing_ca", func(context.Context) (time.Time, error) { return notAfter, nil })
	}
	if cfg.Signing.Keystore == config.KeystoreLocal {
		rt.Logger.Warn("issued documents are signed by the embedded trial CA: its signatures are not legally valid",
			"folder", cfg.Signing.LocalDir)
	}
	// The exchange service: its directory as the caller, incoming
	// packages' files with the service's own token (svc-documents).
	// A lookup answers a person waiting (short timeout); a package's file
	// may be 50 MiB (long one).
	directory := &exchangehttp.Client{URL: cfg.ExchangeURL, HTTP: telemetry.HTTPClient(5 * time.Second)}
	files := &exchangehttp.Client{URL: cfg.ExchangeURL, HTTP: telemetry.HTTPClient(2 * time.Minute)}
	if cfg.ClientSecret != "" {
		files.Tokens = servicetoken.New(rt.Config.IdentityURL, config.ClientID, cfg.ClientSecret, telemetry.HTTPClient(10*time.Second))
	} else {
		rt.Logger.Warn("EOFFICE_DOCUMENTS_CLIENT_SECRET is not set: documents that come by exchange wait until it is")
	}
	service := app.New(app.Config{
		Documents:     st,
		DB:            rt.DB,
		Identity:      identityclient.New(rt.Config.IdentityURL, telemetry.HTTPClient(5*time.Second)),
		Source:        rt.Source,
		MaxAttachment: cfg.MaxAttachment,
		Scanner:       cfg.Scanner,
		Blobs:         blobs.Files{Dir: filepath.Join(rt.Config.DataDir, "blobs")},
		// Beside the blobs, in the folder whose leftovers the collector prunes.
		SpoolDir:      filepath.Join(rt.Config.DataDir, "blobs", "tmp"),
		Signing:       app.Signing{Signer: &signing.Signer{Keys: keys}, Roots: roots},
		Organisations: directory,
		PackageFiles:  files,
		PDFsPaused:    cfg.PDFsPaused,
	})
	// Issued documents whose PDF a stopped process did not finish are
	// taken up again from the start.
	pdfs, err := app.NewPDFWorker(service, app.PDFPollInterval, rt.Logger)
	if err != nil {
		return err
	}
	// Packages exchange accepted for our agencies become documents.
	intake, err := app.NewIntakeWorker(service, app.IntakePollInterval, rt.Logger)
	if err != nil {
		return err
	}
	collector, err := app.NewCollector(service, app.CollectorConfig{
		Interval: cfg.BlobGCInterval,
		Grace:    cfg.BlobGCGrace,
		Logger:   rt.Logger,
	})
	if err != nil {
		return err
	}
	// Attachments of the first layout (one file per attachment id) move to
	// the content-addressed store before anything is served.
	if _, err := collector.MigrateLegacy(ctx, filepath.Join(rt.Config.DataDir, "attachments")); err != nil {
		return err
	}
	handler := httpapi.NewHandler(endpoint.New(service, rt.Authenticated), rt.ServerOptions()...)
	if err := rt.Consume(consumer.Group, consumer.Topics, consumer.Handlers(app.NewTaskViews(), st.TaskWrites)); err != nil {
		return err
	}
	return rt.Run(ctx, handler, documentsapi.OpenAPI, collector.Run, pdfs.Run, intake.Run,
		idempotency.Expirer(rt.DB, idempotency.DefaultRetention, rt.Logger))
}
