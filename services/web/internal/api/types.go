// Package api is what the web console reads from the four services' public
// APIs (API.md), with the fields its pages show.
package api

import "time"

// Unit is a unit of identity.
type Unit struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	ParentID  string `json:"parent_id,omitempty"`
	Active    bool   `json:"active"`
}

// Person is a named person on a document.
type Person struct {
	UserID   string `json:"user_id"`
	FullName string `json:"full_name"`
}

// Signer is the leader who approved a document.
type Signer struct {
	FullName    string `json:"full_name"`
	Title       string `json:"title"`
	SigningMark string `json:"signing_mark"`
}

// Direction is a recipient leader's instruction.
type Direction struct {
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	Note               string   `json:"note,omitempty"`
}

// Receipt is a recipient agency's copy of a document.
type Receipt struct {
	AgencyID       string     `json:"agency_id"`
	Status         string     `json:"status"`
	IncomingNumber int64      `json:"incoming_number,omitempty"`
	RegisteredAt   *time.Time `json:"registered_at,omitempty"`
	Direction      *Direction `json:"direction,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// Attachment is an attachment's metadata.
type Attachment struct {
	ID       string `json:"id"`
	Filename string `json:"filename"`
	Size     int64  `json:"size"`
}

// Item is a plan item.
type Item struct {
	ID                 string   `json:"id"`
	Title              string   `json:"title"`
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	ReportCadence      string   `json:"report_cadence,omitempty"`
}

// Document is a document as the documents service shows it.
type Document struct {
	ID              string       `json:"id"`
	Kind            string       `json:"kind"`
	KindName        string       `json:"kind_name"`
	Status          string       `json:"status"`
	IssuerUnitID    string       `json:"issuer_unit_id"`
	DraftingUnitID  string       `json:"drafting_unit_id"`
	Drafter         Person       `json:"drafter"`
	Summary         string       `json:"summary"`
	Body            *string      `json:"body,omitempty"`
	Urgency         string       `json:"urgency"`
	Confidentiality string       `json:"confidentiality"`
	Recipients      []string     `json:"recipients"`
	DueDate         string       `json:"due_date,omitempty"`
	Signer          *Signer      `json:"signer,omitempty"`
	Number          int64        `json:"number,omitempty"`
	Notation        string       `json:"notation,omitempty"`
	IssuedAt        *time.Time   `json:"issued_at,omitempty"`
	RevokeReason    string       `json:"revoke_reason,omitempty"`
	Items           []Item       `json:"items,omitempty"`
	Attachments     []Attachment `json:"attachments,omitempty"`
	CreatedAt       time.Time    `json:"created_at"`
	Receipts        []Receipt    `json:"receipts,omitempty"`
	Receipt         *Receipt     `json:"receipt,omitempty"`
	ReceiptStatus   string       `json:"receipt_status,omitempty"`
}

// HistoryEntry is one recorded transition of a document or task.
type HistoryEntry struct {
	Action     string    `json:"action"`
	FromStatus string    `json:"from_status,omitempty"`
	ToStatus   string    `json:"to_status,omitempty"`
	ActorName  string    `json:"actor_name,omitempty"`
	At         time.Time `json:"at"`
	Reason     string    `json:"reason,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// NewDocument is the body of POST /v1/documents.
type NewDocument struct {
	Kind            string   `json:"kind"`
	Summary         string   `json:"summary"`
	Body            string   `json:"body"`
	Urgency         string   `json:"urgency,omitempty"`
	Confidentiality string   `json:"confidentiality,omitempty"`
	Recipients      []string `json:"recipients"`
	DueDate         string   `json:"due_date,omitempty"`
}

// Review is a reviewer's decision on a report.
type Review struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment,omitempty"`
}

// Report is a progress report on a task.
type Report struct {
	ID              string    `json:"id"`
	ProgressPercent int       `json:"progress_percent"`
	Summary         string    `json:"summary"`
	Result          string    `json:"result,omitempty"`
	Final           bool      `json:"final"`
	SubmittedAt     time.Time `json:"submitted_at"`
	Review          *Review   `json:"review,omitempty"`
}

// Task is an assignment.
type Task struct {
	ID               string         `json:"id"`
	SourceDocumentID string         `json:"source_document_id"`
	SourceNotation   string         `json:"source_notation,omitempty"`
	AssignerUnitID   string         `json:"assigner_unit_id"`
	AssigneeUnitID   string         `json:"assignee_unit_id"`
	Role             string         `json:"role"`
	Title            string         `json:"title"`
	DueDate          string         `json:"due_date"`
	Status           string         `json:"status"`
	ProgressPercent  int            `json:"progress_percent"`
	Class            string         `json:"class"`
	Urgency          string         `json:"urgency,omitempty"`
	CreatedAt        time.Time      `json:"created_at"`
	CompletedAt      *time.Time     `json:"completed_at,omitempty"`
	Reports          []Report       `json:"reports,omitempty"`
	History          []HistoryEntry `json:"history,omitempty"`
}

// Notification is one of the caller's notifications.
type Notification struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

// Page is one page of a list.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}
