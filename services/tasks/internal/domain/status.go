package domain

import (
	"fmt"
	"strings"
)

// Status is where a task stands:
//
//	assigned → in_progress (accepted, or first report)
//	         → awaiting_review (a final report is submitted)
//	         → completed (the assigner accepts it) | in_progress (returned)
//	any open status → cancelled (source document revoked)
type Status string

const (
	StatusAssigned       Status = "assigned"
	StatusInProgress     Status = "in_progress"
	StatusAwaitingReview Status = "awaiting_review"
	StatusCompleted      Status = "completed"
	StatusCancelled      Status = "cancelled"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusAssigned, StatusInProgress, StatusAwaitingReview, StatusCompleted, StatusCancelled}

// OpenStatuses are those of a task whose obligation still runs; only these
// can be overdue.
var OpenStatuses = []Status{StatusAssigned, StatusInProgress, StatusAwaitingReview}

// ParseStatus accepts exactly the names above.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("must be one of %s", joinStatuses(Statuses))
}

// Open reports whether the task's obligation still runs.
func (s Status) Open() bool {
	for _, o := range OpenStatuses {
		if s == o {
			return true
		}
	}
	return false
}

// transitions lists the legal moves; later use cases (accept, report,
// review, cancel) go through CanMove so the machine lives in one place.
var transitions = map[Status][]Status{
	StatusAssigned:       {StatusInProgress, StatusAwaitingReview, StatusCancelled},
	StatusInProgress:     {StatusAwaitingReview, StatusCancelled},
	StatusAwaitingReview: {StatusCompleted, StatusInProgress, StatusCancelled},
}

// CanMove reports whether a task may go from s to next.
func (s Status) CanMove(next Status) bool {
	for _, n := range transitions[s] {
		if n == next {
			return true
		}
	}
	return false
}

func joinStatuses(ss []Status) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}
