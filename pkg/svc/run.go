package svc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
)

// Worker is a background loop of a service (a scheduler, a mail sender). It
// returns when ctx ends.
type Worker func(ctx context.Context) error

// Run serves api (with /healthz, /readyz, /metrics and /openapi.json, its
// servers the configured PublicURL, beside it; /metrics on its own listener when AdminAddr is set), the outbox
// relay, the consumers and workers until ctx ends or one of them fails.
// Then it stops in order: /readyz fails for ShutdownDelay while requests
// are still served (load balancers stop sending new ones), HTTP stops
// (in-flight requests finish), then the relay drains and consumers commit,
// all within ShutdownTimeout after the delay.
func (rt *Runtime) Run(ctx context.Context, api http.Handler, openapi []byte, workers ...Worker) error {
	defer rt.close()
	ctx = telemetry.WithService(ctx, rt.Config.Service) // the relay's, consumers' and workers' spans
	openapi, err := apidoc.WithServer(openapi, rt.Config.PublicURL)
	if err != nil {
		return fmt.Errorf("%s: %w", rt.Config.Service, err)
	}
	srv, admin := rt.servers(api, openapi)
	ln, err := net.Listen("tcp", rt.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", rt.Config.Addr, err)
	}
	var adminLn net.Listener
	if admin != nil {
		if adminLn, err = net.Listen("tcp", rt.Config.AdminAddr); err != nil {
			ln.Close()
			return fmt.Errorf("listen %s: %w", rt.Config.AdminAddr, err)
		}
		rt.Logger.Info("admin listening", "addr", adminLn.Addr().String())
	}
	rt.Logger.Info("listening", "addr", ln.Addr().String())
	rt.servePprof(ctx) // only when EOFFICE_PPROF_ADDR is set (pprof.go)

	// Background work outlives ctx so that it can drain after HTTP stops.
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	all := append([]Worker{rt.Outbox.Run}, workers...)
	for _, c := range rt.consumers {
		all = append(all, c.Run)
	}
	failed := make(chan error, len(all)+2)
	var wg sync.WaitGroup
	for _, w := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w(workCtx); err != nil && !errors.Is(err, context.Canceled) {
				failed <- err
			}
		}()
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			failed <- fmt.Errorf("http: %w", err)
		}
	}()
	if admin != nil {
		go func() {
			if err := admin.Serve(adminLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				failed <- fmt.Errorf("admin http: %w", err)
			}
		}()
		defer admin.Close() // scrapes need no graceful end
	}

	var runErr error
	select {
	case <-ctx.Done():
		rt.draining.Store(true)
		rt.Logger.Info("stopping", "delay", rt.Config.ShutdownDelay)
		if rt.Config.ShutdownDelay > 0 {
			select {
			case <-time.After(rt.Config.ShutdownDelay):
			case runErr = <-failed:
				rt.Logger.Error("component failed; stopping", "error", runErr)
			}
		}
	case runErr = <-failed:
		rt.Logger.Error("component failed; stopping", "error", runErr)
	}
	deadline, cancel := context.WithTimeout(context.Background(), rt.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(deadline); err != nil {
		rt.Logger.Warn("http shutdown", "error", err)
	}
	stopWork()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		rt.Logger.Info("stopped")
	case <-deadline.Done():
		rt.Logger.Warn("workers did not stop within the shutdown timeout")
	}
	return runErr
}

// servers builds the API server and, when AdminAddr is set, the admin
// server that alone serves /metrics; both with the configured timeouts.
func (rt *Runtime) servers(api http.Handler, openapi []byte) (public, admin *http.Server) {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", httpx.Healthz())
	mux.Handle("GET /readyz", httpx.Readyz(
		httpx.Check{Name: "serving", Fn: rt.serving},
		httpx.Check{Name: "database", Fn: rt.DB.Ping},
		httpx.Check{Name: "broker", Fn: rt.pingBroker},
	))
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openapi)
	})
	mux.Handle("/", rt.requireToken(httpx.AllowTransfers(api, rt.Config.HTTP.Transfer)))
	if rt.Config.AdminAddr == "" {
		mux.Handle("GET /metrics", telemetry.MetricsHandler(rt.Config.Service))
	} else {
		mux.Handle("GET /metrics", httpx.NotFoundHandler()) // a 404, not the API's 401
		am := http.NewServeMux()
		am.Handle("GET /metrics", telemetry.MetricsHandler(rt.Config.Service))
		am.Handle("/", httpx.NotFoundHandler())
		admin = rt.Config.HTTP.Server(am)
	}
	return rt.Config.HTTP.Server(telemetry.HTTPHandler(mux, rt.Config.Service)), admin
}

// serving fails once the service is stopping (Run's ShutdownDelay).
func (rt *Runtime) serving(context.Context) error {
	if rt.draining.Load() {
		return errors.New("stopping")
	}
	return nil
}

func (rt *Runtime) pingBroker(ctx context.Context) error {
	var errs []error
	for _, b := range rt.Config.Brokers {
		// With the service's own credentials: a broker that refuses them
		// makes the service not ready, as it could publish nothing.
		conn, err := rt.Config.Kafka.Dialer().DialContext(ctx, "tcp", b)
		if err == nil {
			conn.Close()
			return nil
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (rt *Runtime) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if rt.shutdownTelemetry != nil {
		_ = rt.shutdownTelemetry(ctx)
	}
	rt.DB.Close()
}
