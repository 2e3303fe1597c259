package endpoint

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Person is a named person on a document.
type Person struct {
	UserID   string `json:"user_id"`
	FullName string `json:"full_name"`
}

// Signer is the leader who signed.
type Signer struct {
	UserID      string `json:"user_id"`
	FullName    string `json:"full_name"`
	Title       string `json:"title"`
	SigningMark string `json:"signing_mark"`
}

// Receipt is a recipient agency's copy.
type Receipt struct {
	AgencyID       string     `json:"agency_id"`
	Status         string     `json:"status"`
	IncomingNumber int64      `json:"incoming_number,omitempty"`
	RegisteredAt   *time.Time `json:"registered_at,omitempty"`
	RegisteredBy   string     `json:"registered_by,omitempty"`
	Direction      *Direction `json:"direction,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// Direction is a recipient leader's instruction.
type Direction struct {
	LeadUnitID         string    `json:"lead_unit_id"`
	CooperatingUnitIDs []string  `json:"cooperating_unit_ids"`
	DueDate            string    `json:"due_date"`
	Note               string    `json:"note,omitempty"`
	DirectedBy         string    `json:"directed_by"`
	DirectedAt         time.Time `json:"directed_at"`
}

// Document is the wire form of a document. Body is absent in lists;
// Receipts are shown to the issuing agency's staff, Receipt to a
// recipient's, ReceiptStatus in the incoming box.
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
	CreatedAt            time.Time    `json:"created_at"`
	UpdatedAt            time.Time    `json:"updated_at"`
	Receipts             []Receipt    `json:"receipts,omitempty"`
	Receipt              *Receipt     `json:"receipt,omitempty"`
	ReceiptStatus        string       `json:"receipt_status,omitempty"`
}

func documentOf(d domain.Document, withBody bool) Document {
	info, _ := d.Kind.Info()
	out := Document{
		ID: d.ID, Kind: string(d.Kind), KindName: info.Name, Status: string(d.Status),
		IssuerUnitID: d.IssuerUnitID, DraftingUnitID: d.DraftingUnitID,
		Drafter: Person{UserID: d.Drafter.UserID, FullName: d.Drafter.FullName},
		Summary: d.Summary, Urgency: string(d.Urgency), Confidentiality: string(d.Confidentiality),
		Recipients: d.RecipientIDs(), DueDate: d.DueDate,
		ImplementsDocumentID: d.ImplementsDocumentID, InReplyToDocumentID: d.InReplyToDocumentID,
		ApprovedAt: d.ApprovedAt, Number: d.Number, Notation: d.Notation, IssuedAt: d.IssuedAt, IssuedBy: d.IssuedBy,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		RevokedAt: d.RevokedAt, RevokedBy: d.RevokedBy, RevokeReason: d.RevokeReason,
	}
	if len(d.Items) > 0 {
		out.Items = itemsOut(d.Items)
	}
	if withBody {
		body := d.Body
		out.Body = &body
	}
	if d.Signer != nil {
		out.Signer = &Signer{UserID: d.Signer.UserID, FullName: d.Signer.FullName, Title: d.Signer.Title, SigningMark: string(d.Signer.SigningMark)}
	}
	return out
}

func receiptOf(r domain.Receipt) Receipt {
	out := Receipt{AgencyID: r.AgencyID, Status: string(r.Status), IncomingNumber: r.IncomingNumber,
		RegisteredAt: r.RegisteredAt, RegisteredBy: r.RegisteredBy, UpdatedAt: r.UpdatedAt}
	if d := r.Direction; d != nil {
		out.Direction = &Direction{LeadUnitID: d.LeadUnitID, CooperatingUnitIDs: d.CooperatingUnitIDs, DueDate: d.DueDate,
			Note: d.Note, DirectedBy: d.DirectedBy, DirectedAt: d.DirectedAt}
	}
	return out
}

func viewOf(v app.DocumentView) Document {
	out := documentOf(v.Document, true)
	for _, a := range v.Attachments {
		out.Attachments = append(out.Attachments, attachmentOf(a))
	}
	for _, r := range v.Receipts {
		out.Receipts = append(out.Receipts, receiptOf(r))
	}
	if v.Receipt != nil {
		r := receiptOf(*v.Receipt)
		out.Receipt = &r
	}
	return out
}

// DocumentResponse answers with one document, or carries the business error.
type DocumentResponse struct {
	Document Document
	Err      error
	status   int
}

func (r DocumentResponse) Failed() error { return r.Err }

func (r DocumentResponse) StatusCode() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r DocumentResponse) MarshalJSON() ([]byte, error) { return json.Marshal(r.Document) }

// ListResponse is a page of a box.
type ListResponse struct {
	Items      []Document `json:"items"`
	NextCursor string     `json:"next_cursor,omitempty"`
	Err        error      `json:"-"`
}

func (r ListResponse) Failed() error { return r.Err }

// HistoryEntry is one recorded transition.
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

// HistoryResponse lists a document's transitions, oldest first.
type HistoryResponse struct {
	Items []HistoryEntry `json:"items"`
	Err   error          `json:"-"`
}

func (r HistoryResponse) Failed() error { return r.Err }
