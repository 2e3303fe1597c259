// Command eoffice-stack runs the whole system on one machine (see
// scripts/up.sh): the embedded broker, the local exchange hub and the
// services, from binaries beside it or in EOFFICE_BIN_DIR: all in one
// process, eoffice-one, which it runs as its only child; with
// EOFFICE_STACK_PROCESSES=many, each in a process of its own.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-stack/stack"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

func main() {
	version.Handle("eoffice-stack", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	binDir := envconf.Env("EOFFICE_BIN_DIR", filepath.Dir(self))
	cfg, err := stack.ConfigFromEnv(binDir, os.Stdout)
	if err != nil {
		return err
	}
	return stack.Run(ctx, cfg)
}
