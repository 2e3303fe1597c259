// Package documentsapi is the documents service's public contract: the
// request and response types of its routes, which its transport decodes
// and encodes, the OpenAPI document describing them, and a client over
// them for the CLI, the console, the demo, the bench and the end-to-end
// tests.
package documentsapi

import (
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Indicator is a plan item's target.
type Indicator struct {
	Name   string `json:"name" yaml:"name"`
	Target string `json:"target" yaml:"target"`
}

// Item is a plan item, in a plan's create and patch bodies and on the
// plan; ID is the service's, absent in requests.
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

// Person is a named person on a document (its drafter).
type Person struct {
	UserID   string `json:"user_id"`
	FullName string `json:"full_name"`
}

// Signer is the person who approved (signed) a document: the mark as
// printed ("KT.", "" for none), the signature block's two lines, and,
// when they signed under an authorisation, it and its grantor.
type Signer struct {
	UserID          string  `json:"user_id"`
	FullName        string  `json:"full_name"`
	Title           string  `json:"title"`
	SigningMark     string  `json:"signing_mark"`
	MarkLine        string  `json:"mark_line,omitempty"`
	PositionLine    string  `json:"position_line,omitempty"`
	AuthorisationID string  `json:"authorisation_id,omitempty"`
	AuthorisedBy    *Person `json:"authorised_by,omitempty"`
}

// Receipt is one recipient agency's receipt of a document.
type Receipt struct {
	AgencyID       string     `json:"agency_id"`
	Status         string     `json:"status"`
	IncomingNumber int64      `json:"incoming_number,omitempty"`
	RegisteredAt   *time.Time `json:"registered_at,omitempty"`
	RegisteredBy   string     `json:"registered_by,omitempty"`
	Direction      *Direction `json:"direction,omitempty"`
	// Set when a clerk of the agency refused it.
	RefusedAt    *time.Time `json:"refused_at,omitempty"`
	RefusedBy    string     `json:"refused_by,omitempty"`
	RefuseReason string     `json:"refuse_reason,omitempty"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Sender is the organisation outside the deployment that issued a document
// that came in: its exchange directory code when known, and its name.
type Sender struct {
	OrganisationCode string `json:"organisation_code,omitempty"`
	Name             string `json:"name"`
}

// ExternalSigner is the signer of a document that came in, as its sender
// wrote them (competence e.g. "KT. CHỦ TỊCH").
type ExternalSigner struct {
	FullName   string `json:"full_name"`
	Competence string `json:"competence,omitempty"`
	Position   string `json:"position,omitempty"`
}

// ExternalRecipient is an organisation outside the deployment a document is
// sent to by exchange.
type ExternalRecipient struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// NewIncoming is the body of POST /v1/documents/incoming: a document that
// reached the caller's agency on paper or by e-mail.
type NewIncoming struct {
	Sender           Sender `json:"sender"`
	OriginalNotation string `json:"original_notation"`
	OriginalDate     string `json:"original_date"`
	Kind             string `json:"kind"`
	Summary          string `json:"summary"`
	Urgency          string `json:"urgency,omitempty"`
	Confidentiality  string `json:"confidentiality,omitempty"`
	Pages            int    `json:"pages,omitempty"`
	DueDate          string `json:"due_date,omitempty"`
}

// Direction is a recipient leader's instruction on a received document.
type Direction struct {
	// LeadUnitID is the lead unit, or the lead person's unit (LeadUserID).
	LeadUnitID         string    `json:"lead_unit_id"`
	LeadUserID         string    `json:"lead_user_id,omitempty"`
	CooperatingUnitIDs []string  `json:"cooperating_unit_ids"`
	CooperatingUserIDs []string  `json:"cooperating_user_ids,omitempty"`
	DueDate            string    `json:"due_date"`
	Note               string    `json:"note,omitempty"`
	DirectedBy         string    `json:"directed_by"`
	DirectedAt         time.Time `json:"directed_at"`
}

// Attachment is an attachment's metadata, the answer to an upload.
type Attachment struct {
	ID         string `json:"id"`
	DocumentID string `json:"document_id"`
	// Name is Filename (API.md's attachments list names it so).
	Name        string    `json:"name"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  string    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
	// System is "issued_pdf" for the document's signed PDF, which the
	// service made and nobody removes; absent for an upload.
	System string `json:"system,omitempty"`
	// Seal, once the document is issued: "signed" (a PDF now carrying the
	// agency's signature at the top right of its first page) or "not_pdf"
	// (a file that cannot carry a PAdES signature, sent as it was).
	Seal string `json:"seal,omitempty"`
}

// Document is a document as the service shows it. Body is absent in
// lists (nil), present (maybe empty) on one document; Receipts are shown
// to the issuing agency's staff, Receipt to a recipient's, ReceiptStatus
// in the incoming box.
type Document struct {
	ID                   string       `json:"id"`
	Kind                 string       `json:"kind"`
	KindName             string       `json:"kind_name"`
	Status               string       `json:"status"`
	IssuerUnitID         string       `json:"issuer_unit_id"`
	DraftingUnitID       string       `json:"drafting_unit_id"`
	Drafter              Person       `json:"drafter"`
	Summary              string       `json:"summary"`
	Body                 *string      `json:"body,omitempty"`
	Urgency              string       `json:"urgency"`
	Confidentiality      string       `json:"confidentiality"`
	Recipients           []string     `json:"recipients"`
	DueDate              string       `json:"due_date,omitempty"`
	ImplementsDocumentID string       `json:"implements_document_id,omitempty"`
	InReplyToDocumentID  string       `json:"in_reply_to_document_id,omitempty"`
	SigningMark          string       `json:"signing_mark,omitempty"`
	Signer               *Signer      `json:"signer,omitempty"`
	ApprovedAt           *time.Time   `json:"approved_at,omitempty"`
	Number               int64        `json:"number,omitempty"`
	Notation             string       `json:"notation,omitempty"`
	IssuedAt             *time.Time   `json:"issued_at,omitempty"`
	IssuedBy             string       `json:"issued_by,omitempty"`
	RevokedAt            *time.Time   `json:"revoked_at,omitempty"`
	RevokedBy            string       `json:"revoked_by,omitempty"`
	RevokeReason         string       `json:"revoke_reason,omitempty"`
	Items                []Item       `json:"items,omitempty"`
	Attachments          []Attachment `json:"attachments,omitempty"`
	PDF                  *PDF         `json:"pdf,omitempty"`
	CreatedAt            time.Time    `json:"created_at"`
	UpdatedAt            time.Time    `json:"updated_at"`
	Receipts             []Receipt    `json:"receipts,omitempty"`
	Receipt              *Receipt     `json:"receipt,omitempty"`
	ReceiptStatus        string       `json:"receipt_status,omitempty"`
	// HandlingDueDate (hạn xử lý), in the incoming box: the due date of
	// the caller's agency's direction, else the document's own.
	HandlingDueDate string `json:"handling_due_date,omitempty"`
	// Routing of the receipt the caller has a part in, oldest step first,
	// and the steps they may take now (forward, propose, direct, assign,
	// return, read).
	Routing        []RoutingStep `json:"routing,omitempty"`
	RoutingActions []string      `json:"routing_actions,omitempty"`
	// Normative: a legal normative document, numbered NN/YYYY/ABBR-ISSUER.
	Normative bool `json:"normative"`
	// A copy's original, form (BSY, BTS, BSL), extract (BTS) and note.
	CopyOfDocumentID string `json:"copy_of_document_id,omitempty"`
	CopyForm         string `json:"copy_form,omitempty"`
	CopyExtract      string `json:"copy_extract,omitempty"`
	CopyNote         string `json:"copy_note,omitempty"`
	// Channel: internal, exchange (an edXML package) or paper. A document
	// from outside has no issuer_unit_id; sender names its issuer and
	// notation is as the sender wrote it (original_notation).
	Channel            string              `json:"channel"`
	Sender             *Sender             `json:"sender,omitempty"`
	OriginalNotation   string              `json:"original_notation,omitempty"`
	OriginalDate       string              `json:"original_date,omitempty"`
	ExternalSigner     *ExternalSigner     `json:"external_signer,omitempty"`
	Pages              int                 `json:"pages,omitempty"`
	ExchangePackageID  string              `json:"exchange_package_id,omitempty"`
	ExternalRecipients []ExternalRecipient `json:"external_recipients,omitempty"`
}

// BodyText is the body, "" when the answer had none (a list's item): for
// templates and printing, where an absent and an empty body read alike.
func (d Document) BodyText() string {
	if d.Body == nil {
		return ""
	}
	return *d.Body
}

// DocumentList is a page of GET /v1/documents.
type DocumentList = client.Page[Document]

// NewDocument is the body of POST /v1/documents; empty optional fields
// take the service's defaults.
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
	SigningMark          string   `json:"signing_mark,omitempty"`
	Normative            bool     `json:"normative,omitempty"`
	// DraftingUnitID is a division of the agency; empty: the drafter's unit.
	DraftingUnitID string `json:"drafting_unit_id,omitempty"`
	// ExternalRecipients are organisation codes of the exchange directory
	// (normal confidentiality only).
	ExternalRecipients []string `json:"external_recipients,omitempty"`
}

