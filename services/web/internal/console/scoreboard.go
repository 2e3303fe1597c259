package console

import (
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// parseDay reads a date typed as dd/mm/yyyy (d/m/yyyy too), or sent as
// YYYY-MM-DD by a date picker, and gives YYYY-MM-DD.
func parseDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// scoreboardPageSize is how many units one page of the scoreboard shows.
const scoreboardPageSize = 50

type scoreRow struct {
	tasksapi.UnitStat
	Bar bar
}

type scoreboardPage struct {
	From, To   string // as shown in the form, dd/mm/yyyy
	By         string // "due" or "completed": what puts a task in the period
	AsOf       string // the day the classes stand at, dd/mm/yyyy
	Rows       []scoreRow
	Totals     tasksapi.Totals
	TotalBar   bar
	Rate       *float64
	Classes    []string
	Units      int // units in the period, all pages
	Prev, Next template.URL
	Error      string
}

// scoreboard is "Bảng theo dõi đơn vị": per assignee unit the classes of
// its tasks due (or, as the reader chooses, completed) in the period
// (default: this year), each as it stood at the period's end (today if it
// has not ended), as stacked bars and numbers, with the on-time rate the
// service computes.
func (s *Server) scoreboard(rq *request) {
	in := rq.r.URL.Query()
	year := time.Now().In(vnZone).Year()
	p := scoreboardPage{From: in.Get("from"), To: in.Get("to"), By: in.Get("by"), Classes: chartClasses}
	if p.By != "completed" {
		p.By = "due"
	}
	if p.From == "" {
		p.From = "01/01/" + strconv.Itoa(year)
	}
	if p.To == "" {
		p.To = "31/12/" + strconv.Itoa(year)
	}
	from, okFrom := parseDay(p.From)
	to, okTo := parseDay(p.To)
	switch {
	case !okFrom || !okTo:
		p.Error = "Ngày phải viết dạng dd/mm/yyyy, ví dụ 31/12/" + strconv.Itoa(year) + "."
	case from > to:
		p.Error = "Ngày bắt đầu phải trước ngày kết thúc."
	}
	if p.Error != "" {
		s.render(rq, http.StatusBadRequest, "scoreboard", "Bảng theo dõi đơn vị", p)
		return
	}
	p.From, p.To, p.AsOf = date(from), date(to), date(to)
	if today := time.Now().In(vnZone).Format("2006-01-02"); today < to {
		p.AsOf = date(today)
	}
	stats, err := rq.api.Tasks.UnitStats(rq.ctx(), tasksapi.StatsQuery{From: from, To: to, By: p.By})
	if err != nil {
		s.failed(rq, err)
		return
	}
	s.orderUnits(rq, stats)
	scale := 1
	for _, st := range stats {
		p.Totals.CompletedOnTime += st.CompletedOnTime
		p.Totals.CompletedLate += st.CompletedLate
		p.Totals.OpenWithinDeadline += st.OpenWithinDeadline
		p.Totals.OpenOverdue += st.OpenOverdue
		p.Totals.AwaitingReview += st.AwaitingReview
		scale = max(scale, st.Sum())
	}
	p.Rate, p.TotalBar, p.Units = onTimeRate(p.Totals), stackedBar(p.Totals, 0), len(stats)
	page, _ := strconv.Atoi(in.Get("page"))
	page = max(page, 1)
	lo := min((page-1)*scoreboardPageSize, len(stats))
	hi := min(lo+scoreboardPageSize, len(stats))
	for _, st := range stats[lo:hi] {
		p.Rows = append(p.Rows, scoreRow{UnitStat: st, Bar: stackedBar(st.Totals, scale)})
	}
	link := func(n int) template.URL {
		q := url.Values{"from": {p.From}, "to": {p.To}, "by": {p.By}, "page": {strconv.Itoa(n)}}
		return template.URL("/scoreboard?" + q.Encode()) // encoded here, safe
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if hi < len(stats) {
		p.Next = link(page + 1)
	}
	s.render(rq, http.StatusOK, "scoreboard", "Bảng theo dõi đơn vị", p)
}

// orderUnits puts the scoreboard in the order of the unit tree, units the
// directory does not know last.
func (s *Server) orderUnits(rq *request, stats []tasksapi.UnitStat) {
	pos := map[string]int{}
	for i, n := range tree(s.units(rq), "", nil) {
		pos[n.ID] = i + 1
	}
	sort.SliceStable(stats, func(i, j int) bool {
		a, b := pos[stats[i].UnitID], pos[stats[j].UnitID]
		switch {
		case a == 0 && b == 0:
			return stats[i].UnitID < stats[j].UnitID
		case a == 0 || b == 0:
			return b == 0
		}
		return a < b
	})
}
