// Package followup is the one definition of how a task is judged in
// follow-up (QĐ 42/2014/QĐ-TTg's four classes, plus the tasks waiting for
// the assigner's review shown apart) and of how a plan's totals add up, so
// that the tasks service's progress and scoreboard and the documents
// service's consolidated report give the same figures (DOMAIN.md,
// "Deadlines and follow-up").
package followup

import "time"

// The class codes (API.md, tasks). AwaitingReview is the fifth, shown
// apart: a final report submitted by the end of the due date that the
// assigner has not yet reviewed; the unit is not overdue for the
// reviewer's delay, and the task is completed on time once it is accepted.
const (
	CompletedOnTime    = "completed_on_time"
	CompletedLate      = "completed_late"
	OpenWithinDeadline = "open_within_deadline"
	OpenOverdue        = "open_overdue"
	AwaitingReview     = "awaiting_review"
)

// Statuses a task's class depends on (the tasks service's names).
const (
	statusAwaitingReview = "awaiting_review"
	statusCompleted      = "completed"
	statusCancelled      = "cancelled"
)

// Standing is what judging a task needs: its status now, the last instant
// of its due date, and when things happened (nil: not, or not known).
type Standing struct {
	Status string
	DueEnd time.Time
	// FinalReportAt is the submission of the final report waiting for
	// review (or, on a completed task, the accepted one).
	FinalReportAt *time.Time
	// CompletedAt is the submission of the accepted final report;
	// AcceptedAt when it was accepted (nil on rows older than it: taken as
	// accepted on submission).
	CompletedAt, AcceptedAt *time.Time
	CancelledAt             *time.Time
}

// ClassAt is the task's class as it stood at instant at (now for a live
// view, a period's end for a scoreboard), and whether it counted then (a
// task cancelled by then does not; it keeps the open class it had when it
// was cancelled).
func ClassAt(s Standing, at time.Time) (string, bool) {
	passed := func(t time.Time) bool { return t.After(s.DueEnd) }
	if s.Status == statusCancelled && (s.CancelledAt == nil || !s.CancelledAt.After(at)) {
		if s.CancelledAt != nil {
			at = *s.CancelledAt
		}
		c, _ := ClassAt(Standing{Status: "in_progress", DueEnd: s.DueEnd, FinalReportAt: s.FinalReportAt}, at)
		return c, false
	}
	final := s.FinalReportAt
	if s.Status == statusCompleted {
		if s.CompletedAt == nil {
			return CompletedOnTime, true
		}
		accepted := s.AcceptedAt
		if accepted == nil {
			accepted = s.CompletedAt
		}
		if !accepted.After(at) {
			if passed(*s.CompletedAt) {
				return CompletedLate, true
			}
			return CompletedOnTime, true
		}
		final = s.CompletedAt // at that instant it still waited for review
	} else if s.Status != statusAwaitingReview && s.Status != statusCancelled {
		final = nil // returned, or never reported final
	}
	if final != nil && !final.After(at) {
		if passed(*final) {
			return OpenOverdue, true
		}
		return AwaitingReview, true
	}
	if passed(at) {
		return OpenOverdue, true
	}
	return OpenWithinDeadline, true
}

// Counts are the tasks in each class.
type Counts struct {
	CompletedOnTime    int
	CompletedLate      int
	OpenWithinDeadline int
	OpenOverdue        int
	AwaitingReview     int
}

// Add counts one task of class c.
func (n *Counts) Add(c string) {
	switch c {
	case CompletedOnTime:
		n.CompletedOnTime++
	case CompletedLate:
		n.CompletedLate++
	case OpenWithinDeadline:
		n.OpenWithinDeadline++
	case OpenOverdue:
		n.OpenOverdue++
	case AwaitingReview:
		n.AwaitingReview++
	}
}

// Of is the count of class c.
func (n Counts) Of(c string) int {
	switch c {
	case CompletedOnTime:
		return n.CompletedOnTime
	case CompletedLate:
		return n.CompletedLate
	case OpenWithinDeadline:
		return n.OpenWithinDeadline
	case OpenOverdue:
		return n.OpenOverdue
	case AwaitingReview:
		return n.AwaitingReview
	}
	return 0
}

// Sum is every task counted.
func (n Counts) Sum() int {
	return n.CompletedOnTime + n.CompletedLate + n.OpenWithinDeadline + n.OpenOverdue + n.AwaitingReview
}

// OnTimeRate is completed on time ÷ (completed + open overdue), nil when
// nothing counts; a task awaiting review is judged once reviewed.
func (n Counts) OnTimeRate() *float64 {
	d := n.CompletedOnTime + n.CompletedLate + n.OpenOverdue
	if d == 0 {
		return nil
	}
	r := float64(n.CompletedOnTime) / float64(d)
	return &r
}

// Roles of a unit in a plan's task.
const (
	RoleLead      = "lead"
	RoleCooperate = "cooperate"
)

// Totals are a plan's figures: all its own tasks (lead and cooperating,
// not delegated children, not cancelled) with the same counts by role
// beside them.
type Totals struct {
	Counts
	ByRole map[string]Counts
}

// NewTotals has both roles at zero.
func NewTotals() Totals {
	return Totals{ByRole: map[string]Counts{RoleLead: {}, RoleCooperate: {}}}
}

// Member is what decides whether and how a task counts in its plan.
type Member struct {
	Role         string
	ParentTaskID string // a delegated child does not count
	Class        string
	Counted      bool
}

// Add counts m if it is one of the plan's own tasks.
func (t *Totals) Add(m Member) {
	if !m.Counted || m.ParentTaskID != "" {
		return
	}
	if t.ByRole == nil {
		*t = NewTotals()
	}
	t.Counts.Add(m.Class)
	r := t.ByRole[m.Role]
	r.Add(m.Class)
	t.ByRole[m.Role] = r
}