// Patch is the body of PATCH /v1/documents/{id}: an absent (nil) field
// keeps its value; a present one, even empty, replaces it (an empty
// Items removes every item).
type Patch struct {
	Kind                 *string   `json:"kind,omitempty"`
	Summary              *string   `json:"summary,omitempty"`
	Body                 *string   `json:"body,omitempty"`
	Urgency              *string   `json:"urgency,omitempty"`
	Confidentiality      *string   `json:"confidentiality,omitempty"`
	Recipients           *[]string `json:"recipients,omitempty"`
	DueDate              *string   `json:"due_date,omitempty"`
	ImplementsDocumentID *string   `json:"implements_document_id,omitempty"`
	InReplyToDocumentID  *string   `json:"in_reply_to_document_id,omitempty"`
	Items                *[]Item   `json:"items,omitempty"`
	SigningMark          *string   `json:"signing_mark,omitempty"`
	Normative            *bool     `json:"normative,omitempty"`
	DraftingUnitID       *string   `json:"drafting_unit_id,omitempty"`
	ExternalRecipients   *[]string `json:"external_recipients,omitempty"`
}

// NewCopy is the body of POST /v1/documents/{id}/copies: the copy's form
// (BSY sao y, BTS trích sao, BSL sao lục), its recipients, the part a
// trích sao copies and an optional note.
type NewCopy struct {
	Form       string   `json:"form"`
	Recipients []string `json:"recipients"`
	Extract    string   `json:"extract,omitempty"`
	Note       string   `json:"note,omitempty"`
}

