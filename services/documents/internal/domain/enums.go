package domain

import "github.com/eoffice-vn/eoffice/pkg/urgency"

// Status of an outgoing document.
type Status string

const (
	StatusDraft           Status = "draft"
	StatusPendingApproval Status = "pending_approval"
	StatusApproved        Status = "approved"
	StatusIssued          Status = "issued"
	StatusRevoked         Status = "revoked"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusPendingApproval, StatusApproved, StatusIssued, StatusRevoked:
		return true
	}
	return false
}

// Urgency (độ khẩn); edXML Priority 0..3. Valid checks a person's input;
// Rank orders lists.
type Urgency = urgency.Level

const (
	UrgencyNormal     = urgency.Normal
	UrgencyUrgent     = urgency.Urgent
	UrgencyVeryUrgent = urgency.VeryUrgent
	UrgencyFlash      = urgency.Flash
)

// Confidentiality (độ mật).
type Confidentiality string

const (
	ConfidentialityNormal       Confidentiality = "normal"
	ConfidentialityConfidential Confidentiality = "confidential"
	ConfidentialitySecret       Confidentiality = "secret"
	ConfidentialityTopSecret    Confidentiality = "top_secret"
)

// Valid reports whether c is a known confidentiality.
func (c Confidentiality) Valid() bool {
	switch c {
	case ConfidentialityNormal, ConfidentialityConfidential, ConfidentialitySecret, ConfidentialityTopSecret:
		return true
	}
	return false
}

// Restricted is true for documents only named people may see.
func (c Confidentiality) Restricted() bool { return c != ConfidentialityNormal }

// SigningMark is the authority a signer signed with, as printed (Decree
// 30, Article 13): TM. on behalf of a collective, KT. as deputy, TL./TUQ.
// by delegation, Q. as acting head. Empty: the head signs in their own
// right. Mark is the same authority as requested and decided.
type SigningMark string

// ReceiptStatus is the state of a recipient agency's copy.
type ReceiptStatus string

const (
	ReceiptReceived   ReceiptStatus = "received"
	ReceiptRegistered ReceiptStatus = "registered"
	ReceiptDirected   ReceiptStatus = "directed"
	ReceiptDone       ReceiptStatus = "done"
	// ReceiptRefused: a clerk of the receiving agency refused it (a
	// document from outside that is not ours to handle), with a reason.
	ReceiptRefused ReceiptStatus = "refused"
)

// Valid reports whether s is a known receipt status.
func (s ReceiptStatus) Valid() bool {
	switch s {
	case ReceiptReceived, ReceiptRegistered, ReceiptDirected, ReceiptDone, ReceiptRefused:
		return true
	}
	return false
}
