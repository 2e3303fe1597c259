// Package webrun runs the web console (the body of cmd/web), so that
// another program can run it in-process.
package webrun

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"

	"github.com/eoffice-vn/eoffice/services/web/internal/config"
	"github.com/eoffice-vn/eoffice/services/web/internal/console"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// Run runs the service until ctx ends.
func Run(ctx context.Context) error {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil)).With("service", "web")
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	// Calls to the services are counted by upstream and status code, so
	// that a failing service shows on the console's own metrics.
	hc := &http.Client{Timeout: 15 * time.Second, Transport: telemetry.UpstreamTransport(nil, "web", upstreamName(cfg.URLs))}
	// Identity keeps the sessions; the console asks as its own client.
	tokens := servicetoken.New(cfg.URLs[client.Identity], servicetoken.WebClientID, cfg.ClientSecret, hc)
	store := session.NewStore(session.Config{URLs: cfg.URLs, HTTP: hc, Tokens: serviceTokens{tokens}, Forget: tokens.Forget,
		Idle: cfg.SessionIdle, Cache: cfg.SessionCache})
	srv, err := console.New(console.Config{
		URLs: cfg.URLs, HTTP: hc, Log: log, MaxAttachment: cfg.MaxAttachment, TrustedProxies: cfg.TrustedProxies,
		TransferTimeout: cfg.HTTP.Transfer, SecureCookies: cfg.SecureCookies, FlashKey: console.FlashKey(cfg.ClientSecret),
		APIURL: cfg.APIURL,
	}, store)
	if err != nil {
		return err
	}
	var draining atomic.Bool
	hs := cfg.HTTP.Server(pagesAndMetrics(srv.Handler(), cfg.AdminAddr == "", &draining))
	hs.Addr = cfg.Addr
	errc := make(chan error, 2)
	go func() { errc <- hs.ListenAndServe() }()
	log.Info("web console listening", "addr", cfg.Addr)
	if cfg.AdminAddr != "" {
		am := http.NewServeMux()
		am.Handle("GET /metrics", telemetry.MetricsHandler("web"))
		admin := cfg.HTTP.Server(am)
		admin.Addr = cfg.AdminAddr
		go func() { errc <- admin.ListenAndServe() }()
		defer admin.Close() // scrapes need no graceful end
		log.Info("admin listening", "addr", cfg.AdminAddr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Out of the load balancer first, then stop accepting.
	draining.Store(true)
	log.Info("stopping", "delay", cfg.ShutdownDelay)
	select {
	case <-time.After(cfg.ShutdownDelay):
	case err := <-errc:
		return err
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pagesAndMetrics counts and times every page by its route (the console's
// RED metrics), fails /readyz once draining and, when withMetrics, serves
// /metrics beside the pages.
func pagesAndMetrics(pages http.Handler, withMetrics bool, draining *atomic.Bool) http.Handler {
	mux := http.NewServeMux()
	if withMetrics {
		mux.Handle("GET /metrics", telemetry.MetricsHandler("web"))
	}
	mux.Handle("/", pages)
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if draining.Load() {
			http.Error(w, "stopping", http.StatusServiceUnavailable)
			return
		}
		pages.ServeHTTP(w, r)
	})
	return telemetry.RouteMetrics(mux, "web")
}

// serviceTokens hands the console's own tokens to pkg/client.
type serviceTokens struct{ s *servicetoken.Source }

func (t serviceTokens) AccessToken(ctx context.Context) (string, error) { return t.s.Token(ctx) }

// upstreamName names the service a console call goes to by its host, so
// the label set stays the five services.
func upstreamName(urls client.Endpoints) func(*http.Request) string {
	names := map[string]string{}
	for i, name := range []string{"identity", "documents", "tasks", "notifications", "exchange"} {
		if u, err := url.Parse(urls[client.Service(i)]); err == nil {
			names[u.Host] = name
		}
	}
	return func(r *http.Request) string {
		if n, ok := names[r.URL.Host]; ok {
			return n
		}
		return "other"
	}
}