// Copies is GET /v1/documents/{id}/copies: the copies the caller may
// read, oldest first.
type Copies struct {
	Items []Document `json:"items"`
}

// Empty is the body of the steps that take no input (submit, issue,
// register, consolidated-report): none, or {}.
type Empty struct{}

// Approve is the body of POST /v1/documents/{id}/approve (optional): the
// mark to sign under, overriding the draft's requested mark ("" keeps it).
type Approve struct {
	SigningMark string `json:"signing_mark"`
}

// Reject is the body of POST /v1/documents/{id}/reject and /revoke.
type Reject struct {
	Reason string `json:"reason"`
}

// Direct is the body of POST /v1/documents/{id}/direct: a leader's
// direction (bút phê, Note) and assignment. One lead, a unit or a person;
// without a due date (nor the document's) no task follows.
type Direct struct {
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	Note               string   `json:"note"`
	LeadUserID         string   `json:"lead_user_id,omitempty"`
	CooperatingUserIDs []string `json:"cooperating_user_ids,omitempty"`
	InformedUnitIDs    []string `json:"informed_unit_ids,omitempty"`
	InformedUserIDs    []string `json:"informed_user_ids,omitempty"`
}

// Route is the body of POST /v1/documents/{id}/forward and /propose (to a
// person) and /assign (to a unit or a person).
type Route struct {
	ToUserID string `json:"to_user_id,omitempty"`
	ToUnitID string `json:"to_unit_id,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Addressee is a unit or a person a direction names.
type Addressee struct {
	UnitID string `json:"unit_id,omitempty"`
	UserID string `json:"user_id,omitempty"`
}

// RoutingStep is one step of an incoming document's routing (chuyển xử
// lý): kind forward, propose, direct, assign, return or read.
type RoutingStep struct {
	ID          string      `json:"id"`
	Kind        string      `json:"kind"`
	FromUserID  string      `json:"from_user_id"`
	FromName    string      `json:"from_name,omitempty"`
	ToUserID    string      `json:"to_user_id,omitempty"`
	ToName      string      `json:"to_name,omitempty"`
	ToUnitID    string      `json:"to_unit_id,omitempty"`
	Note        string      `json:"note,omitempty"`
	DueDate     string      `json:"due_date,omitempty"`
	Cooperating []Addressee `json:"cooperating,omitempty"`
	Informed    []Addressee `json:"informed,omitempty"`
	At          time.Time   `json:"at"`
}

// HistoryEntry is one recorded step of a document (or of its receipt).
type HistoryEntry struct {
	ID         string    `json:"id"`
	Action     string    `json:"action"`
	FromStatus string    `json:"from_status,omitempty"`
	ToStatus   string    `json:"to_status"`
	ActorID    string    `json:"actor_id"`
	ActorName  string    `json:"actor_name,omitempty"`
	At         time.Time `json:"at"`
	TraceID    string    `json:"trace_id,omitempty"`
	Reason     string    `json:"reason,omitempty"`
}

// History is GET /v1/documents/{id}/history: every step, oldest first.
type History struct {
	Items []HistoryEntry `json:"items"`
}
