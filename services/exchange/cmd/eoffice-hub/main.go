// Command eoffice-hub runs the local exchange hub: the document exchange
// gateway's API (see package hub) on EOFFICE_HUB_ADDR, with its messages
// in EOFFICE_HUB_DB. Deployments whose exchange service points its vdxp
// transport at it exchange edXML packages with each other.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/services/exchange/hubrun"
)

func main() {
	version.Handle("eoffice-hub", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := hubrun.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-hub:", err)
		os.Exit(1)
	}
}
