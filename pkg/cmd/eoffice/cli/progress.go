package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
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
	return ProgressTable(a.Stdout, p, a.directory(ctx, c))
}

// ProgressTable prints a plan's items and its totals in the four
// follow-up classes (QĐ 42/2014/QĐ-TTg).
func ProgressTable(w io.Writer, p tasksapi.PlanProgress, dir *identityapi.UnitDirectory) error {
	rows := make([][]string, 0, len(p.Items))
	for i, it := range p.Items {
		rows = append(rows, []string{strconv.Itoa(i + 1), cut(it.Title, 48), dir.Label(it.LeadUnitID), strconv.Itoa(len(it.CooperatingUnitIDs)),
			it.Status, strconv.Itoa(it.ProgressPercent) + "%", it.DueDate, it.Class})
	}
	if err := table(w, []string{"#", "ITEM", "LEAD", "COOP", "STATUS", "PROGRESS", "DUE", "CLASS"}, rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return TotalsTable(w, p.Totals)
}

// TotalsTable prints the four classes with their Vietnamese names.
func TotalsTable(w io.Writer, t tasksapi.Totals) error {
	return table(w, []string{"CLASS", "", "TASKS"}, [][]string{
		{"completed on time", "hoàn thành đúng hạn", strconv.Itoa(t.CompletedOnTime)},
		{"completed late", "hoàn thành quá hạn", strconv.Itoa(t.CompletedLate)},
		{"open within deadline", "đang thực hiện trong hạn", strconv.Itoa(t.OpenWithinDeadline)},
		{"open overdue", "đang thực hiện quá hạn", strconv.Itoa(t.OpenOverdue)},
		{"total", "tổng", strconv.Itoa(t.Sum())},
	})
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
		return usagef("stats: units [--from YYYY-MM-DD] [--to YYYY-MM-DD] | [documents] --from YYYY-MM-DD --to YYYY-MM-DD [--format xlsx -o FILE] | tasks --from YYYY-MM-DD --to YYYY-MM-DD [--group unit|person] [--unit ID] [--user ID] [--open] [--format xlsx -o FILE]")
	}
	f := a.flags("stats units")
	from := f.String("from", "", "due dates from")
	to := f.String("to", "", "due dates to")
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
			strconv.Itoa(u.OpenWithinDeadline), strconv.Itoa(u.OpenOverdue), rate})
	}
	return table(a.Stdout, []string{"UNIT", "ON TIME", "LATE", "OPEN", "OVERDUE", "ON-TIME RATE"}, rows)
}
