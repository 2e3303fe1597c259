package console

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// chartClasses is the order of the classes in a stacked bar: done first,
// then what is still open, then (apart) what waits for review.
var chartClasses = wording.ClassesShown

// barWidth is the width of a stacked bar in SVG user units.
const barWidth = 300

type barSeg struct {
	Class string
	Count int
	X, W  float64
}

// bar is one stacked bar, drawn server-side as inline SVG.
type bar struct {
	Segs  []barSeg
	Total int
	Text  string // the counts in words, for screen readers
}

func count(t tasksapi.Totals, class string) int {
	switch class {
	case "completed_on_time":
		return t.CompletedOnTime
	case "completed_late":
		return t.CompletedLate
	case "open_within_deadline":
		return t.OpenWithinDeadline
	case "awaiting_review":
		return t.AwaitingReview
	}
	return t.OpenOverdue
}

func add(t *tasksapi.Totals, class string) {
	switch class {
	case "completed_on_time":
		t.CompletedOnTime++
	case "completed_late":
		t.CompletedLate++
	case "open_within_deadline":
		t.OpenWithinDeadline++
	case "open_overdue":
		t.OpenOverdue++
	case "awaiting_review":
		t.AwaitingReview++
	}
}

// stackedBar draws t with scale tasks across the full width, so that the
// bars of one chart compare.
func stackedBar(t tasksapi.Totals, scale int) bar {
	b := bar{Total: t.Sum()}
	if scale < b.Total {
		scale = b.Total
	}
	var words []string
	x := 0.0
	for _, c := range chartClasses {
		n := count(t, c)
		words = append(words, fmt.Sprintf("%s: %d", label("class", c), n))
		if n == 0 {
			continue
		}
		w := float64(barWidth) * float64(n) / float64(scale)
		b.Segs = append(b.Segs, barSeg{Class: c, Count: n, X: x, W: w})
		x += w
	}
	b.Text = strings.Join(words, ", ")
	return b
}

// onTimeRate is as tasks' stats/units defines it: completed on time over
// completed and open overdue; nil when nothing counts.
func onTimeRate(t tasksapi.Totals) *float64 {
	d := t.CompletedOnTime + t.CompletedLate + t.OpenOverdue
	if d == 0 {
		return nil
	}
	r := float64(t.CompletedOnTime) / float64(d)
	return &r
}

type itemProgress struct {
	tasksapi.ItemProgress
	Counts tasksapi.Totals
	Bar    bar
	Rate   *float64
}

// roleTotals is one role's line beside a plan's totals.
type roleTotals struct {
	Role   string
	Totals tasksapi.Totals
}

type progressPage struct {
	Doc      documentsapi.Document
	Items    []itemProgress
	Totals   tasksapi.Totals
	ByRole   []roleTotals
	TotalBar bar
	Rate     *float64
	Classes  []string
	// OverdueReports counts periodic reports missing past their due date;
	// Periodic is whether any item asks for periodic reports.
	OverdueReports int
	Periodic       bool
	// LeadOnly: the plan's tasks could not be listed, so an item counts
	// only its lead task.
	LeadOnly string
	At       time.Time
}

// planProgress shows per item the four classes of its tasks (lead and
// cooperating, not delegated children) and the plan's totals, as stacked
// bars and as numbers.
func (s *Server) planProgress(rq *request) {
	id := rq.r.PathValue("id")
	d, err := rq.api.Documents.Get(rq.ctx(), id)
	if err != nil {
		s.failed(rq, err)
		return
	}
	pr, err := rq.api.Tasks.PlanProgress(rq.ctx(), id)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p := progressPage{Doc: d, Totals: pr.Totals, Rate: onTimeRate(pr.Totals), Classes: chartClasses, At: time.Now()}
	p.OverdueReports = pr.OverdueReports
	for _, it := range pr.Items {
		p.Periodic = p.Periodic || len(it.Reports) > 0
	}
	for _, role := range []string{"lead", "cooperate"} {
		p.ByRole = append(p.ByRole, roleTotals{Role: role, Totals: pr.ByRole[role]})
	}
	byItem := map[string]*tasksapi.Totals{}
	tasks, err := rq.api.Tasks.PlanTasks(rq.ctx(), id, 5*maxPlanRows)
	if err != nil {
		p.LeadOnly = describe(err).Text
	}
	for _, t := range tasks {
		if t.ParentTaskID != "" || t.PlanItemID == "" || t.Status == "cancelled" {
			continue
		}
		if byItem[t.PlanItemID] == nil {
			byItem[t.PlanItemID] = &tasksapi.Totals{}
		}
		add(byItem[t.PlanItemID], t.Class)
	}
	scale := 1
	for _, it := range pr.Items {
		ip := itemProgress{ItemProgress: it}
		if c := byItem[it.PlanItemID]; c != nil {
			ip.Counts = *c
		} else if err != nil {
			add(&ip.Counts, it.Class)
		}
		ip.Rate = onTimeRate(ip.Counts)
		scale = max(scale, ip.Counts.Sum())
		p.Items = append(p.Items, ip)
	}
	for i := range p.Items {
		p.Items[i].Bar = stackedBar(p.Items[i].Counts, scale)
	}
	p.TotalBar = stackedBar(pr.Totals, 0)
	title := "Tiến độ kế hoạch"
	if d.Notation != "" {
		title += " " + d.Notation
	}
	s.render(rq, http.StatusOK, "progress", title, p)
}
