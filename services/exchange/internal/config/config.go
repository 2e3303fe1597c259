// Package config reads the exchange service's own settings from the
// environment (the shared ones are svc.Config's) and validates them.
package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// Transports.
const (
	TransportVDXP   = "vdxp"
	TransportFolder = "folder"
)

// Config is what the exchange service reads beyond svc.Config.
type Config struct {
	Transport string // EOFFICE_EXCHANGE_TRANSPORT: vdxp (default) or folder
	VDXPURL   string // EOFFICE_EXCHANGE_VDXP_URL, default the local hub
	SystemID  string // EOFFICE_EXCHANGE_SYSTEM_ID
	Secret    string // EOFFICE_EXCHANGE_SECRET
	InDir     string // EOFFICE_EXCHANGE_IN_DIR (folder)
	OutDir    string // EOFFICE_EXCHANGE_OUT_DIR (folder)
	// PollInterval is how often the transport is asked for what came and
	// the queue for what to send (EOFFICE_EXCHANGE_POLL_INTERVAL).
	PollInterval time.Duration
	// ClientSecret is svc-exchange's (EOFFICE_EXCHANGE_CLIENT_SECRET): the
	// token to fetch issued documents and look agencies up.
	ClientSecret string
	IdentityURL  string // EOFFICE_IDENTITY_URL
	DocumentsURL string // EOFFICE_DOCUMENTS_URL, else http:// + EOFFICE_DOCUMENTS_ADDR
	BlobDir      string // <EOFFICE_DATA_DIR>/exchange-blobs
}

// ClientID is the service's integration client at identity.
const ClientID = "svc-exchange"

// Load reads and validates the settings; every problem is reported at once.
// dataDir and identityURL are svc.Config's.
func Load(dataDir, identityURL string) (Config, error) {
	hub := envconf.Env("EOFFICE_HUB_ADDR", "127.0.0.1:8086")
	c := Config{
		Transport:    envconf.Env("EOFFICE_EXCHANGE_TRANSPORT", TransportVDXP),
		VDXPURL:      strings.TrimRight(envconf.Env("EOFFICE_EXCHANGE_VDXP_URL", "http://"+hub), "/"),
		SystemID:     envconf.Env("EOFFICE_EXCHANGE_SYSTEM_ID", ""),
		Secret:       envconf.Env("EOFFICE_EXCHANGE_SECRET", ""),
		InDir:        envconf.Env("EOFFICE_EXCHANGE_IN_DIR", filepath.Join(dataDir, "exchange-in")),
		OutDir:       envconf.Env("EOFFICE_EXCHANGE_OUT_DIR", filepath.Join(dataDir, "exchange-out")),
		ClientSecret: envconf.Env("EOFFICE_EXCHANGE_CLIENT_SECRET", ""),
		IdentityURL:  identityURL,
		DocumentsURL: strings.TrimRight(envconf.Env("EOFFICE_DOCUMENTS_URL", "http://"+envconf.Env("EOFFICE_DOCUMENTS_ADDR", "127.0.0.1:8082")), "/"),
		BlobDir:      filepath.Join(dataDir, "exchange-blobs"),
	}
	var errs []error
	switch c.Transport {
	case TransportVDXP:
		if !strings.HasPrefix(c.VDXPURL, "http://") && !strings.HasPrefix(c.VDXPURL, "https://") {
			errs = append(errs, fmt.Errorf("EOFFICE_EXCHANGE_VDXP_URL %q must be an http(s) URL", c.VDXPURL))
		}
		if c.SystemID == "" || c.Secret == "" {
			errs = append(errs, errors.New("EOFFICE_EXCHANGE_SYSTEM_ID and EOFFICE_EXCHANGE_SECRET are required by the vdxp transport"))
		}
	case TransportFolder:
		if c.InDir == c.OutDir {
			errs = append(errs, errors.New("EOFFICE_EXCHANGE_IN_DIR and EOFFICE_EXCHANGE_OUT_DIR must differ"))
		}
	default:
		errs = append(errs, fmt.Errorf("EOFFICE_EXCHANGE_TRANSPORT %q: want vdxp or folder", c.Transport))
	}
	if !strings.HasPrefix(c.DocumentsURL, "http://") && !strings.HasPrefix(c.DocumentsURL, "https://") {
		errs = append(errs, fmt.Errorf("EOFFICE_DOCUMENTS_URL %q must be an http(s) URL", c.DocumentsURL))
	}
	var err error
	if c.PollInterval, err = time.ParseDuration(envconf.Env("EOFFICE_EXCHANGE_POLL_INTERVAL", "1s")); err != nil || c.PollInterval <= 0 {
		errs = append(errs, fmt.Errorf("EOFFICE_EXCHANGE_POLL_INTERVAL must be a positive duration (1s)"))
	}
	return c, errors.Join(errs...)
}
