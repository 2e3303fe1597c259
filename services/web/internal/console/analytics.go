package console

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// taskStatRow is one unit's or person's line of the tasks' analytics with
// its two bars: completed in the period (on time, late) and open now
// (overdue, the rest). The figures are the tasks service's; the console
// only draws them.
type taskStatRow struct {
	tasksapi.AnalyticsRow
	Done, Load bar
}

// taskAnalytics is the tasks' part of the statistics page.
type taskAnalytics struct {
	Group string // unit or person
	Data  tasksapi.Analytics
	Rows  []taskStatRow
	Total taskStatRow
	AsOf  string // dd/mm/yyyy
	Excel template.URL
	// Refused says why the caller sees no figures (403), in words.
	Refused string
}

// pairBar is a stacked bar of (class, count) segments on a common scale.
func pairBar(scale int, segs ...any) bar {
	var b bar
	var words []string
	x := 0.0
	for i := 0; i+1 < len(segs); i += 2 {
		class, n := segs[i].(string), segs[i+1].(int)
		b.Total += n
		words = append(words, fmt.Sprintf("%s: %d", label("class", class), n))
		if n == 0 {
			continue
		}
		w := float64(barWidth) * float64(n) / float64(max(scale, 1))
		b.Segs = append(b.Segs, barSeg{Class: class, Count: n, X: x, W: w})
		x += w
	}
	b.Text = strings.Join(words, ", ")
	return b
}

func taskRow(r tasksapi.AnalyticsRow, scale int) taskStatRow {
	l := r.Load
	return taskStatRow{AnalyticsRow: r,
		Done: pairBar(scale, "completed_on_time", r.CompletedOnTime, "completed_late", r.CompletedLate),
		Load: pairBar(scale, "open_overdue", l.Overdue, "open_within_deadline", l.Open-l.Overdue)}
}

// loadTaskAnalytics asks the tasks service for the period's figures (q:
// from, to as YYYY-MM-DD) grouped by unit or person.
func (s *Server) loadTaskAnalytics(rq *request, q url.Values, group string) (taskAnalytics, error) {
	if group != "person" {
		group = "unit"
	}
	out := taskAnalytics{Group: group}
	aq := tasksapi.AnalyticsQuery{From: q.Get("from"), To: q.Get("to"), Group: group}
	a, err := rq.api.Tasks.Analytics(rq.ctx(), aq)
	if refused(err) {
		out.Refused = "Bạn không có quyền xem số liệu nhiệm vụ này."
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Data, out.AsOf = a, date(a.AsOf)
	scale := 1
	for _, r := range a.Rows {
		scale = max(scale, r.Completed, r.Load.Open)
	}
	for _, r := range a.Rows {
		out.Rows = append(out.Rows, taskRow(r, scale))
	}
	out.Total = taskRow(tasksapi.AnalyticsRow{Figures: a.Total}, max(a.Total.Completed, a.Total.Load.Open))
	out.Excel = template.URL("/statistics/file?" + url.Values{"kind": {"tasks"}, "from": {date(aq.From)}, "to": {date(aq.To)},
		"group": {group}, "format": {"xlsx"}}.Encode()) // encoded here, safe
	return out, nil
}

// refused: the service answered 403 (the caller may not see the figures).
func refused(err error) bool {
	var p *client.Problem
	return errors.As(err, &p) && p.Status == http.StatusForbidden
}
