// Command identity runs the identity service: units, users, access tokens
// and the keys that verify them.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/services/identity/identityrun"

	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("identity", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "identity:", err)
		os.Exit(1)
	}
}

// usage is printed for an unknown subcommand.
const usage = `usage: identity              run the service
       identity rotate-keys  replace the signing key now (on the service's database)`

func run(ctx context.Context) error {
	args := os.Args[1:]
	if len(args) > 1 || (len(args) == 1 && args[0] != "rotate-keys") {
		return errors.New(usage)
	}
	if len(args) == 1 {
		return identityrun.RotateKeys(ctx)
	}
	return identityrun.Run(ctx)
}
