package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/followup"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

func runPlan(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 || args[0] != "progress" {
		return usagef("plan: progress PLAN_ID")
	}
	f := a.flags("plan progress")
	pos, err := f.parse(args[1:], 1, 1)
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	id, err := a.documentID(ctx, c, pos[0])
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Tasks, "GET", "/v1/plans/"+url.PathEscape(id)+"/progress", nil, &raw); err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, raw.msg())
	}
	var p tasksapi.PlanProgress
	if err := raw.decode(&p); err != nil {
		return err
	}
	return a.progressTable(a.Stdout, p, a.directory(ctx, c))
}

// progressTable prints a plan's items and its totals in the four
// follow-up classes (QĐ 42/2014/QĐ-TTg).
func (a *App) progressTable(w io.Writer, p tasksapi.PlanProgress, dir *identityapi.UnitDirectory) error {
	rows := make([][]string, 0, len(p.Items))
	for i, it := range p.Items {
		status := "-"
		if it.Status != "" { // an item with no task yet
			status = a.taskStatus(it.Status)
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), cut(it.Title, 48), dir.Label(it.LeadUnitID), strconv.Itoa(len(it.CooperatingUnitIDs)),
			status, strconv.Itoa(it.ProgressPercent) + "%", orDash(a.date(it.DueDate)), orDash(a.class(it.Class))})
	}
	if err := table(w, a.header("#", "ITEM", "LEAD", "COOP", "STATUS", "PROGRESS", "DUE", "CLASS"), rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return a.totalsTable(w, p.Totals, p.ByRole)
}

// totalsTable prints a plan's totals (all its own tasks, lead and
// cooperating) with the split by role beside them, classes by their names;
// awaiting review is shown apart, last.
func (a *App) totalsTable(w io.Writer, t tasksapi.Totals, byRole map[string]tasksapi.Totals) error {
	get := func(t tasksapi.Totals, c string) int {
		return followup.Counts{CompletedOnTime: t.CompletedOnTime, CompletedLate: t.CompletedLate,
			OpenWithinDeadline: t.OpenWithinDeadline, OpenOverdue: t.OpenOverdue, AwaitingReview: t.AwaitingReview}.Of(c)
	}
	rows := make([][]string, 0, len(wording.ClassesShown)+1)
	for _, c := range append(wording.ClassesShown, "") {
		name, n, lead, coop := a.tr("Total"), t.Sum(), byRole["lead"].Sum(), byRole["cooperate"].Sum()
		if c != "" {
			name, n, lead, coop = a.class(c), get(t, c), get(byRole["lead"], c), get(byRole["cooperate"], c)
		}
		rows = append(rows, []string{name, strconv.Itoa(n), strconv.Itoa(lead), strconv.Itoa(coop)})
	}
	return table(w, a.header("CLASS", "TASKS", "LEAD", "COOPERATING"), rows)
}

func runStats(ctx context.Context, a *App, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "documents":
		return statsDocuments(ctx, a, args[1:])
	case len(args) > 0 && args[0] == "tasks":
		return statsTasks(ctx, a, args[1:])
	case len(args) > 0 && strings.HasPrefix(args[0], "-"):
		return statsDocuments(ctx, a, args)
	case len(args) == 0 || args[0] != "units":
		return usagef("stats: units [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by due|completed] | [documents] --from YYYY-MM-DD --to YYYY-MM-DD [--format xlsx -o FILE] | tasks --from YYYY-MM-DD --to YYYY-MM-DD [--group unit|person] [--unit ID] [--user ID] [--open] [--format xlsx -o FILE]")
	}
	f := a.flags("stats units")
	from := f.String("from", "", "due dates from")
	to := f.String("to", "", "due dates to")
	by := f.String("by", "", "what puts a task in the period: due (default) or completed")
	if _, err := f.parse(args[1:], 0, 0); err != nil {
		return err
	}
	q := url.Values{}
	if *from != "" {
		q.Set("from", *from)
	}
	if *to != "" {
		q.Set("to", *to)
	}
	if *by != "" {
		q.Set("by", *by)
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Tasks, "GET", "/v1/stats/units?"+q.Encode(), nil, &raw); err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, raw.msg())
	}
	var s struct {
		Items []tasksapi.UnitStat `json:"items"`
	}
	if err := raw.decode(&s); err != nil {
		return err
	}
	dir := a.directory(ctx, c)
	rows := make([][]string, 0, len(s.Items))
	for _, u := range s.Items {
		rate := "-"
		if u.OnTimeRate != nil {
			rate = strconv.FormatFloat(*u.OnTimeRate*100, 'f', 0, 64) + "%"
		}
		rows = append(rows, []string{dir.Label(u.UnitID), strconv.Itoa(u.CompletedOnTime), strconv.Itoa(u.CompletedLate),
			strconv.Itoa(u.OpenWithinDeadline), strconv.Itoa(u.OpenOverdue), strconv.Itoa(u.AwaitingReview), rate})
	}
	head := []string{a.tr("UNIT")}
	for _, c := range wording.ClassesShown {
		head = append(head, strings.ToUpper(a.class(c)))
	}
	return table(a.Stdout, append(head, a.tr("ON-TIME RATE")), rows)
}
