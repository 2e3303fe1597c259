// Package config reads the web console's settings from the environment and
// validates them at start. It links no database or broker code: identity
// keeps the console's sessions, and the console calls the services' APIs.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
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
	SessionIdle   time.Duration // EOFFICE_WEB_SESSION_IDLE, default 8h, 1m to 168h
	// SessionCache keeps identity's answer for a session this long on this
	// replica (EOFFICE_WEB_SESSION_CACHE, default 2s, at most 10s; 0: ask
	// on every page): a sign-out on another replica takes effect within it.
	SessionCache time.Duration
	// ClientSecret is the console's own client's at identity, svc-web
	// (EOFFICE_WEB_CLIENT_SECRET, required, 32 characters or more; the
	// same value identity is given): identity keeps the sessions and
	// answers only the console.
	ClientSecret string
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
	// APIURL is where integrators reach the services' APIs: the server of
	// the combined description at /api (EOFFICE_API_URL; default
	// EOFFICE_WEB_URL, as the Ingress serves the APIs on the console's
	// host, else the console's address).
	APIURL string
}

// minClientSecret is identity's shortest service-client secret.
const minClientSecret = 32

// Load reads and validates the settings; every problem is reported at once.
func Load() (Config, error) {
	c := Config{
		Addr:          envconf.Env("EOFFICE_WEB_ADDR", fmt.Sprintf("127.0.0.1:%d", envconf.DefaultPorts["web"])),
		SecureCookies: strings.HasPrefix(envconf.Env("EOFFICE_WEB_URL", ""), "https://"),
		URLs:          client.EndpointsFromEnv(),
		AdminAddr:     envconf.Env("EOFFICE_WEB_ADMIN_ADDR", ""),
	}
	c.APIURL = strings.TrimRight(envconf.Env("EOFFICE_API_URL", envconf.Env("EOFFICE_WEB_URL", apidoc.URLOf(c.Addr))), "/")
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
	if err == nil && (d < time.Minute || d > 7*24*time.Hour) {
		errs = append(errs, fmt.Errorf("EOFFICE_WEB_SESSION_IDLE must be between 1m and 168h, not %q", idle))
	}
	c.SessionIdle = d
	cache := envconf.Env("EOFFICE_WEB_SESSION_CACHE", "2s")
	if c.SessionCache, err = time.ParseDuration(cache); err != nil || c.SessionCache < 0 || c.SessionCache > 10*time.Second {
		errs = append(errs, fmt.Errorf("EOFFICE_WEB_SESSION_CACHE must be a duration from 0s to 10s, not %q", cache))
	}
	c.ClientSecret = envconf.Env("EOFFICE_WEB_CLIENT_SECRET", "")
	if len(c.ClientSecret) < minClientSecret {
		errs = append(errs, fmt.Errorf("EOFFICE_WEB_CLIENT_SECRET must be set to the web console's client secret at identity (at least %d random characters; identity is given the same)", minClientSecret))
	}
	if c.MaxAttachment, err = envconf.MaxAttachment(); err != nil {
		errs = append(errs, err)
	}
	if c.TrustedProxies, err = httpx.ParseTrustedProxies("EOFFICE_WEB_TRUSTED_PROXIES", envconf.Env("EOFFICE_WEB_TRUSTED_PROXIES", "")); err != nil {
		errs = append(errs, err)
	}
	if c.HTTP, err = envconf.LoadHTTPTimeouts(); err != nil {
		errs = append(errs, err)
	}
	if err := apidoc.CheckURL(c.APIURL); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_API_URL: %w", err))
	}
	return c, errors.Join(errs...)
}
