// Command web serves the web console for officials on EOFFICE_WEB_ADDR
// (default 127.0.0.1:8080). It calls the four services' public APIs at
// EOFFICE_<SERVICE>_URL or _ADDR and keeps only sessions, in memory.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/services/web/internal/console"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil)).With("service", "web")
	addr := svc.Env("EOFFICE_WEB_ADDR", fmt.Sprintf("127.0.0.1:%d", svc.DefaultPorts["web"]))
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return fmt.Errorf("EOFFICE_WEB_ADDR %q: %w", addr, err)
	}
	idle, err := time.ParseDuration(svc.Env("EOFFICE_WEB_SESSION_IDLE", "8h"))
	if err != nil {
		return fmt.Errorf("EOFFICE_WEB_SESSION_IDLE: %w", err)
	}
	// The documents service's upload limit, read from the same variable so
	// that the console shows and enforces what the service allows.
	maxAttachment, err := strconv.ParseInt(svc.Env("EOFFICE_MAX_ATTACHMENT_BYTES", strconv.Itoa(console.DefaultMaxAttachment)), 10, 64)
	if err != nil || maxAttachment <= 0 {
		return fmt.Errorf("EOFFICE_MAX_ATTACHMENT_BYTES: want a positive number of bytes")
	}
	// A proxy in front (TLS, on the same machine by default) names the
	// client; the console passes it on to identity's login throttling.
	proxies, err := httpx.ParseTrustedProxies("EOFFICE_WEB_TRUSTED_PROXIES", os.Getenv("EOFFICE_WEB_TRUSTED_PROXIES"))
	if err != nil {
		return err
	}
	timeouts, err := svc.LoadHTTPTimeouts()
	if err != nil {
		return err
	}
	hc := &http.Client{Timeout: 15 * time.Second}
	store := session.NewStore(hc, idle)
	srv, err := console.New(console.Config{
		URLs: client.EndpointsFromEnv(), HTTP: hc, Log: log, MaxAttachment: maxAttachment, TrustedProxies: proxies,
		TransferTimeout: timeouts.Transfer,
		SecureCookies:   strings.HasPrefix(os.Getenv("EOFFICE_WEB_URL"), "https://"),
	}, store)
	if err != nil {
		return err
	}
	hs := timeouts.Server(srv.Handler())
	hs.Addr = addr
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	log.Info("web console listening", "addr", addr)
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
