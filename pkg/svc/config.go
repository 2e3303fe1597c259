// Package svc is the runtime every eoffice service shares: configuration
// from the environment, logging and telemetry, its database with migrations,
// the outbox relay, event consumers, the HTTP server with health, metrics and
// OpenAPI routes, and a graceful shutdown. A service's main only wires its
// own parts onto it.
package svc

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Config is what every service reads from the environment.
type Config struct {
	Service string
	Addr    string // EOFFICE_<SERVICE>_ADDR
	// AdminAddr, when set, serves /metrics on its own listener and not
	// beside the API (EOFFICE_<SERVICE>_ADMIN_ADDR).
	AdminAddr string
	DB        string   // EOFFICE_<SERVICE>_DB: PostgreSQL DSN or SQLite path
	DataDir   string   // EOFFICE_DATA_DIR
	Brokers   []string // EOFFICE_KAFKA_BROKERS, else EOFFICE_KAFKA_ADDR
	// Kafka is how the service authenticates to and encrypts for the
	// brokers (EOFFICE_KAFKA_SASL_*, EOFFICE_KAFKA_TLS_*).
	Kafka       kafkaconn.Config
	IdentityURL string // EOFFICE_IDENTITY_URL: token issuer and JWKS base
	// ShutdownTimeout bounds a graceful stop (EOFFICE_SHUTDOWN_TIMEOUT).
	ShutdownTimeout time.Duration
	// ShutdownDelay is how long a stopping service keeps serving with
	// /readyz failing, so that load balancers (a Kubernetes Service's
	// endpoints) stop sending it requests before it stops accepting them
	// (EOFFICE_SHUTDOWN_DELAY, default 0: on one machine nothing needs
	// telling). It comes before, not out of, ShutdownTimeout.
	ShutdownDelay time.Duration
	// HTTP are the servers' timeouts (EOFFICE_HTTP_*_TIMEOUT).
	HTTP envconf.HTTPTimeouts
	// PublicURL is where integrators reach the service's API, behind the
	// ingress its prefix (apidoc.Services) included: the servers of its
	// /openapi.json (EOFFICE_<SERVICE>_PUBLIC_URL, default the listen
	// address).
	PublicURL string
}

// LoadConfig reads and validates the configuration of service.
func LoadConfig(service string) (Config, error) {
	port, ok := envconf.DefaultPorts[service]
	if !ok {
		return Config{}, fmt.Errorf("config: unknown service %q", service)
	}
	up := strings.ToUpper(service)
	c := Config{
		Service:   service,
		Addr:      envconf.Env("EOFFICE_"+up+"_ADDR", fmt.Sprintf("127.0.0.1:%d", port)),
		AdminAddr: envconf.Env("EOFFICE_"+up+"_ADMIN_ADDR", ""),
		DataDir:   envconf.Env("EOFFICE_DATA_DIR", "./data"),
	}
	c.DB = envconf.Env("EOFFICE_"+up+"_DB", filepath.Join(c.DataDir, service+".db"))
	c.PublicURL = strings.TrimRight(envconf.Env("EOFFICE_"+up+"_PUBLIC_URL", apidoc.URLOf(c.Addr)), "/")
	brokers := envconf.Env("EOFFICE_KAFKA_BROKERS", envconf.Env("EOFFICE_KAFKA_ADDR", "127.0.0.1:9092"))
	for _, b := range strings.Split(brokers, ",") {
		if b = strings.TrimSpace(b); b != "" {
			c.Brokers = append(c.Brokers, b)
		}
	}
	kafkaSec, kafkaErr := kafkaconn.Load()
	c.Kafka = kafkaSec
	identityAddr := envconf.Env("EOFFICE_IDENTITY_ADDR", "127.0.0.1:8081")
	c.IdentityURL = strings.TrimRight(envconf.Env("EOFFICE_IDENTITY_URL", "http://"+identityAddr), "/")
	timeout, err := time.ParseDuration(envconf.Env("EOFFICE_SHUTDOWN_TIMEOUT", "15s"))
	if err != nil {
		return c, fmt.Errorf("config: EOFFICE_SHUTDOWN_TIMEOUT: %w", err)
	}
	c.ShutdownTimeout = timeout
	delay, err := time.ParseDuration(envconf.Env("EOFFICE_SHUTDOWN_DELAY", "0s"))
	if err != nil {
		return c, fmt.Errorf("config: EOFFICE_SHUTDOWN_DELAY: %w", err)
	}
	c.ShutdownDelay = delay
	if c.HTTP, err = envconf.LoadHTTPTimeouts(); err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	if kafkaErr != nil {
		return c, fmt.Errorf("config of %s: %w", c.Service, kafkaErr)
	}
	return c, c.validate()
}

// Production reports whether the service runs on PostgreSQL, as
// deployments do; the embedded default (SQLite) is one machine.
func (c Config) Production() bool { return store.IsPostgresDSN(c.DB) }

// SecretBox is the box sealing the secrets the service keeps
// (EOFFICE_SECRET_KEY, EOFFICE_SECRET_KEY_OLD). On one machine a missing
// key is generated into the data folder; in production it is required, and
// a service that keeps secrets refuses to start without it.
func (c Config) SecretBox() (*secretbox.Box, error) {
	b, err := secretbox.FromEnv(c.DataDir, !c.Production())
	if err != nil {
		return nil, fmt.Errorf("config of %s: %w", c.Service, err)
	}
	return b, nil
}

func (c Config) validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_%s_ADDR %q: %w", strings.ToUpper(c.Service), c.Addr, err))
	}
	if c.AdminAddr != "" {
		if _, _, err := net.SplitHostPort(c.AdminAddr); err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_%s_ADMIN_ADDR %q: %w", strings.ToUpper(c.Service), c.AdminAddr, err))
		} else if c.AdminAddr == c.Addr {
			errs = append(errs, fmt.Errorf("EOFFICE_%s_ADMIN_ADDR must differ from EOFFICE_%[1]s_ADDR", strings.ToUpper(c.Service)))
		}
	}
	for _, b := range c.Brokers {
		if _, _, err := net.SplitHostPort(b); err != nil {
			errs = append(errs, fmt.Errorf("kafka broker %q: %w", b, err))
		}
	}
	if len(c.Brokers) == 0 {
		errs = append(errs, errors.New("no kafka broker configured"))
	}
	if !strings.HasPrefix(c.IdentityURL, "http://") && !strings.HasPrefix(c.IdentityURL, "https://") {
		errs = append(errs, fmt.Errorf("EOFFICE_IDENTITY_URL %q must be an http(s) URL", c.IdentityURL))
	}
	if err := apidoc.CheckURL(c.PublicURL); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_%s_PUBLIC_URL: %w", strings.ToUpper(c.Service), err))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("EOFFICE_SHUTDOWN_TIMEOUT must be positive"))
	}
	if c.ShutdownDelay < 0 {
		errs = append(errs, errors.New("EOFFICE_SHUTDOWN_DELAY must not be negative"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("config of %s: %w", c.Service, errors.Join(errs...))
	}
	return nil
}
