// Command eoffice is the project's command-line client. For now it has one
// subcommand:
//
//	eoffice seed [--identity-url URL] [--username admin] [--password-file F] FILE
//
// which loads the units and users of FILE (shaped like
// shared/scenarios/papi-khanhhoa-2022.json) into identity through its
// public API; running it twice changes nothing the second time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/seed"
)

const usage = `usage: eoffice seed [flags] FILE

Loads units and users from FILE into identity as an administrator.
The administrator's password comes from --password-file or
EOFFICE_BOOTSTRAP_ADMIN_PASSWORD.`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "seed" {
		return errors.New(usage)
	}
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	identityURL := fs.String("identity-url", envOr("EOFFICE_IDENTITY_URL", "http://127.0.0.1:8081"), "identity's base URL (EOFFICE_IDENTITY_URL)")
	username := fs.String("username", "admin", "administrator's username")
	passwordFile := fs.String("password-file", "", "file holding the administrator's password (default: EOFFICE_BOOTSTRAP_ADMIN_PASSWORD)")
	quiet := fs.Bool("quiet", false, "no progress counter")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New(usage)
	}
	password, err := adminPassword(*passwordFile)
	if err != nil {
		return err
	}
	f, err := seed.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	c := &seed.Client{BaseURL: strings.TrimRight(*identityURL, "/"), HTTP: &http.Client{Timeout: 30 * time.Second}}
	if err := c.Login(ctx, *username, password); err != nil {
		return err
	}
	progress := func(done, total int) {
		if !*quiet {
			fmt.Fprintf(stderr, "\rseeding %d/%d", done, total)
		}
	}
	res, err := seed.Run(ctx, c, f, progress)
	if !*quiet {
		fmt.Fprintln(stderr)
	}
	fmt.Fprintf(stdout, "units: %d created, %d updated, %d unchanged\n", res.Units.Created, res.Units.Updated, res.Units.Unchanged)
	fmt.Fprintf(stdout, "users: %d created, %d updated, %d unchanged\n", res.Users.Created, res.Users.Updated, res.Users.Unchanged)
	if len(res.Inactive) > 0 {
		fmt.Fprintf(stdout, "deactivated users left as they are: %s\n", strings.Join(res.Inactive, ", "))
	}
	return err
}

// adminPassword reads the password from path, or from the environment.
func adminPassword(path string) (string, error) {
	if path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		return strings.TrimRight(string(raw), "\r\n"), nil
	}
	if p := os.Getenv("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD"); p != "" {
		return p, nil
	}
	return "", errors.New("no administrator password: give --password-file or set EOFFICE_BOOTSTRAP_ADMIN_PASSWORD")
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
