// Package config reads the hub's settings from the environment.
package config

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// Config is what eoffice-hub reads.
type Config struct {
	Addr string // EOFFICE_HUB_ADDR
	// AdminAddr serves /metrics apart from the API (EOFFICE_HUB_ADMIN_ADDR).
	AdminAddr string
	DB        string // EOFFICE_HUB_DB, default <EOFFICE_DATA_DIR or ./data>/hub.db
	// Retention is how long the content of a message its recipient
	// finished with is kept (EOFFICE_HUB_RETENTION, a Go duration or days
	// "30d"; default 30 days); the record of it stays.
	Retention time.Duration
	// Transfer bounds reading a request and writing an answer
	// (EOFFICE_HTTP_TRANSFER_TIMEOUT): packages are large.
	Transfer time.Duration
	// ShutdownDelay: on SIGTERM /readyz fails this long while requests are
	// still served (EOFFICE_SHUTDOWN_DELAY, default 0), as the services do.
	ShutdownDelay time.Duration
}

// Load reads and checks the settings.
func Load() (Config, error) {
	c := Config{
		Addr:      envconf.Env("EOFFICE_HUB_ADDR", fmt.Sprintf("127.0.0.1:%d", envconf.DefaultPorts["hub"])),
		AdminAddr: envconf.Env("EOFFICE_HUB_ADMIN_ADDR", ""),
		DB:        envconf.Env("EOFFICE_HUB_DB", filepath.Join(envconf.Env("EOFFICE_DATA_DIR", "./data"), "hub.db")),
	}
	var errs []error
	var err error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_HUB_ADDR %q: %w", c.Addr, err))
	}
	if _, _, err := net.SplitHostPort(c.AdminAddr); c.AdminAddr != "" && err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_HUB_ADMIN_ADDR %q: %w", c.AdminAddr, err))
	}
	if c.Retention, err = retention(envconf.Env("EOFFICE_HUB_RETENTION", "30d")); err != nil {
		errs = append(errs, err)
	}
	if c.ShutdownDelay, err = time.ParseDuration(envconf.Env("EOFFICE_SHUTDOWN_DELAY", "0s")); err != nil || c.ShutdownDelay < 0 {
		errs = append(errs, fmt.Errorf("EOFFICE_SHUTDOWN_DELAY %q: want a duration such as 5s", envconf.Env("EOFFICE_SHUTDOWN_DELAY", "")))
	}
	t, err := envconf.LoadHTTPTimeouts()
	if err != nil {
		errs = append(errs, err)
	}
	c.Transfer = t.Transfer
	return c, errors.Join(errs...)
}

// retention reads a Go duration or a number of days ("30d"), at least an hour.
func retention(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d < time.Hour {
		return 0, fmt.Errorf("EOFFICE_HUB_RETENTION %q: want a duration of at least 1h, such as 720h or 30d", s)
	}
	return d, nil
}
