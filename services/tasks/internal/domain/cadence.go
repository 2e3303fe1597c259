package domain

import (
	"fmt"
	"strings"
	"time"
)

// Cadence is how often a plan item's units report (the documents
// service's report_cadence): weekly, monthly, quarterly, or on fixed
// dates written "dates:YYYY-MM-DD,YYYY-MM-DD". The zero Cadence (none,
// or empty) asks for no periodic report.
type Cadence struct {
	Kind  string // weekly, monthly, quarterly or dates
	Dates []Date // for dates
}

// Cadence kinds.
const (
	CadenceWeekly    = "weekly"
	CadenceMonthly   = "monthly"
	CadenceQuarterly = "quarterly"
	CadenceDates     = "dates"
)

// maxRequests bounds the periods one task is asked to report on (a
// weekly cadence over four years).
const maxRequests = 210

// ParseCadence reads a plan item's cadence; an unknown one is an error
// (the consumer then assigns the task without periodic reports).
func ParseCadence(s string) (Cadence, error) {
	switch s {
	case "", "none":
		return Cadence{}, nil
	case CadenceWeekly, CadenceMonthly, CadenceQuarterly:
		return Cadence{Kind: s}, nil
	}
	list, ok := strings.CutPrefix(s, CadenceDates+":")
	if !ok {
		return Cadence{}, fmt.Errorf("unknown report cadence %q", s)
	}
	c := Cadence{Kind: CadenceDates}
	for _, p := range strings.Split(list, ",") {
		d, err := ParseDate(strings.TrimSpace(p))
		if err != nil {
			return Cadence{}, fmt.Errorf("report cadence: %w", err)
		}
		c.Dates = append(c.Dates, d)
	}
	return c, nil
}

// IsZero reports whether c asks for no periodic report.
func (c Cadence) IsZero() bool { return c.Kind == "" }

// ReportRequest asks a task's assignee unit for its report of one period,
// due on DueDate; ReportID names the report that answered it.
type ReportRequest struct {
	ID          string
	TaskID      string
	Period      string // 2026-03, 2026-Q1, 2026-W11 or 2026-03-31
	PeriodStart Date
	PeriodEnd   Date
	DueDate     Date
	ReportID    string
	ReportedAt  *time.Time
	CreatedAt   time.Time
}

// Report request states (wording.ReportStates names them).
const (
	RequestPending        = "pending"
	RequestOverdue        = "overdue"
	RequestReportedOnTime = "reported_on_time"
	RequestReportedLate   = "reported_late"
	RequestNotReported    = "not_reported" // the task ended without it
)

// State is the request's state at now, for a task of status st: an
// unanswered request past its due date is overdue while the task is open.
func (r ReportRequest) State(st Status, now time.Time) string {
	switch {
	case r.ReportedAt != nil && r.DueDate.Passed(*r.ReportedAt):
		return RequestReportedLate
	case r.ReportedAt != nil:
		return RequestReportedOnTime
	case !r.DueDate.Passed(now):
		return RequestPending
	case st.Open() && st != StatusAwaitingReview:
		return RequestOverdue
	}
	return RequestNotReported
}

// ReportRequests are the periods task t reports on under cadence c: every
// period from t's assignment to its due date, each due at the period's end
// (a week's on its Friday), or at the task's due date when that comes
// first; a period already due before the task was assigned is left out.
func (c Cadence) ReportRequests(t Task, newID func() string) []ReportRequest {
	if c.IsZero() || t.DueDate.IsZero() {
		return nil
	}
	from := DateOf(t.CreatedAt)
	var out []ReportRequest
	add := func(period string, start, end, due Date) {
		if t.DueDate.Before(due) {
			due = t.DueDate
		}
		if due.Before(from) || len(out) >= maxRequests {
			return
		}
		out = append(out, ReportRequest{ID: newID(), TaskID: t.ID, Period: period, PeriodStart: start, PeriodEnd: end,
			DueDate: due, CreatedAt: t.CreatedAt})
	}
	if c.Kind == CadenceDates {
		for _, d := range c.Dates {
			if !d.Before(from) && !t.DueDate.Before(d) {
				add(d.String(), d, d, d)
			}
		}
		return out
	}
	start := from.start()
	switch c.Kind {
	case CadenceWeekly:
		start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7)) // Monday
	case CadenceMonthly:
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, Zone)
	case CadenceQuarterly:
		start = time.Date(start.Year(), start.Month()-(start.Month()-1)%3, 1, 0, 0, 0, 0, Zone)
	}
	for !t.DueDate.Before(DateOf(start)) && len(out) < maxRequests {
		var next time.Time
		var period string
		due := func(end time.Time) Date { return DateOf(end) }
		switch c.Kind {
		case CadenceWeekly:
			next = start.AddDate(0, 0, 7)
			y, w := start.ISOWeek()
			period = fmt.Sprintf("%d-W%02d", y, w)
			due = func(time.Time) Date { return DateOf(start.AddDate(0, 0, 4)) } // Friday
		case CadenceMonthly:
			next = start.AddDate(0, 1, 0)
			period = start.Format("2006-01")
		default:
			next = start.AddDate(0, 3, 0)
			period = fmt.Sprintf("%d-Q%d", start.Year(), (int(start.Month())-1)/3+1)
		}
		end := next.AddDate(0, 0, -1)
		add(period, DateOf(start), DateOf(end), due(end))
		start = next
	}
	return out
}
