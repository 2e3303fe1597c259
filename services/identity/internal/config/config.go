// Package config reads the identity service's own settings from the
// environment (the shared ones are svc.Config's) and validates them at
// start.
package config

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

// Config is what identity reads beyond svc.Config.
type Config struct {
	// KeyRotation is how often a new signing key replaces the current one
	// (EOFFICE_KEY_ROTATION_INTERVAL: a Go duration or days, "30d").
	KeyRotation time.Duration
	// TrustedProxies are the addresses (the console, a proxy) whose
	// X-Forwarded-For names the client that login throttling counts
	// (EOFFICE_IDENTITY_TRUSTED_PROXIES, default loopback).
	TrustedProxies []netip.Prefix
	// BootstrapPassword is the first administrator's password on first
	// start (EOFFICE_BOOTSTRAP_ADMIN_PASSWORD); empty: one is generated
	// into the data folder.
	BootstrapPassword string
	// ServiceClients are the clients the services use to call each other
	// (pkg/servicetoken), made or updated at start from
	// EOFFICE_DOCUMENTS_CLIENT_SECRET, EOFFICE_EXCHANGE_CLIENT_SECRET and
	// EOFFICE_WEB_CLIENT_SECRET;
	// one whose setting is empty is left alone.
	ServiceClients []app.ServiceClient
}

// serviceClients reads the service clients' secrets (I17 "Service
// credentials": documents fetches incoming files from exchange; exchange
// fetches issued documents and looks units up).
func serviceClients() ([]app.ServiceClient, []error) {
	var (
		out  []app.ServiceClient
		errs []error
	)
	for _, sc := range []struct {
		setting string
		client  app.ServiceClient
	}{
		{"EOFFICE_DOCUMENTS_CLIENT_SECRET", app.ServiceClient{ID: servicetoken.DocumentsClientID, Name: "Documents service", Scopes: []string{auth.ScopeExchangeRead}}},
		{"EOFFICE_EXCHANGE_CLIENT_SECRET", app.ServiceClient{ID: servicetoken.ExchangeClientID, Name: "Exchange service", Scopes: []string{auth.ScopeDocumentsRead, auth.ScopeUnitsRead}}},
		// The web console keeps its sessions here (console:sessions).
		{"EOFFICE_WEB_CLIENT_SECRET", app.ServiceClient{ID: servicetoken.WebClientID, Name: "Web console", Scopes: []string{auth.ScopeConsoleSessions}}},
	} {
		sc.client.Secret = envconf.Env(sc.setting, "")
		if sc.client.Secret != "" && len(sc.client.Secret) < app.MinServiceSecret {
			errs = append(errs, fmt.Errorf("%s must have at least %d characters (a random secret)", sc.setting, app.MinServiceSecret))
		}
		out = append(out, sc.client)
	}
	return out, errs
}

// Load reads and validates the settings; every problem is reported at once.
func Load() (Config, error) {
	c := Config{BootstrapPassword: envconf.Env("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD", "")}
	var errs []error
	c.ServiceClients, errs = serviceClients()
	var err error
	if c.KeyRotation, err = rotationInterval(envconf.Env("EOFFICE_KEY_ROTATION_INTERVAL", "")); err != nil {
		errs = append(errs, err)
	}
	if envconf.Env("EOFFICE_TRUST_PROXY", "") != "" {
		// The old switch trusted the header from anyone; fail rather than
		// silently change what is trusted.
		errs = append(errs, errors.New("EOFFICE_TRUST_PROXY is replaced by EOFFICE_IDENTITY_TRUSTED_PROXIES: the CIDR ranges of the console and proxies in front of identity"))
	} else if c.TrustedProxies, err = httpx.ParseTrustedProxies("EOFFICE_IDENTITY_TRUSTED_PROXIES", envconf.Env("EOFFICE_IDENTITY_TRUSTED_PROXIES", "")); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// rotationInterval reads a Go duration or a number of days ("30d"); empty
// means the default.
func rotationInterval(s string) (time.Duration, error) {
	if s == "" {
		return app.DefaultKeyRotation, nil
	}
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d < time.Minute {
		return 0, fmt.Errorf("EOFFICE_KEY_ROTATION_INTERVAL %q: want a duration of at least 1m, such as 720h or 30d", s)
	}
	return d, nil
}
