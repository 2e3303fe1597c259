package domain

import (
	"fmt"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/workdays"
)

// ReminderRules are an agency's reminder series for a deadline, counted in
// working days (DOMAIN.md, Deadlines and follow-up).
type ReminderRules struct {
	AgencyID string
	// BeforeDays are the working days before the deadline that remind,
	// e.g. [3, 1]; kept sorted from the farthest.
	BeforeDays []int
	// OnDueDay reminds on the day of the deadline.
	OnDueDay bool
	// RepeatEvery: after the deadline, remind on the first overdue working
	// day and then every RepeatEvery working days until done.
	RepeatEvery int
	// EscalateAfter: after this many overdue working days the assigning
	// leader and the assignee unit's head are told, once per due date.
	EscalateAfter int
	UpdatedBy     string
	UpdatedAt     time.Time
}

// DefaultReminderRules are the rules of an agency that has set none.
func DefaultReminderRules(agencyID string) ReminderRules {
	return ReminderRules{AgencyID: agencyID, BeforeDays: []int{3, 1}, OnDueDay: true, RepeatEvery: 2, EscalateAfter: 5}
}

// Validate checks rules an administrator sends; it sorts BeforeDays.
func (r *ReminderRules) Validate() error {
	var v apperr.Validator
	v.Check(len(r.BeforeDays) <= 5, "before_days", "must list at most 5 days")
	for _, d := range r.BeforeDays {
		if d < 1 || d > 30 {
			v.Add("before_days", "must be 1 to 30 working days each")
			break
		}
	}
	slices.Sort(r.BeforeDays)
	v.Check(len(slices.Compact(slices.Clone(r.BeforeDays))) == len(r.BeforeDays), "before_days", "must not repeat a day")
	slices.Reverse(r.BeforeDays)
	v.Check(r.RepeatEvery >= 1 && r.RepeatEvery <= 30, "repeat_every", "must be 1 to 30 working days")
	v.Check(r.EscalateAfter >= 1 && r.EscalateAfter <= 60, "escalate_after", "must be 1 to 60 working days")
	return v.Err()
}

// Reminder kinds: which event a step sends.
const (
	ReminderDueSoon  = "due_soon"
	ReminderOverdue  = "overdue"
	ReminderEscalate = "escalate"
)

// Step is one reminder of a series: its kind, its name (unique per due
// date: before_3, due_day, overdue_1, overdue_3, escalate) and how many
// working days are left (positive) or overdue (negative).
type Step struct {
	Kind string
	Name string
	Days int
}

// Steps are the reminders due on day today for a deadline due, under the
// rules and the calendar: at most one reminder (the latest the series has
// reached, so that a scheduler that was down sends one, not a backlog) and
// the escalation once it is due. Nothing goes out on a day off. It knows
// nothing of tasks, so anything with a due date (a periodic report) can be
// reminded by it.
func (r ReminderRules) Steps(cal *workdays.Calendar, today, due Date) []Step {
	t, d := today.start(), due.start()
	if !cal.IsWorkingDay(t) {
		return nil
	}
	switch {
	case today.Before(due):
		left := cal.Between(t, d)
		// the tightest rule the deadline has come within
		for i := len(r.BeforeDays) - 1; i >= 0; i-- {
			if b := r.BeforeDays[i]; left <= b {
				return []Step{{ReminderDueSoon, fmt.Sprintf("before_%d", b), left}}
			}
		}
		return nil
	case today == due:
		if r.OnDueDay {
			return []Step{{ReminderDueSoon, "due_day", 0}}
		}
		return nil
	}
	over := cal.Between(d, t)
	if over < 1 {
		return nil
	}
	every := max(r.RepeatEvery, 1)
	at := 1 + (over-1)/every*every
	out := []Step{{ReminderOverdue, fmt.Sprintf("overdue_%d", at), -over}}
	if r.EscalateAfter > 0 && over >= r.EscalateAfter {
		out = append(out, Step{ReminderEscalate, "escalate", -over})
	}
	return out
}
