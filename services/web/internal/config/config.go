// Package config reads the web console's settings from the environment and
// validates them at start. It links no database or broker code: the
// console keeps only sessions and calls the services' APIs.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// Config is what the console reads.
type Config struct {
	Addr string // EOFFICE_WEB_ADDR, default 127.0.0.1:8080
	// AdminAddr serves /metrics apart from the pages (EOFFICE_WEB_ADMIN_ADDR);
	// unset, /metrics is beside them, as with the services.
	AdminAddr string
	// ShutdownDelay: on SIGTERM /readyz fails this long while pages are
	// still served (EOFFICE_SHUTDOWN_DELAY, default 0), as the services do.
	ShutdownDelay time.Duration
	SessionIdle   time.Duration // EOFFICE_WEB_SESSION_IDLE, default 8h
	// MaxAttachment is read from the documents service's own variable
	// (EOFFICE_MAX_ATTACHMENT_BYTES), so both enforce one limit.
	MaxAttachment int64
	// TrustedProxies may name the client in X-Forwarded-For
	// (EOFFICE_WEB_TRUSTED_PROXIES, default loopback); the console passes
	// the client on to identity's login throttling.
	TrustedProxies []netip.Prefix
	// SecureCookies when the console is served over https
	// (EOFFICE_WEB_URL): __Host- cookies and HSTS.
	SecureCookies bool
	HTTP          envconf.HTTPTimeouts // EOFFICE_HTTP_*_TIMEOUT
	URLs          client.Endpoints     // EOFFICE_<SERVICE>_URL or _ADDR
}

// Load reads and validates the settings; every problem is reported at once.
func Load() (Config, error) {
	c := Config{
		Addr:          envconf.Env("EOFFICE_WEB_ADDR", fmt.Sprintf("127.0.0.1:%d", envconf.DefaultPorts["web"])),
		SecureCookies: strings.HasPrefix(envconf.Env("EOFFICE_WEB_URL", ""), "https://"),
		URLs:          client.EndpointsFromEnv(),
		AdminAddr:     envconf.Env("EOFFICE_WEB_ADMIN_ADDR", ""),
	}
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_WEB_ADDR %q: %w", c.Addr, err))
	}
	delay, err := time.ParseDuration(envconf.Env("EOFFICE_SHUTDOWN_DELAY", "0s"))
	c.ShutdownDelay = delay
	if err != nil || delay < 0 {
		errs = append(errs, fmt.Errorf("EOFFICE_SHUTDOWN_DELAY must be a duration such as 5s, not %q", envconf.Env("EOFFICE_SHUTDOWN_DELAY", "")))
	}
	if c.AdminAddr != "" {
		if _, _, err := net.SplitHostPort(c.AdminAddr); err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_WEB_ADMIN_ADDR %q: %w", c.AdminAddr, err))
		}
	}
	idle := envconf.Env("EOFFICE_WEB_SESSION_IDLE", "8h")
	d, err := time.ParseDuration(idle)
	if err != nil || d <= 0 {
		errs = append(errs, fmt.Errorf("EOFFICE_WEB_SESSION_IDLE must be a positive duration such as 8h, not %q", idle))
	}
	c.SessionIdle = d
	if c.MaxAttachment, err = envconf.MaxAttachment(); err != nil {
		errs = append(errs, err)
	}
	if c.TrustedProxies, err = httpx.ParseTrustedProxies("EOFFICE_WEB_TRUSTED_PROXIES", envconf.Env("EOFFICE_WEB_TRUSTED_PROXIES", "")); err != nil {
		errs = append(errs, err)
	}
	if c.HTTP, err = envconf.LoadHTTPTimeouts(); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}
