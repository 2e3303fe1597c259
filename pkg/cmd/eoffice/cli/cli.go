// Package cli is the eoffice command-line client: it parses the command
// line, calls the services through pkg/client and prints tables for people
// or JSON (--json) for scripts. Refusals print the server's problem detail,
// never a stack trace.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// App is one invocation's surroundings, so that tests can replace them.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	HTTP           *http.Client
	lang           string // "vi" (default) or "en"
}

// usageError is a mistake on the command line: exit status 2 and the
// command's usage. It keeps its format so that Main can say it in the
// session's language; raw is a text already said (the flag package's).
type usageError struct {
	format string
	args   []any
	raw    bool
}

func (e usageError) Error() string {
	if e.raw {
		return e.format
	}
	return fmt.Sprintf(e.format, e.args...)
}

func usagef(format string, args ...any) error { return usageError{format: format, args: args} }

// say is a usage error in a's language.
func (a *App) say(e usageError) string {
	if e.raw {
		return a.trFlagError(e.format)
	}
	return a.trf(e.format, e.args...)
}

type command struct {
	name, args, help string
	run              func(ctx context.Context, a *App, args []string) error
}

func commands() []command {
	return []command{
		{"login", "[--username U] [--password-stdin]", "sign in and keep the session in the config folder", runLogin},
		{"logout", "", "forget the session", runLogout},
		{"me", "", "who the session is", runMe},
		{"seed", "[--username admin] [--password-file F] FILE", "load units and people from FILE (idempotent)", runSeed},
		{"docs", "create|submit|approve|reject|issue|register|refuse|register-paper|show|list|report ...", "documents", runDocs},
		{"exchange", "import|packages|get|orgs ...", "edXML packages with organisations outside, and their directory", runExchange},
		{"tasks", "list|show|accept|report|review|delegate ...", "tasks", runTasks},
		{"calendar", "show|set|reset [--year Y] [--agency A] [FILE]", "the agency's holidays and swapped working days of a year", runCalendar},
		{"plan", "progress PLAN_ID", "a plan's items and the four follow-up classes", runPlan},
		{"stats", "units|documents|tasks [--from D] [--to D]", "per-unit scoreboard; documents received and sent, handling times; tasks' processing times per unit or person", runStats},
		{"registers", "outgoing|incoming [--year Y] [--format xlsx|pdf -o FILE]", "the agency's register of a year (sổ văn bản)", runRegisters},
		{"events", "tail [--topic T] [--group G] [--latest] | asyncapi | dlq list|show|replay|drop", "print events as they are published; the AsyncAPI contract", runEvents},
		{"demo", "[FILE]", "play the PAPI story against a running stack", runDemo},
	}
}

// Main runs one command line and returns the process's exit status.
func Main(ctx context.Context, a *App, args []string) int {
	if a.Getenv == nil {
		a.Getenv = os.Getenv
	}
	if a.HTTP == nil {
		a.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	lang, args, err := takeLang(args, a.Getenv)
	a.lang = lang
	if err == nil {
		err = a.dispatch(ctx, args)
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(a.Stderr, "eoffice:", a.say(ue))
		return 2
	case errors.Is(err, ErrNotLoggedIn):
		fmt.Fprintln(a.Stderr, "eoffice:", a.tr(ErrNotLoggedIn.Error()))
		return 1
	default:
		fmt.Fprintln(a.Stderr, "eoffice:", err)
		return 1
	}
}

func (a *App) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		a.usage()
		if len(args) == 0 {
			return usagef("no command")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, a, args[1:])
		}
	}
	return usagef("unknown command %q (eoffice help lists them)", args[0])
}

func (a *App) usage() {
	fmt.Fprintln(a.Stderr, a.tr("usage: eoffice COMMAND [flags] [args]\n\ncommands:"))
	for _, c := range commands() {
		// Padded by characters, not bytes (the Vietnamese placeholders);
		// a synopsis too long for its column puts the help on a line of
		// its own.
		args := a.tr(c.args)
		if n := utf8.RuneCountInString(args); n <= 50 {
			args += strings.Repeat(" ", 50-n)
		} else {
			args += "\n" + strings.Repeat(" ", 2+9+1+50)
		}
		fmt.Fprintf(a.Stderr, "  %-9s %s %s\n", c.name, args, a.tr(c.help))
	}
	fmt.Fprintln(a.Stderr, "\n"+a.tr("Every command takes --json. Services: EOFFICE_<SERVICE>_URL or EOFFICE_<SERVICE>_ADDR (default 127.0.0.1:8081..8085).")+
		"\n"+a.tr("Language: --lang vi (default) or --lang en, or EOFFICE_LANG."))
}

// flags is a command's flag set with the flags every command has.
type flags struct {
	*flag.FlagSet
	json *bool
}

func (a *App) flags(name string) flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own messages are English: Main says them instead,
	// and the usage is printed in the session's language.
	fs.SetOutput(io.Discard)
	fs.Usage = a.flagUsage(fs)
	return flags{FlagSet: fs, json: fs.Bool("json", false, "print JSON for scripts")}
}

// parse parses args, allowing flags after the positional arguments too
// ("tasks accept ID --json"), and checks the number of positionals.
func (f flags) parse(args []string, min, max int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{format: err.Error(), raw: true}
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		return nil, usagef("%s: wrong number of arguments (%d)", f.Name(), len(pos))
	}
	return pos, nil
}

// endpoints are the services' URLs from the environment.
func (a *App) endpoints() client.Endpoints {
	return client.EndpointsFromEnvFunc(a.Getenv)
}

// client is a client on the saved session; a refreshed token is saved
// again.
func (a *App) client() (*apis.Clients, error) {
	path, err := a.credentialsPath()
	if err != nil {
		return nil, err
	}
	tok, err := LoadCredentials(path)
	if err != nil {
		return nil, err
	}
	urls := a.endpoints()
	if a.Getenv("EOFFICE_IDENTITY_URL") == "" && a.Getenv("EOFFICE_IDENTITY_ADDR") == "" && tok.IdentityURL != "" {
		urls[client.Identity] = tok.IdentityURL
	}
	s := identityapi.NewSession(a.HTTP, tok)
	s.Saved = func(t identityapi.Token) error { return SaveCredentials(path, t) }
	c := apis.For(urls, s)
	c.HTTP = a.HTTP
	return c, nil
}

// credentialsPath is EOFFICE_CREDENTIALS or the user's config folder's
// eoffice/credentials.json.
func (a *App) credentialsPath() (string, error) {
	if v := a.Getenv("EOFFICE_CREDENTIALS"); v != "" {
		return v, nil
	}
	return CredentialsPath()
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
