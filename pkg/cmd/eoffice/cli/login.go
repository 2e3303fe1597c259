package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

func runLogin(ctx context.Context, a *App, args []string) error {
	f := a.flags("login")
	username := f.String("username", "", "who signs in (asked when not given)")
	passwordStdin := f.Bool("password-stdin", false, "read the password from standard input (for scripts)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	in := bufio.NewReader(a.Stdin)
	if *username == "" {
		fmt.Fprint(a.Stderr, a.tr("username: "))
		line, err := in.ReadString('\n')
		if err != nil && line == "" {
			return a.errf("no username")
		}
		*username = strings.TrimSpace(line)
	}
	password := a.Getenv("EOFFICE_PASSWORD")
	if password == "" {
		var err error
		if password, err = readPassword(a, in, !*passwordStdin); err != nil {
			return err
		}
	}
	path, err := a.credentialsPath()
	if err != nil {
		return err
	}
	urls := a.endpoints()
	tok, err := identityapi.PasswordGrant(ctx, a.HTTP, urls[client.Identity], *username, password)
	if err != nil {
		return err
	}
	if err := SaveCredentials(path, tok); err != nil {
		return a.errf("keep the session: %w", err)
	}
	if *f.json {
		return printJSON(a.Stdout, map[string]any{"username": tok.Username, "identity_url": tok.IdentityURL, "expires_at": tok.ExpiresAt, "credentials": path})
	}
	fmt.Fprintln(a.Stdout, a.trf("logged in as %s; session kept in %s", tok.Username, path))
	return nil
}

// readPassword reads one line; on a terminal it asks with echo off.
func readPassword(a *App, in *bufio.Reader, prompt bool) (string, error) {
	tty := false
	if f, ok := a.Stdin.(*os.File); ok && prompt {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	if tty {
		fmt.Fprint(a.Stderr, a.tr("password: "))
		if echo(a.Stdin, false) == nil {
			defer func() { _ = echo(a.Stdin, true); fmt.Fprintln(a.Stderr) }()
		}
	}
	line, err := in.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", a.errf("no password")
	}
	return line, nil
}

// echo turns the terminal's echo on or off with stty (no terminal package
// is needed for one prompt).
func echo(stdin io.Reader, on bool) error {
	arg := "-echo"
	if on {
		arg = "echo"
	}
	cmd := exec.Command("stty", arg)
	cmd.Stdin = stdin.(*os.File)
	return cmd.Run()
}

func runLogout(_ context.Context, a *App, args []string) error {
	f := a.flags("logout")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	path, err := a.credentialsPath()
	if err != nil {
		return err
	}
	if err := RemoveCredentials(path); err != nil {
		return err
	}
	if !*f.json {
		fmt.Fprintln(a.Stdout, a.tr("logged out"))
	}
	return nil
}

func runMe(ctx context.Context, a *App, args []string) error {
	f := a.flags("me")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Identity, "GET", "/v1/me", nil, &raw); err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, raw.msg())
	}
	var me identityapi.User
	if err := raw.decode(&me); err != nil {
		return err
	}
	unit := string(me.UnitID)
	if unit != "" {
		var u identityapi.Unit
		if err := c.Do(ctx, client.Identity, "GET", "/v1/units/"+unit, nil, &u); err == nil {
			unit = u.Name + " (" + u.ShortName + ")"
		}
	}
	roles := make([]string, 0, len(me.Roles))
	for _, r := range me.Roles {
		roles = append(roles, a.word(wording.UserRole(r)))
	}
	return fields(a.Stdout, a.kv("username", me.Username, "name", me.FullName, "title", me.Title, "unit", unit, "roles", strings.Join(roles, ", "))...)
}
