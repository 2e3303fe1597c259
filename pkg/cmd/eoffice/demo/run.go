package demo

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/seed"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Config says where the stack is and who administers it.
type Config struct {
	URLs          client.Endpoints
	HTTP          *http.Client
	AdminUsername string
	AdminPassword string
	// Now is the clock the year shift is taken from (default time.Now).
	Now func() time.Time
	// Log receives one line per step (nil: silent).
	Log io.Writer
	// Progress, when set, is told how far the seeding is (it may take a
	// while on a large file).
	Progress seed.Progress
	// Wait bounds each wait for an event to travel between services.
	Wait time.Duration
}

// Result is what a run produced.
type Result struct {
	Years                        int // how far the story's dates moved
	Directive, Plan, Report      documentsapi.Document
	PlanTasks, Accepted, Reports int
	Reviewed                     int
	Progress                     tasksapi.PlanProgress
	Units                        *identityapi.UnitDirectory
	InIssuerBox                  bool // the report is in the directive issuer's incoming box
	DirectiveTaskCompleted       bool // the issuer accepted the reply as the final report on the directive's task
	Seeded                       seed.Result
	// Digests is how many leaders got this week's digest of their units'
	// overdue tasks and those due this week (an e-mail each; none for a
	// leader with nothing to list, or who had it this week already).
	Digests int
}

// player is one run: the scenario, the server ids of its units and a
// signed-in client per person, made when first needed.
type player struct {
	cfg      Config
	sc       Scenario
	years    int
	unitIDs  map[string]string
	clients  map[string]*apis.Clients
	admin    *apis.Clients
	password map[string]string
	log      func(format string, args ...any)
}

// Run plays the scenario; it stops at the first refusal, with the
// server's problem as the error.
func Run(ctx context.Context, cfg Config, sc Scenario) (Result, error) {
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Wait == 0 {
		cfg.Wait = 60 * time.Second
	}
	if cfg.AdminUsername == "" {
		cfg.AdminUsername = "admin"
	}
	p := &player{cfg: cfg, sc: sc, clients: map[string]*apis.Clients{}, password: map[string]string{}}
	p.log = func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", args...)
		}
	}
	for _, u := range sc.Users {
		p.password[u.Username] = u.Password
	}
	p.years = sc.YearsToNow(cfg.Now())
	res := Result{Years: p.years}
	steps := []struct {
		name string
		run  func(context.Context, *Result) error
	}{
		{"seed units and people", p.seed},
		{"issue the directive", p.issueDirective},
		{"issue the plan", p.issuePlan},
		{"accept the tasks", p.acceptTasks},
		{"send and review the reports", p.sendReports},
		{"issue the consolidated report", p.issueReport},
		{"follow the report to the directive's issuer", p.followReport},
		{"send this week's digests", p.sendDigests},
	}
	for _, s := range steps {
		if err := s.run(ctx, &res); err != nil {
			return res, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return res, nil
}

// as is a client signed in as a person of the file.
func (p *player) as(ctx context.Context, username string) (*apis.Clients, error) {
	if c, ok := p.clients[username]; ok {
		return c, nil
	}
	tok, err := identityapi.PasswordGrant(ctx, p.cfg.HTTP, p.cfg.URLs[client.Identity], username, p.password[username])
	if err != nil {
		return nil, err
	}
	c := apis.For(p.cfg.URLs, identityapi.NewSession(p.cfg.HTTP, tok))
	c.HTTP = p.cfg.HTTP
	p.clients[username] = c
	return c, nil
}

func (p *player) seed(ctx context.Context, res *Result) error {
	tok, err := identityapi.PasswordGrant(ctx, p.cfg.HTTP, p.cfg.URLs[client.Identity], p.cfg.AdminUsername, p.cfg.AdminPassword)
	if err != nil {
		return err
	}
	sc := &seed.Client{BaseURL: p.cfg.URLs[client.Identity], HTTP: p.cfg.HTTP, Token: tok.AccessToken}
	r, err := seed.Run(ctx, sc, p.sc.File, p.cfg.Progress)
	res.Seeded = r
	if err != nil {
		return err
	}
	p.unitIDs = r.UnitIDs
	p.log("seeded %d units (%d new) and %d people (%d new)", len(p.sc.Units), r.Units.Created, len(p.sc.Users), r.Users.Created)
	admin := apis.For(p.cfg.URLs, identityapi.NewSession(p.cfg.HTTP, tok))
	admin.HTTP = p.cfg.HTTP
	p.admin = admin
	units, err := admin.Identity.Units(ctx)
	if err != nil {
		return err
	}
	res.Units = identityapi.NewUnitDirectory(units)
	return nil
}

// ids turns file keys into server ids.
func (p *player) ids(keys []string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, p.unitIDs[k])
	}
	return out
}

func (p *player) date(d string) string {
	out, err := ShiftYears(d, p.years)
	if err != nil {
		return d // Check has refused bad dates already
	}
	return out
}

// eventually polls fn (which says whether it is done) until the wait runs
// out; the services talk through the broker, so what one does reaches
// another a moment later.
func (p *player) eventually(ctx context.Context, what string, fn func() (bool, error)) error {
	deadline := time.Now().Add(p.cfg.Wait)
	delay := 20 * time.Millisecond
	for {
		done, err := fn()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: not within %s", what, p.cfg.Wait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 500*time.Millisecond)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// sendDigests has the administrator send this week's digests now rather
// than on Monday at 07:30, so the story shows the leaders' e-mail of their
// overdue tasks (the Monday run then sends nothing more this week).
func (p *player) sendDigests(ctx context.Context, res *Result) error {
	sent, err := p.admin.Tasks.SendWeeklyDigests(ctx)
	if err != nil {
		return err
	}
	res.Digests = sent.Sent
	p.log("weekly digests sent to %d leaders", sent.Sent)
	return nil
}
