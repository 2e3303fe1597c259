package svc

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"strings"
	"time"
)

// servePprof serves net/http/pprof on its own debug address, never beside
// the API: EOFFICE_<SERVICE>_PPROF_ADDR, else EOFFICE_PPROF_ADDR. With
// neither set nothing listens. A port of 0 picks a free one; the address
// is logged ("pprof listening") so a bench can find it.
func (rt *Runtime) servePprof(ctx context.Context) {
	ServePprof(ctx, rt.Config.Service, rt.Logger)
}

// ServePprof serves net/http/pprof for the named process (a service, or
// "broker") as servePprof says, until ctx ends.
func ServePprof(ctx context.Context, name string, log *slog.Logger) {
	addr := os.Getenv("EOFFICE_" + strings.ToUpper(name) + "_PPROF_ADDR")
	if addr == "" {
		addr = os.Getenv("EOFFICE_PPROF_ADDR")
	}
	if addr == "" {
		return
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Warn("pprof not served", "addr", addr, "error", err.Error())
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	// No write timeout: a CPU profile streams for as long as it was asked.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	log.Info("pprof listening", "addr", ln.Addr().String())
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Warn("pprof stopped", "error", err.Error())
		}
	}()
	go func() { <-ctx.Done(); _ = srv.Close() }()
}
