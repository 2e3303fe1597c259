// Command exchange runs the exchange service: the directory of
// organisations outside the deployment, edXML packages in (kept, validated,
// turned into events for documents) and out (built for issued documents
// and handed to the transport), the status messages both ways, and the API.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/services/exchange/exchangerun"

	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("exchange", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "exchange:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error { return exchangerun.Run(ctx) }
