// Command web serves the web console for officials on EOFFICE_WEB_ADDR
// (default 127.0.0.1:8080). It calls the four services' public APIs at
// EOFFICE_<SERVICE>_URL or _ADDR; identity keeps its sessions.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/services/web/webrun"

	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("web", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := webrun.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
}
