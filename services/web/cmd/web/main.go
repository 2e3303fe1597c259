// Command web serves the web console for officials on EOFFICE_WEB_ADDR
// (default 127.0.0.1:8080). It calls the four services' public APIs at
// EOFFICE_<SERVICE>_URL or _ADDR and keeps only sessions, in memory.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/services/web/internal/config"
	"github.com/eoffice-vn/eoffice/services/web/internal/console"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

func main() {
	version.Handle("web", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil)).With("service", "web")
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	hc := &http.Client{Timeout: 15 * time.Second}
	store := session.NewStore(hc, cfg.SessionIdle)
	srv, err := console.New(console.Config{
		URLs: cfg.URLs, HTTP: hc, Log: log, MaxAttachment: cfg.MaxAttachment, TrustedProxies: cfg.TrustedProxies,
		TransferTimeout: cfg.HTTP.Transfer, SecureCookies: cfg.SecureCookies,
	}, store)
	if err != nil {
		return err
	}
	hs := cfg.HTTP.Server(srv.Handler())
	hs.Addr = cfg.Addr
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	log.Info("web console listening", "addr", cfg.Addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
