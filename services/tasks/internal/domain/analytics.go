package domain

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/quantile"
)

// Group is how the processing-time analytics are broken down: per
// assignee unit, or per named person (a task delegated to a specialist).
type Group string

const (
	GroupUnit   Group = "unit"
	GroupPerson Group = "person"
)

// ParseGroup accepts unit (the default for "") and person.
func ParseGroup(s string) (Group, error) {
	switch g := Group(s); g {
	case "":
		return GroupUnit, nil
	case GroupUnit, GroupPerson:
		return g, nil
	}
	return "", fmt.Errorf("must be unit or person")
}

// WeekEnd is the Sunday that ends today's week (Monday to Sunday).
func WeekEnd(today Date) Date {
	wd := int(today.Start().Weekday()) // Sunday 0
	return today.AddDays((7 - wd) % 7)
}

// Load is an assignee's open tasks at one instant, by where their due
// dates stand: overdue (Classify says so), waiting for the assigner's
// review and not overdue, due by the end of this week, or later.
type Load struct {
	Open           int
	Overdue        int
	AwaitingReview int
	DueThisWeek    int
	Later          int
}

// Figures are one unit's or one person's processing-time figures over a
// period: tasks assigned in it, tasks completed in it (on time or late, by
// Classify), the days each took from assignment to completion, and the
// current load. Cancelled tasks count nowhere.
type Figures struct {
	Assigned        int
	Completed       int
	CompletedOnTime int
	CompletedLate   int
	// Days to complete, one per completed task (ascending once Sorted).
	Days []float64
	Load Load
	// Open is the open tasks themselves, kept only when asked for.
	Open []Task
}

// AddAssigned counts n tasks of status assigned in the period.
func (f *Figures) AddAssigned(s Status, n int) {
	if Counted(s) {
		f.Assigned += n
	}
}

// AddCompleted counts a task completed in the period, on time or late as
// Classify judges it at now; any other task is left out.
func (f *Figures) AddCompleted(t Task, now time.Time) {
	if !Counted(t.Status) || t.CompletedAt == nil {
		return
	}
	switch t.Class(now) {
	case ClassCompletedOnTime:
		f.CompletedOnTime++
	case ClassCompletedLate:
		f.CompletedLate++
	default:
		return
	}
	f.Completed++
	f.Days = append(f.Days, quantile.Days(t.CompletedAt.Sub(t.CreatedAt)))
}

// AddOpen counts an open task in the load at now (weekEnd: WeekEnd of
// now's date), keeping it when keep is set.
func (f *Figures) AddOpen(t Task, now time.Time, weekEnd Date, keep bool) {
	if !t.Status.Open() {
		return
	}
	f.addLoad(t, now, weekEnd, 1)
	if keep {
		f.Open = append(f.Open, t)
	}
}

// AddOpenCount counts n open tasks of one status and due date, as the
// store counts them when the tasks themselves are not needed: each is
// judged as Classify judges a task of that status and due date.
func (f *Figures) AddOpenCount(s Status, due Date, n int, now time.Time, weekEnd Date) {
	if s.Open() {
		f.addLoad(Task{Status: s, DueDate: due}, now, weekEnd, n)
	}
}

func (f *Figures) addLoad(t Task, now time.Time, weekEnd Date, n int) {
	f.Load.Open += n
	switch {
	case t.Class(now) == ClassOpenOverdue:
		f.Load.Overdue += n
	case t.Status == StatusAwaitingReview:
		f.Load.AwaitingReview += n
	case !weekEnd.Before(t.DueDate):
		f.Load.DueThisWeek += n
	default:
		f.Load.Later += n
	}
}

// Merge adds g's figures to f (a total over rows).
func (f *Figures) Merge(g Figures) {
	f.Assigned += g.Assigned
	f.Completed += g.Completed
	f.CompletedOnTime += g.CompletedOnTime
	f.CompletedLate += g.CompletedLate
	f.Days = append(f.Days, g.Days...)
	f.Load.Open += g.Load.Open
	f.Load.Overdue += g.Load.Overdue
	f.Load.AwaitingReview += g.Load.AwaitingReview
	f.Load.DueThisWeek += g.Load.DueThisWeek
	f.Load.Later += g.Load.Later
}

// Sort orders the days and the open tasks (earliest due first).
func (f *Figures) Sort() {
	slices.Sort(f.Days)
	slices.SortStableFunc(f.Open, func(a, b Task) int {
		if c := a.DueDate.Start().Compare(b.DueDate.Start()); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// OnTimeRate is completed on time ÷ completed, nil when none completed.
func (f Figures) OnTimeRate() *float64 {
	if f.Completed == 0 {
		return nil
	}
	r := float64(f.CompletedOnTime) / float64(f.Completed)
	return &r
}

// MedianDays and P90Days summarise Days (sorted), nil when none completed.
func (f Figures) MedianDays() *float64 { return summary(f.Days, quantile.Median(f.Days)) }

func (f Figures) P90Days() *float64 { return summary(f.Days, quantile.Percentile(f.Days, 90)) }

func summary(days []float64, v float64) *float64 {
	if len(days) == 0 {
		return nil
	}
	return &v
}
