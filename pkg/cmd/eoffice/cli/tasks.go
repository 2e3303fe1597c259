package cli

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

func runTasks(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 {
		return usagef("tasks: list [--box inbox|outbox] | show|accept ID | report ID --progress N --summary S [--final] | review TASK REPORT --decision accepted|returned | delegate ID --to UNIT [--user USER] --due DATE")
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "list":
		return tasksList(ctx, a, rest)
	case "show":
		return tasksShow(ctx, a, rest)
	case "accept":
		return tasksAccept(ctx, a, rest)
	case "report":
		return tasksReport(ctx, a, rest)
	case "review":
		return tasksReview(ctx, a, rest)
	case "delegate":
		return tasksDelegate(ctx, a, rest)
	default:
		return usagef("tasks: unknown subcommand %q", sub)
	}
}

func tasksList(ctx context.Context, a *App, args []string) error {
	f := a.flags("tasks list")
	box := f.String("box", "inbox", "inbox (given to my unit) or outbox (given by it)")
	status := f.String("status", "", "only this status")
	source := f.String("source", "", "only tasks of this source document (id or notation)")
	overdue := f.Bool("overdue", false, "only overdue tasks")
	limit := f.Int("limit", 100, "at most this many")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if !oneOf(*box, "inbox", "outbox") {
		return usagef("tasks list: --box is inbox or outbox, not %q", *box)
	}
	q := url.Values{"box": {*box}}
	if *status != "" {
		q.Set("status", *status)
	}
	if *overdue {
		q.Set("overdue", "true")
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	if *source != "" {
		id, err := a.documentID(ctx, c, *source)
		if err != nil {
			return err
		}
		q.Set("source_document_id", id)
	}
	items, err := client.All[rawJSON](ctx, c.Client, client.Tasks, "/v1/tasks?"+q.Encode(), *limit)
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, rawItems(items))
	}
	dir := a.directory(ctx, c)
	rows := make([][]string, 0, len(items))
	for _, raw := range items {
		var t tasksapi.Task
		if err := raw.decode(&t); err != nil {
			return err
		}
		rows = append(rows, a.taskRow(t, dir))
	}
	return table(a.Stdout, a.header("ID", "SOURCE", "FROM", "TO", "ROLE", "STATUS", "%", "DUE", "CLASS", "TITLE"), rows)
}

func (a *App) taskRow(t tasksapi.Task, dir *identityapi.UnitDirectory) []string {
	return []string{t.ID, orDash(t.SourceNotation), dir.Label(t.AssignerUnitID), dir.Label(t.AssigneeUnitID), a.role(t.Role), a.taskStatus(t.Status),
		strconv.Itoa(t.ProgressPercent), orDash(a.date(t.DueDate)), a.class(t.Class), cut(t.Title, 50)}
}

func tasksShow(ctx context.Context, a *App, args []string) error {
	f := a.flags("tasks show")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Tasks, "GET", "/v1/tasks/"+url.PathEscape(pos[0]), nil, &raw); err != nil {
		return err
	}
	return a.showTask(raw, *f.json, a.directory(ctx, c))
}

func (a *App) showTask(raw rawJSON, asJSON bool, dir *identityapi.UnitDirectory) error {
	if asJSON {
		return printJSON(a.Stdout, raw.msg())
	}
	// A task with its reports (GET /v1/tasks/{id}), or without (the answer
	// of a change).
	var t tasksapi.TaskDetail
	if err := raw.decode(&t); err != nil {
		return err
	}
	if err := fields(a.Stdout, a.kv("id", t.ID, "title", t.Title, "source", t.SourceNotation, "from", dir.Label(t.AssignerUnitID),
		"to", dir.Label(t.AssigneeUnitID), "role", a.role(t.Role), "status", a.taskStatus(t.Status), "progress", strconv.Itoa(t.ProgressPercent)+"%",
		"due", a.dueText(t.Task), "class", a.class(t.Class))...); err != nil {
		return err
	}
	if len(t.Reports) == 0 {
		return nil
	}
	fmt.Fprintln(a.Stdout)
	rows := make([][]string, 0, len(t.Reports))
	for _, r := range t.Reports {
		review := "-"
		if r.Review != nil {
			review = a.word(wording.Decision(r.Review.Decision))
		}
		rows = append(rows, []string{r.ID, a.datetime(r.SubmittedAt), strconv.Itoa(r.ProgressPercent), a.yesNo(r.Final), review, cut(r.Summary, 60)})
	}
	return table(a.Stdout, a.header("REPORT", "SUBMITTED", "%", "FINAL", "REVIEW", "SUMMARY"), rows)
}

func tasksAccept(ctx context.Context, a *App, args []string) error {
	f := a.flags("tasks accept")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	return a.taskPost(ctx, "/v1/tasks/"+url.PathEscape(pos[0])+"/accept", nil, "", *f.json)
}

