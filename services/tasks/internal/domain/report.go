package domain

import "time"

// ReviewDecision is the assigner's verdict on a report.
type ReviewDecision string

const (
	ReviewAccepted ReviewDecision = "accepted"
	ReviewReturned ReviewDecision = "returned"
)

// Report is a unit's report on a task (progress, summary, result; final
// when the unit claims the task is done) with its review once given.
type Report struct {
	ID              string
	TaskID          string
	AuthorUserID    string
	AuthorUnitID    string
	ProgressPercent int
	Summary         string
	Result          string
	Final           bool
	SubmittedAt     time.Time
	// ReplyDocumentID names the reply document that filed the report.
	ReplyDocumentID string

	Decision   ReviewDecision // "" until reviewed
	Comment    string
	ReviewedBy string
	ReviewedAt *time.Time
}
