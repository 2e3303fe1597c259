// Package config reads the hub's settings from the environment.
package config

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// Config is what eoffice-hub reads.
type Config struct {
	Addr string // EOFFICE_HUB_ADDR
	// AdminAddr serves /metrics apart from the API (EOFFICE_HUB_ADMIN_ADDR).
	AdminAddr string
	DB        string // EOFFICE_HUB_DB, default <EOFFICE_DATA_DIR or ./data>/hub.db
	// Transfer bounds reading a request and writing an answer
	// (EOFFICE_HTTP_TRANSFER_TIMEOUT): packages are large.
	Transfer time.Duration
}

// Load reads and checks the settings.
func Load() (Config, error) {
	c := Config{
		Addr:      envconf.Env("EOFFICE_HUB_ADDR", fmt.Sprintf("127.0.0.1:%d", envconf.DefaultPorts["hub"])),
		AdminAddr: envconf.Env("EOFFICE_HUB_ADMIN_ADDR", ""),
		DB:        envconf.Env("EOFFICE_HUB_DB", filepath.Join(envconf.Env("EOFFICE_DATA_DIR", "./data"), "hub.db")),
	}
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_HUB_ADDR %q: %w", c.Addr, err))
	}
	if _, _, err := net.SplitHostPort(c.AdminAddr); c.AdminAddr != "" && err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_HUB_ADMIN_ADDR %q: %w", c.AdminAddr, err))
	}
	t, err := envconf.LoadHTTPTimeouts()
	if err != nil {
		errs = append(errs, err)
	}
	c.Transfer = t.Transfer
	return c, errors.Join(errs...)
}
