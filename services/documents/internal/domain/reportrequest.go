package domain

import "time"

// ReportRequest is what documents keeps of one periodic report the tasks
// service asked of a task's assignee unit (task.report_requested), and of
// the report that answered it (task.report_submitted). Dates are
// YYYY-MM-DD; ReportedAt is store.TimeLayout, empty while unanswered.
type ReportRequest struct {
	RequestID      string
	TaskID         string
	PlanDocumentID string
	PlanItemID     string
	ParentTaskID   string
	UnitID         string
	Role           string
	Period         string
	PeriodStart    string
	PeriodEnd      string
	DueDate        string
	ReportID       string
	ReportedAt     string
	Late           bool
	// TaskStatus is the task's status in the task read model ("" when it
	// is not known yet).
	TaskStatus string
}

// Report request states, as the tasks service names them
// (wording.ReportState words them).
const (
	RequestPending        = "pending"
	RequestOverdue        = "overdue"
	RequestReportedOnTime = "reported_on_time"
	RequestReportedLate   = "reported_late"
	RequestNotReported    = "not_reported" // the task ended without it
)

// State is the request's state at now, by the tasks service's rule: an
// unanswered request past its due date is overdue while the task is open
// (and not waiting for review), else it was not reported.
func (r ReportRequest) State(now time.Time) string {
	switch {
	case r.ReportID != "" && r.Late:
		return RequestReportedLate
	case r.ReportID != "":
		return RequestReportedOnTime
	case Today(now) <= r.DueDate:
		return RequestPending
	}
	switch r.TaskStatus {
	case "completed", "cancelled", "awaiting_review":
		return RequestNotReported
	}
	return RequestOverdue
}
