// Package documentsapi is the documents service's public contract: the
// request and response types of its routes, which its transport decodes
// and encodes, and a client over them for the CLI, the console, the demo,
// the bench and the end-to-end tests.
package documentsapi

import "time"

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

// PlanPatch is the body of PATCH /v1/documents/{id} for a plan draft.
// Every field is sent, none omitted, so a cleared field clears and removed
// items go.
type PlanPatch struct {
	Summary              string   `json:"summary"`
	Body                 string   `json:"body"`
	Urgency              string   `json:"urgency"`
	Recipients           []string `json:"recipients"`
	ImplementsDocumentID string   `json:"implements_document_id"`
	Items                []Item   `json:"items"`
}
