package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/seed"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

func runSeed(ctx context.Context, a *App, args []string) error {
	f := a.flags("seed")
	username := f.String("username", "admin", "administrator's username")
	passwordFile := f.String("password-file", "", "file holding the administrator's password (default: EOFFICE_BOOTSTRAP_ADMIN_PASSWORD)")
	quiet := f.Bool("quiet", false, "no progress counter")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	password, err := adminPassword(a, *passwordFile)
	if err != nil {
		return err
	}
	file, err := seed.Load(pos[0])
	if err != nil {
		return err
	}
	urls := a.endpoints()
	tok, err := identityapi.PasswordGrant(ctx, a.HTTP, urls[client.Identity], *username, password)
	if err != nil {
		return err
	}
	c := &seed.Client{BaseURL: urls[client.Identity], HTTP: a.HTTP, Token: tok.AccessToken}
	progress := func(done, total int) {
		if !*quiet {
			fmt.Fprint(a.Stderr, "\r"+a.trf("seeding %d/%d", done, total))
		}
	}
	res, err := seed.Run(ctx, c, file, progress)
	if !*quiet {
		fmt.Fprintln(a.Stderr)
	}
	if *f.json {
		if jerr := printJSON(a.Stdout, map[string]any{"units": counts(res.Units), "users": counts(res.Users), "inactive": res.Inactive}); jerr != nil {
			return jerr
		}
		return err
	}
	fmt.Fprintln(a.Stdout, a.trf("units: %d created, %d updated, %d unchanged", res.Units.Created, res.Units.Updated, res.Units.Unchanged))
	fmt.Fprintln(a.Stdout, a.trf("users: %d created, %d updated, %d unchanged", res.Users.Created, res.Users.Updated, res.Users.Unchanged))
	if len(res.Inactive) > 0 {
		fmt.Fprintln(a.Stdout, a.trf("deactivated users left as they are: %s", strings.Join(res.Inactive, ", ")))
	}
	return err
}

func counts(c seed.Counts) map[string]int {
	return map[string]int{"created": c.Created, "updated": c.Updated, "unchanged": c.Unchanged}
}

// adminPassword reads the password from path, else from
// EOFFICE_BOOTSTRAP_ADMIN_PASSWORD, else from the stack's generated
// <data>/admin-password.
func adminPassword(a *App, path string) (string, error) {
	if path == "" {
		if p := a.Getenv("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD"); p != "" {
			return p, nil
		}
		dir := a.Getenv("EOFFICE_DATA_DIR")
		if dir == "" {
			dir = "data"
		}
		path = dir + "/admin-password"
		if _, err := os.Stat(path); err != nil {
			return "", a.errf("no administrator password: give --password-file, set EOFFICE_BOOTSTRAP_ADMIN_PASSWORD, or run where data/admin-password is")
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(raw), "\r\n"), nil
}
