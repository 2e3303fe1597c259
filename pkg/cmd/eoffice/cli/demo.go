package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/demo"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// DefaultScenario is the demo's data, relative to the project's root.
const DefaultScenario = "scripts/demo/papi-khanhhoa-2022.json"

func runDemo(ctx context.Context, a *App, args []string) error {
	f := a.flags("demo")
	username := f.String("username", "admin", "administrator's username")
	passwordFile := f.String("password-file", "", "file holding the administrator's password (default: EOFFICE_BOOTSTRAP_ADMIN_PASSWORD, else $EOFFICE_DATA_DIR/admin-password)")
	quiet := f.Bool("quiet", false, "no step lines")
	wait := f.Duration("wait", time.Minute, "how long to wait for each event to travel between services")
	pos, err := f.parse(args, 0, 1)
	if err != nil {
		return err
	}
	path := DefaultScenario
	if len(pos) == 1 {
		path = pos[0]
	}
	sc, err := demo.Load(path)
	if err != nil {
		return err
	}
	password, err := adminPassword(a, *passwordFile)
	if err != nil {
		return err
	}
	var log io.Writer = a.Stderr
	if *quiet || *f.json {
		log = nil
	}
	if log != nil {
		fmt.Fprintln(log, a.trf("playing %q", sc.Name))
	}
	cfg := demo.Config{URLs: a.endpoints(), HTTP: a.HTTP, AdminUsername: *username, AdminPassword: password, Log: stepLog{log}, Wait: *wait}
	if log != nil {
		cfg.Progress = func(done, total int) {
			fmt.Fprint(a.Stderr, "\r"+a.trf("seeding %d/%d", done, total))
			if done == total {
				fmt.Fprint(a.Stderr, "\r")
			}
		}
	}
	res, err := demo.Run(ctx, cfg, sc)
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, demoJSON(res))
	}
	return a.printDemo(a.Stdout, res)
}

// stepLog numbers the demo's steps as a progress counter.
type stepLog struct{ w io.Writer }

func (s stepLog) Write(p []byte) (int, error) {
	if s.w == nil {
		return len(p), nil
	}
	return fmt.Fprintf(s.w, "%s ✓ %s", time.Now().Format("15:04:05"), p)
}

func (a *App) printDemo(w io.Writer, res demo.Result) error {
	fmt.Fprintln(w)
	if err := table(w, a.header("DOCUMENT", "NOTATION", "ISSUER", "ID"), [][]string{
		{a.kind("directive"), res.Directive.Notation, res.Units.Label(res.Directive.IssuerUnitID), res.Directive.ID},
		{a.kind("plan"), res.Plan.Notation, res.Units.Label(res.Plan.IssuerUnitID), res.Plan.ID},
		{a.tr("consolidated report"), res.Report.Notation, res.Units.Label(res.Report.IssuerUnitID), res.Report.ID},
	}); err != nil {
		return err
	}
	fmt.Fprint(w, "\n"+a.trf("%d tasks from the plan, %d accepted, %d reports sent and reviewed; dates moved %d years.",
		res.PlanTasks, res.Accepted, res.Reports, res.Years)+"\n\n")
	if err := a.progressTable(w, res.Progress, res.Units); err != nil {
		return err
	}
	box := "The report %s is NOT in the incoming box of %s."
	if res.InIssuerBox {
		box = "The report %s is in the incoming box of %s."
	}
	fmt.Fprint(w, "\n"+a.trf(box, res.Report.Notation, res.Units.Label(res.Directive.IssuerUnitID))+"\n")
	fmt.Fprintln(w, a.trf("This week's digest went to %d leaders (e-mails in the notifications' mail folder, e.g. data/mail/*.eml).", res.Digests))
	fmt.Fprintf(w, "\n"+a.tr("Look around as one of the people (passwords are in the scenario file):")+"\n"+
		"  eoffice login --username gd.stttt\n  eoffice plan progress %s\n  eoffice tasks list --box outbox --source %s\n", res.Plan.Notation, res.Plan.Notation)
	return nil
}

func demoJSON(res demo.Result) map[string]any {
	doc := func(d documentsapi.Document) map[string]any {
		return map[string]any{"id": d.ID, "notation": d.Notation, "status": d.Status, "issuer_unit_id": d.IssuerUnitID}
	}
	return map[string]any{
		"years_moved": res.Years, "directive": doc(res.Directive), "plan": doc(res.Plan), "report": doc(res.Report),
		"plan_tasks": res.PlanTasks, "accepted": res.Accepted, "reports": res.Reports, "reviewed": res.Reviewed,
		"seeded":   map[string]any{"units": counts(res.Seeded.Units), "users": counts(res.Seeded.Users)},
		"progress": res.Progress, "report_in_issuer_box": res.InIssuerBox, "directive_task_completed": res.DirectiveTaskCompleted,
		"weekly_digests": res.Digests,
	}
}
