// Package hubrun runs the local exchange hub (eoffice-hub's body), so that
// another program can run it in-process.
package hubrun

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub/config"
)

// Run serves the hub until ctx ends.
func Run(ctx context.Context) error {
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
