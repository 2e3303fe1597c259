package client

import "time"

// Unit is a unit of identity.
type Unit struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Code      string `json:"code,omitempty"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	ParentID  string `json:"parent_id,omitempty"`
	Active    bool   `json:"active"`
}

// User is a person of identity.
type User struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email,omitempty"`
	UnitID   string   `json:"unit_id,omitempty"`
	AgencyID string   `json:"agency_id,omitempty"`
	Roles    []string `json:"roles"`
	Title    string   `json:"title,omitempty"`
	Active   bool     `json:"active"`
}

// Indicator is a plan item's target.
type Indicator struct {
	Name   string `json:"name" yaml:"name"`
	Target string `json:"target" yaml:"target"`
}

// Item is a plan item.
type Item struct {
	ID                 string     `json:"id,omitempty"`
	Title              string     `json:"title"`
	Description        string     `json:"description,omitempty"`
	LeadUnitID         string     `json:"lead_unit_id"`
	CooperatingUnitIDs []string   `json:"cooperating_unit_ids"`
	DueDate            string     `json:"due_date"`
	ReportCadence      string     `json:"report_cadence,omitempty"`
	Indicator          *Indicator `json:"indicator,omitempty"`
}

// Signer is who approved a document.
type Signer struct {
	FullName    string `json:"full_name"`
	Title       string `json:"title"`
	SigningMark string `json:"signing_mark"`
}

// Receipt is one recipient agency's receipt of a document.
type Receipt struct {
	AgencyID       string     `json:"agency_id"`
	Status         string     `json:"status"`
	IncomingNumber int64      `json:"incoming_number,omitempty"`
	RegisteredAt   *time.Time `json:"registered_at,omitempty"`
	Direction      *Direction `json:"direction,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// Direction is a recipient leader's instruction on a received document.
type Direction struct {
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	Note               string   `json:"note,omitempty"`
}

// Person is a named person on a document (its drafter).
type Person struct {
	UserID   string `json:"user_id"`
	FullName string `json:"full_name"`
}

// Attachment is an attachment's metadata.
type Attachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type,omitempty"`
	Size        int64  `json:"size"`
}

// Document is a document as the documents service shows it.
type Document struct {
	ID                   string       `json:"id"`
	Kind                 string       `json:"kind"`
	KindName             string       `json:"kind_name,omitempty"`
	Status               string       `json:"status"`
	IssuerUnitID         string       `json:"issuer_unit_id"`
	DraftingUnitID       string       `json:"drafting_unit_id,omitempty"`
	Drafter              Person       `json:"drafter"`
	Summary              string       `json:"summary"`
	Body                 string       `json:"body,omitempty"`
	Urgency              string       `json:"urgency"`
	Confidentiality      string       `json:"confidentiality"`
	Recipients           []string     `json:"recipients"`
	DueDate              string       `json:"due_date,omitempty"`
	ImplementsDocumentID string       `json:"implements_document_id,omitempty"`
	InReplyToDocumentID  string       `json:"in_reply_to_document_id,omitempty"`
	Signer               *Signer      `json:"signer,omitempty"`
	Number               int64        `json:"number,omitempty"`
	Notation             string       `json:"notation,omitempty"`
	IssuedAt             *time.Time   `json:"issued_at,omitempty"`
	RevokeReason         string       `json:"revoke_reason,omitempty"`
	Items                []Item       `json:"items,omitempty"`
	Attachments          []Attachment `json:"attachments,omitempty"`
	CreatedAt            time.Time    `json:"created_at"`
	Receipts             []Receipt    `json:"receipts,omitempty"`
	Receipt              *Receipt     `json:"receipt,omitempty"`
	ReceiptStatus        string       `json:"receipt_status,omitempty"`
}

// NewDocument is the body of POST /v1/documents.
type NewDocument struct {
	Kind                 string   `json:"kind"`
	Summary              string   `json:"summary"`
	Body                 string   `json:"body"`
	Urgency              string   `json:"urgency,omitempty"`
	Confidentiality      string   `json:"confidentiality,omitempty"`
	Recipients           []string `json:"recipients"`
	DueDate              string   `json:"due_date,omitempty"`
	ImplementsDocumentID string   `json:"implements_document_id,omitempty"`
	InReplyToDocumentID  string   `json:"in_reply_to_document_id,omitempty"`
	Items                []Item   `json:"items,omitempty"`
}

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
