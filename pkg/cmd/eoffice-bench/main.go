// Command eoffice-bench prints the figures of scripts/bench.sh, one
// key=value a line. EOFFICE_BENCH_QUICK=1 makes every measurement short.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	quick := os.Getenv("EOFFICE_BENCH_QUICK") == "1"
	scale := 1
	if !quick {
		scale = 5
	}
	dir, cleanup, err := bench.TempDir()
	if err != nil {
		return err
	}
	defer cleanup()
	brokerRate, err := bench.RawBroker(ctx, dir, 20000*scale)
	if err != nil {
		return fmt.Errorf("raw broker: %w", err)
	}
	storeRate, err := bench.RawStore(ctx, dir, 4000*scale, 8)
	if err != nil {
		return fmt.Errorf("raw store: %w", err)
	}
	fmt.Printf("raw_broker_roundtrip_per_s=%.0f\n", brokerRate)
	fmt.Printf("raw_store_tx_per_s=%.0f\n", storeRate)
	return nil
}
