// Package config reads the documents service's own settings from the
// environment (the shared ones are svc.Config's) and validates them at
// start.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/scan"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
)

// Config is what documents reads beyond svc.Config.
type Config struct {
	// MaxAttachment bounds an upload in bytes
	// (EOFFICE_MAX_ATTACHMENT_BYTES, the console checks the same).
	MaxAttachment int64
	// Scanner checks every upload before it is kept: clamd when
	// EOFFICE_CLAMD_ADDR names it (tcp://host:port or unix:/path), else
	// none. Unreachable later, uploads get 503.
	Scanner scan.Scanner
	// BlobGCInterval is how often blobs no row names are collected
	// (EOFFICE_BLOB_GC_INTERVAL, at least app.MinBlobGCInterval).
	BlobGCInterval time.Duration
	// BlobGCGrace is how old such a blob must be to go
	// (EOFFICE_BLOB_GC_GRACE, at least app.MinBlobGrace so that an upload
	// in flight keeps its blob).
	BlobGCGrace time.Duration
	// Signing is the key store issued documents are signed with
	// (EOFFICE_SIGNING_*, see Signing).
	Signing Signing
	// ExchangeURL is the exchange service (EOFFICE_EXCHANGE_URL, else
	// http:// and EOFFICE_EXCHANGE_ADDR, else its default port).
	ExchangeURL string
	// ClientSecret is the service's own client's at identity
	// (svc-documents, EOFFICE_DOCUMENTS_CLIENT_SECRET): it fetches incoming
	// packages' files from exchange. Empty: packages wait until it is set.
	ClientSecret string
	// PDFsPaused leaves issued documents' PDFs queued instead of made
	// (EOFFICE_DOCUMENTS_PDF_PAUSED): for loading history in bulk (the
	// bench's province), whose PDFs nobody reads; started again without
	// it, the service makes them.
	PDFsPaused bool
}

// ClientID is the documents service's own client at identity.
const ClientID = "svc-documents"

// Load reads and validates the settings; every problem is reported at once.
func Load() (Config, error) {
	var c Config
	var errs []error
	var err error
	if c.MaxAttachment, err = envconf.MaxAttachment(); err != nil {
		errs = append(errs, err)
	}
	if c.Scanner, err = scan.New(envconf.Env("EOFFICE_CLAMD_ADDR", "")); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_CLAMD_ADDR: %w", err))
	}
	if c.BlobGCInterval, err = atLeast("EOFFICE_BLOB_GC_INTERVAL", app.DefaultBlobGCEvery, app.MinBlobGCInterval); err != nil {
		errs = append(errs, err)
	}
	if c.BlobGCGrace, err = atLeast("EOFFICE_BLOB_GC_GRACE", app.DefaultBlobGrace, app.MinBlobGrace); err != nil {
		errs = append(errs, err)
	}
	if c.Signing, err = loadSigning(); err != nil {
		errs = append(errs, err)
	}
	c.ExchangeURL = envconf.Env("EOFFICE_EXCHANGE_URL", "")
	if c.ExchangeURL == "" {
		c.ExchangeURL = "http://" + envconf.Env("EOFFICE_EXCHANGE_ADDR", "127.0.0.1:8085")
	}
	if u, err := url.Parse(c.ExchangeURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("EOFFICE_EXCHANGE_URL %q: want an http(s) URL", c.ExchangeURL))
	}
	c.ExchangeURL = strings.TrimRight(c.ExchangeURL, "/")
	c.ClientSecret = envconf.Env("EOFFICE_DOCUMENTS_CLIENT_SECRET", "")
	if c.PDFsPaused, err = envconf.EnvBool("EOFFICE_DOCUMENTS_PDF_PAUSED", false); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// atLeast reads key as a Go duration of at least lowest (def when unset).
func atLeast(key string, def, lowest time.Duration) (time.Duration, error) {
	v := envconf.Env(key, "")
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < lowest {
		return 0, fmt.Errorf("%s %q: want a duration of at least %s, such as %s", key, v, lowest, def)
	}
	return d, nil
}
