package domain

import "time"

// Extension is a request for a later due date (gia hạn) and its decision.
// History keeps both dates whatever the decision.
type Extension struct {
	ID               string
	TaskID           string
	PreviousDueDate  Date
	RequestedDueDate Date
	Reason           string
	RequestedBy      string
	RequestedAt      time.Time
	// Decision is "" while pending, then approved or rejected.
	Decision  string
	Comment   string
	DecidedBy string
	DecidedAt *time.Time
}

const (
	ExtensionApproved = "approved"
	ExtensionRejected = "rejected"
)

// Pending reports whether the assigner has not decided yet.
func (e Extension) Pending() bool { return e.Decision == "" }
