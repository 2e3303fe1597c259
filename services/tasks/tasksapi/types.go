// Package tasksapi is the tasks service's public contract: the request
// and response types of its routes, which its transport decodes and
// encodes, and a client over them for the CLI, the console, the demo, the
// bench and the end-to-end tests.
package tasksapi

import "time"

// Task is an assignment.
type Task struct {
	ID               string     `json:"id"`
	SourceDocumentID string     `json:"source_document_id"`
	SourceNotation   string     `json:"source_notation,omitempty"`
	PlanItemID       string     `json:"plan_item_id,omitempty"`
	ParentTaskID     string     `json:"parent_task_id,omitempty"`
	AssignerUnitID   string     `json:"assigner_unit_id"`
	AssigneeUnitID   string     `json:"assignee_unit_id"`
	AssigneeUserID   string     `json:"assignee_user_id,omitempty"`
	Role             string     `json:"role"`
	Title            string     `json:"title"`
	DueDate          string     `json:"due_date"`
	Status           string     `json:"status"`
	ProgressPercent  int        `json:"progress_percent"`
	Class            string     `json:"class"`
	CreatedAt        time.Time  `json:"created_at"`
	CompletedAt      *time.Time `json:"completed_at,omitempty"`
	Urgency          string     `json:"urgency,omitempty"`
	// Reports, History and Extensions come with GET /v1/tasks/{id} only.
	Reports    []Report       `json:"reports,omitempty"`
	History    []HistoryEntry `json:"history,omitempty"`
	Extensions []Extension    `json:"extensions,omitempty"`
}

// HistoryEntry is one recorded transition of a document or a task.
type HistoryEntry struct {
	Action      string    `json:"action"`
	FromStatus  string    `json:"from_status,omitempty"`
	ToStatus    string    `json:"to_status,omitempty"`
	ActorName   string    `json:"actor_name,omitempty"`
	ActorUserID string    `json:"actor_user_id,omitempty"`
	ActorUnitID string    `json:"actor_unit_id,omitempty"`
	At          time.Time `json:"at"`
	Reason      string    `json:"reason,omitempty"`
	// A task's entry says what its action was about (each only when it
	// applies): an extension's or a review's decision, the report, an
	// extension's dates (YYYY-MM-DD), whom a delegation handed the task to.
	Decision   string `json:"decision,omitempty"`
	ReportID   string `json:"report_id,omitempty"`
	OldDueDate string `json:"old_due_date,omitempty"`
	NewDueDate string `json:"new_due_date,omitempty"`
	ToUnitID   string `json:"to_unit_id,omitempty"`
	ToUserID   string `json:"to_user_id,omitempty"`
	// Note is people's free text.
	Note string `json:"note,omitempty"`
}

// Extension is a request for a later due date (gia hạn) and its decision;
// it keeps both dates whatever the decision.
type Extension struct {
	ID               string     `json:"id"`
	PreviousDueDate  string     `json:"previous_due_date"`
	RequestedDueDate string     `json:"requested_due_date"`
	Reason           string     `json:"reason"`
	RequestedBy      string     `json:"requested_by"`
	RequestedAt      time.Time  `json:"requested_at"`
	Status           string     `json:"status"` // pending, approved, rejected
	Comment          string     `json:"comment,omitempty"`
	DecidedBy        string     `json:"decided_by,omitempty"`
	DecidedAt        *time.Time `json:"decided_at,omitempty"`
}

// Report is a progress report on a task.
type Report struct {
	ID              string    `json:"id"`
	TaskID          string    `json:"task_id"`
	ProgressPercent int       `json:"progress_percent"`
	Summary         string    `json:"summary"`
	Result          string    `json:"result,omitempty"`
	Final           bool      `json:"final"`
	SubmittedAt     time.Time `json:"submitted_at"`
	Review          *struct {
		Decision string `json:"decision"`
		Comment  string `json:"comment,omitempty"`
	} `json:"review,omitempty"`
}

// NewReport is the body of POST /v1/tasks/{id}/reports.
type NewReport struct {
	ProgressPercent int    `json:"progress_percent"`
	Summary         string `json:"summary"`
	Result          string `json:"result,omitempty"`
	Final           bool   `json:"final"`
}

// Totals are the four follow-up classes.
type Totals struct {
	CompletedOnTime    int `json:"completed_on_time"`
	CompletedLate      int `json:"completed_late"`
	OpenWithinDeadline int `json:"open_within_deadline"`
	OpenOverdue        int `json:"open_overdue"`
}

// Sum is the number of tasks counted.
func (t Totals) Sum() int {
	return t.CompletedOnTime + t.CompletedLate + t.OpenWithinDeadline + t.OpenOverdue
}

// ItemProgress is one plan item as its lead task stands.
type ItemProgress struct {
	PlanItemID         string   `json:"plan_item_id"`
	Title              string   `json:"title"`
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	Status             string   `json:"status"`
	ProgressPercent    int      `json:"progress_percent"`
	DueDate            string   `json:"due_date"`
	Class              string   `json:"class"`
}

// PlanProgress is GET /v1/plans/{id}/progress.
type PlanProgress struct {
	PlanDocumentID string         `json:"plan_document_id"`
	Items          []ItemProgress `json:"items"`
	Totals         Totals         `json:"totals"`
}

// UnitStat is one line of GET /v1/stats/units.
type UnitStat struct {
	UnitID string `json:"unit_id"`
	Totals
	OnTimeRate *float64 `json:"on_time_rate"`
}

// Delegation is the body of POST /v1/tasks/{id}/delegate: a child unit of
// the assignee, optionally one named person of it, and a due date no
// later than the parent's.
type Delegation struct {
	AssigneeUnitID string `json:"assignee_unit_id"`
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	DueDate        string `json:"due_date"`
	Note           string `json:"note,omitempty"`
}

// ExtensionRequest is the body of POST /v1/tasks/{id}/extension.
type ExtensionRequest struct {
	DueDate string `json:"due_date"`
	Reason  string `json:"reason"`
}

// ExtensionDecision is the decided request and the task after it.
type ExtensionDecision struct {
	Extension Extension `json:"extension"`
	Task      Task      `json:"task"`
}

// ExtensionDecisionRequest is the body of POST /v1/tasks/{id}/extension/decision.
type ExtensionDecisionRequest struct {
	Approve bool   `json:"approve"`
	Comment string `json:"comment,omitempty"`
}

// ReviewRequest is the body of POST /v1/tasks/{id}/reports/{report_id}/review.
type ReviewRequest struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment,omitempty"`
}

// UnitStats is GET /v1/stats/units.
type UnitStats struct {
	Items []UnitStat `json:"items"`
}
