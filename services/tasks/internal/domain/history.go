package domain

import "time"

// Action names one entry of a task's history.
type Action string

const (
	ActionAssigned         Action = "assigned"
	ActionAccepted         Action = "accepted"
	ActionDelegated        Action = "delegated"
	ActionReportSubmitted  Action = "report_submitted"
	ActionReportReviewed   Action = "report_reviewed"
	ActionCompleted        Action = "completed"
	ActionExtensionAsked   Action = "extension_requested"
	ActionExtensionDecided Action = "extension_decided"
	ActionCancelled        Action = "cancelled"
)

// HistoryEntry is one thing that happened to a task: who did it, when, and
// the status before and after (equal when the status did not change). What
// the action was about sits in its own fields, empty when they do not
// apply, so that readers never parse the note.
type HistoryEntry struct {
	TaskID      string
	Seq         int // 1, 2, … per task
	Action      Action
	ActorUserID string // "" when the system acted
	ActorUnitID string
	At          time.Time
	FromStatus  Status // "" for the creation
	ToStatus    Status
	// Decision is an extension's (approved, rejected) or a review's
	// (accepted, returned).
	Decision string
	// Reason is an extension request's, or a cancellation's (the revoked
	// document's).
	Reason string
	// ReportID is the report submitted, reviewed, or completing the task.
	ReportID string
	// OldDueDate and NewDueDate are an extension's dates: the due date
	// before it and the one asked for.
	OldDueDate Date
	NewDueDate Date
	// ToUnitID and ToUserID are whom a delegation handed the task to.
	ToUnitID string
	ToUserID string
	// Note is people's free text: a delegation's note, a review's or an
	// extension decision's comment.
	Note string
	// EventID is the consumed event that caused the entry, when one did.
	EventID string
}
