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
// the status before and after (equal when the status did not change).
type HistoryEntry struct {
	TaskID      string
	Seq         int // 1, 2, … per task
	Action      Action
	ActorUserID string // "" when the system acted
	ActorUnitID string
	At          time.Time
	FromStatus  Status // "" for the creation
	ToStatus    Status
	Note        string
	// EventID is the consumed event that caused the entry, when one did.
	EventID string
}
