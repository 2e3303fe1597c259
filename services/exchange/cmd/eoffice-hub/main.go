// Command eoffice-hub runs the local exchange hub: the document exchange
// gateway's API (see package hub) on EOFFICE_HUB_ADDR, with its messages
// in EOFFICE_HUB_DB. Deployments whose exchange service points its vdxp
// transport at it exchange edXML packages with each other.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub/config"
)

func main() {
	version.Handle("eoffice-hub", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-hub:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil)).With("service", "hub")
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	st, err := hub.OpenStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	go hub.PurgeEvery(ctx, st, time.Hour, cfg.Retention, log)
	return hub.ListenAndServe(ctx, hub.Listen{Addr: cfg.Addr, AdminAddr: cfg.AdminAddr, Timeout: cfg.Transfer, ShutdownDelay: cfg.ShutdownDelay}, hub.New(st, log, 0).Handler(), log)
}
