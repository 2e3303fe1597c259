package domain

import (
	"time"

	"github.com/eoffice-vn/eoffice/pkg/followup"
)

// Class is one of the four follow-up classes of QĐ 42/2014/QĐ-TTg.
type Class string

const (
	ClassCompletedOnTime    Class = "completed_on_time"
	ClassCompletedLate      Class = "completed_late"
	ClassOpenWithinDeadline Class = "open_within_deadline"
	ClassOpenOverdue        Class = "open_overdue"
	// ClassAwaitingReview ("chờ đánh giá") is shown apart from the four:
	// a final report submitted by the end of the due date waits for the
	// assigner's review (followup.AwaitingReview).
	ClassAwaitingReview Class = followup.AwaitingReview
)

// Classes lists the four classes in reporting order.
var Classes = []Class{ClassCompletedOnTime, ClassCompletedLate, ClassOpenWithinDeadline, ClassOpenOverdue}

// Classify is the class at instant now of a task known only by its
// status, due date and completion or cancellation (no final report
// waiting): followup.ClassAt, the one definition. A completed task is on
// time when completedAt (the submission of the accepted final report) is
// not after the due date's end; an open task is overdue once now is after
// it; a cancelled task keeps the open class it had when it was cancelled.
func Classify(status Status, due Date, completedAt, cancelledAt *time.Time, now time.Time) Class {
	c, _ := followup.ClassAt(followup.Standing{Status: string(status), DueEnd: due.End(), CompletedAt: completedAt,
		CancelledAt: cancelledAt}, now)
	return Class(c)
}

// ClassAt is the task's class as it stood at instant at (followup.ClassAt:
// the one definition the documents service's consolidated report shares),
// and whether it counted then.
func (t Task) ClassAt(at time.Time) (Class, bool) {
	c, counted := followup.ClassAt(followup.Standing{Status: string(t.Status), DueEnd: t.DueDate.End(),
		FinalReportAt: t.FinalReportAt, CompletedAt: t.CompletedAt, AcceptedAt: t.AcceptedAt, CancelledAt: t.CancelledAt}, at)
	return Class(c), counted
}

// Counted reports whether a task of this status counts in the four classes
// (progress totals, unit statistics). Cancelled tasks do not.
func Counted(s Status) bool { return s != StatusCancelled }

// OverdueBefore is the due-date bound of overdue open tasks at now: an open
// task is overdue exactly when its due date is before this date. Queries
// filter with it so that they agree with Classify.
func OverdueBefore(now time.Time) Date { return DateOf(now) }

// DueEndUTCSuffix turns a stored due date (YYYY-MM-DD) into the stored
// form of its last instant (store.TimeLayout, UTC): Zone is a fixed +07:00,
// so the day ends at 16:59:59.999999999Z on the same calendar date. Queries
// that count classes compare completed_at with due_date || DueEndUTCSuffix
// so that they agree with Classify (tested).
const DueEndUTCSuffix = "T16:59:59.999999999Z"