func tasksReport(ctx context.Context, a *App, args []string) error {
	f := a.flags("tasks report")
	progress := f.Int("progress", -1, "progress percent, 0-100 (required)")
	summary := f.String("summary", "", "what was done (required)")
	result := f.String("result", "", "results")
	final := f.Bool("final", false, "the unit claims the task is done")
	key := f.String("idempotency-key", "", "send this Idempotency-Key")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if *progress < 0 || *progress > 100 {
		return usagef("tasks report: --progress is required, 0 to 100")
	}
	if strings.TrimSpace(*summary) == "" {
		return usagef("tasks report: --summary is required")
	}
	body := tasksapi.NewReport{ProgressPercent: progress, Summary: *summary, Result: *result, Final: final}
	return a.taskPost(ctx, "/v1/tasks/"+url.PathEscape(pos[0])+"/reports", body, *key, *f.json)
}

func tasksReview(ctx context.Context, a *App, args []string) error {
	f := a.flags("tasks review")
	decision := f.String("decision", "", "accepted or returned (required)")
	comment := f.String("comment", "", "comment (say why when returning)")
	pos, err := f.parse(args, 2, 2)
	if err != nil {
		return err
	}
	if !oneOf(*decision, "accepted", "returned") {
		return usagef("tasks review: --decision is accepted or returned")
	}
	body := map[string]string{"decision": *decision}
	if *comment != "" {
		body["comment"] = *comment
	}
	return a.taskPost(ctx, "/v1/tasks/"+url.PathEscape(pos[0])+"/reports/"+url.PathEscape(pos[1])+"/review", body, "", *f.json)
}

func tasksDelegate(ctx context.Context, a *App, args []string) error {
	f := a.flags("tasks delegate")
	to := f.String("to", "", "the unit below (id, short name or path) (required)")
	due := f.String("due", "", "due date YYYY-MM-DD, no later than the task's (or --working-days)")
	days := f.Int("working-days", 0, "the deadline as n working days from today (ngày làm việc), instead of --due")
	note := f.String("note", "", "note")
	user := f.String("user", "", "a named person of that unit (user id or username), e.g. a specialist; --to may then be the task's own unit")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if *to == "" || (*due == "") == (*days == 0) {
		return usagef("tasks delegate: --to and --due are required")
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	dir := a.directory(ctx, c)
	unit, err := dir.Resolve(*to)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	body := tasksapi.Delegation{AssigneeUnitID: unit, DueDate: *due, DueWorkingDays: *days, Note: *note}
	if *user != "" {
		if body.AssigneeUserID, err = a.userOfUnit(ctx, c, unit, *user); err != nil {
			return fmt.Errorf("--user: %w", err)
		}
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Tasks, "POST", "/v1/tasks/"+url.PathEscape(pos[0])+"/delegate", body, &raw); err != nil {
		return err
	}
	return a.showTask(raw, *f.json, dir)
}

// userOfUnit finds a person of unit by id or username; the tasks service
// checks the rest (active, member of the unit) and names the field if not.
func (a *App) userOfUnit(ctx context.Context, c *apis.Clients, unit, ref string) (string, error) {
	users, err := client.All[identityapi.User](ctx, c.Client, client.Identity, "/v1/users?unit_id="+url.QueryEscape(unit), 0)
	if err != nil {
		return "", err
	}
	for _, u := range users {
		if u.ID == ref || strings.EqualFold(u.Username, ref) {
			return u.ID, nil
		}
	}
	return "", a.errf("no user %q in unit %s", ref, unit)
}

// taskPost posts and prints the answer: a task, a report, or a review's
// {report, task}.
func (a *App) taskPost(ctx context.Context, path string, body any, key string, asJSON bool) error {
	c, err := a.client()
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.DoWith(ctx, client.Tasks, "POST", path, client.Idempotency(key), body, &raw); err != nil {
		return err
	}
	if asJSON {
		return printJSON(a.Stdout, raw.msg())
	}
	var shape struct {
		Task            *rawJSON `json:"task"`
		TaskID          string   `json:"task_id"`
		ID              string   `json:"id"`
		ProgressPercent int      `json:"progress_percent"`
		Final           bool     `json:"final"`
	}
	if err := raw.decode(&shape); err != nil {
		return err
	}
	switch {
	case shape.Task != nil:
		return a.showTask(*shape.Task, false, a.directory(ctx, c))
	case shape.TaskID != "":
		return fields(a.Stdout, a.kv("report", shape.ID, "task", shape.TaskID, "progress", strconv.Itoa(shape.ProgressPercent)+"%", "final", a.yesNo(shape.Final))...)
	default:
		return a.showTask(raw, false, a.directory(ctx, c))
	}
}
