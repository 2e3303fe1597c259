// Command eoffice-broker runs the embedded, durable Kafka-protocol broker of
// the one-machine stack, with every eoffice topic created at start.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-broker/brokerrun"
	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("eoffice-broker", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := brokerrun.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-broker:", err)
		os.Exit(1)
	}
}
