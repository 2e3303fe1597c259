package stack

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/seed"
)

// SeedDemo loads the demo organisation of c.DemoSeed (units and people; no
// documents) as the administrator, so that a newcomer can log in to the web
// console as one of its people at once. Seeding is idempotent: a restart
// changes nothing, and people an administrator deactivated stay so.
func SeedDemo(ctx context.Context, c Config) error {
	f, err := seed.Load(c.DemoSeed)
	if err != nil {
		return err
	}
	password := os.Getenv("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD")
	if password == "" {
		raw, err := os.ReadFile(filepath.Join(c.DataDir, "admin-password"))
		if err != nil {
			return fmt.Errorf("administrator's password: %w", err)
		}
		password = strings.TrimSpace(string(raw))
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cl := &seed.Client{BaseURL: "http://" + c.Addrs["identity"], HTTP: &http.Client{Timeout: 30 * time.Second}}
	if err := cl.Login(ctx, "admin", password); err != nil {
		return err
	}
	res, err := seed.Run(ctx, cl, f, nil)
	if err != nil {
		return err
	}
	w := c.Out
	fmt.Fprintf(w, "  demo people    %d units and %d people of %s (%d new); for example:\n",
		len(f.Units), len(f.Users), c.DemoSeed, res.Units.Created+res.Users.Created)
	unitName := map[string]string{}
	for _, u := range f.Units {
		unitName[u.Key] = u.Name
	}
	shown := map[string]bool{}
	for _, u := range f.Users {
		// One person of each role: enough to carry a directive through.
		role := strings.Join(u.Roles, ",")
		if shown[role] || u.Password == "" {
			continue
		}
		shown[role] = true
		fmt.Fprintf(w, "                 %-12s password %-14s %s, %s\n", u.Username, u.Password, u.Title, unitName[u.Unit])
	}
	return nil
}
