// Command eoffice is the project's command-line client for officials,
// administrators and integrators: login, seed, docs, tasks, plan, stats,
// events tail and the demo. `eoffice help` lists the commands; the work is
// done in pkg/cmd/eoffice/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/cli"
)

func main() {
	version.Handle("eoffice", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, &cli.App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}
