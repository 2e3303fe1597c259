package domain

import (
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// illegal is the 409 of a move the task's status forbids.
func illegal(t Task, what string) error {
	return apperr.Conflict(fmt.Sprintf("a task that is %s cannot be %s", t.Status, what), string(t.Status))
}

func (t Task) moved(to Status, now time.Time) Task {
	t.Status, t.UpdatedAt, t.Version = to, now.UTC(), t.Version+1
	return t
}

// Accept moves an assigned task to in_progress.
func (t Task) Accept(now time.Time) (Task, error) {
	if t.Status != StatusAssigned {
		return Task{}, illegal(t, "accepted")
	}
	return t.moved(StatusInProgress, now), nil
}

// CanDelegate: only a task still being worked on is handed down.
func (t Task) CanDelegate() error {
	if t.Status != StatusAssigned && t.Status != StatusInProgress {
		return illegal(t, "delegated")
	}
	return nil
}

// SubmitReport records r on the task: the first report moves assigned to
// in_progress, a final one to awaiting_review; progress follows the report.
// A task awaiting review takes no report until the review returns it.
func (t Task) SubmitReport(r Report, now time.Time) (Task, error) {
	if t.Status != StatusAssigned && t.Status != StatusInProgress {
		return Task{}, illegal(t, "reported on")
	}
	next := StatusInProgress
	if r.Final {
		next = StatusAwaitingReview
	}
	t = t.moved(next, now)
	t.ProgressPercent = r.ProgressPercent
	if r.Final {
		at := r.SubmittedAt.UTC()
		t.FinalReportAt = &at
	}
	return t, nil
}

// Review applies the assigner's decision on r. Accepting a final report
// completes the task as of the report's submission (the unit is not late
// for the reviewer's delay); returning it sends the task back to
// in_progress. A progress report's review changes no status.
func (t Task) Review(r Report, d ReviewDecision, now time.Time) (Task, error) {
	if r.Decision != "" {
		return Task{}, apperr.Conflict("this report has been reviewed already", string(t.Status))
	}
	if !r.Final {
		if !t.Status.Open() {
			return Task{}, illegal(t, "reviewed")
		}
		t.UpdatedAt, t.Version = now.UTC(), t.Version+1
		return t, nil
	}
	if t.Status != StatusAwaitingReview {
		return Task{}, illegal(t, "reviewed")
	}
	if d == ReviewReturned {
		t = t.moved(StatusInProgress, now)
		t.FinalReportAt = nil
		return t, nil
	}
	t = t.moved(StatusCompleted, now)
	at, accepted := r.SubmittedAt.UTC(), now.UTC()
	t.CompletedAt, t.FinalReportAt, t.AcceptedAt = &at, &at, &accepted
	return t, nil
}

// CanRequestExtension: only open work asks for more time.
func (t Task) CanRequestExtension() error {
	if !t.Status.Open() {
		return illegal(t, "extended")
	}
	return nil
}

// Extend moves the due date (an approved extension).
func (t Task) Extend(to Date, now time.Time) (Task, error) {
	if !t.Status.Open() {
		return Task{}, illegal(t, "extended")
	}
	// An extended deadline is a date: the working days it was given in no
	// longer describe it.
	t.DueDate, t.DueWorkingDays, t.UpdatedAt, t.Version = to, 0, now.UTC(), t.Version+1
	return t, nil
}

// Reopen gives a cancelled delegated task back to its assignee, due by
// due: a unit's head assigns a returned document to the same person or
// division again (the task's natural key allows one such child, and its
// history keeps both rounds).
func (t Task) Reopen(due Date, now time.Time) (Task, error) {
	if t.Status != StatusCancelled || t.Origin != OriginDelegation {
		return Task{}, illegal(t, "assigned again")
	}
	t = t.moved(StatusAssigned, now)
	t.CancelledAt, t.DueDate, t.ProgressPercent = nil, due, 0
	return t, nil
}

// Cancel withdraws an open task (its source document was revoked).
func (t Task) Cancel(now time.Time) (Task, error) {
	if !t.Status.Open() {
		return Task{}, illegal(t, "cancelled")
	}
	t = t.moved(StatusCancelled, now)
	at := now.UTC()
	t.CancelledAt = &at
	return t, nil
}
