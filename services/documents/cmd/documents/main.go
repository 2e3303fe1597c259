// Command documents runs the documents service: drafts, approval, numbering
// and issue of outgoing documents, and their receipts.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/services/documents/documentsrun"

	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("documents", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := documentsrun.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "documents:", err)
		os.Exit(1)
	}
}
