package domain

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Text limits (API.md).
const (
	MaxSummary    = 500
	MaxBody       = 200_000
	MaxRecipients = 500
	MaxReason     = 2_000
)

// Person is a named person on a document.
type Person struct {
	UserID   string
	FullName string
}

// Signer is the leader who approved the document and signs it.
type Signer struct {
	UserID      string
	FullName    string
	Title       string // position (chức vụ); may be unknown
	SigningMark SigningMark
	// The signature block's two lines as printed ("KT. CHỦ TỊCH" / "PHÓ
	// CHỦ TỊCH"); MarkLine is "" when the head of a head-led agency signs.
	// Empty on signatures made before they were recorded: a printer
	// derives them from SigningMark and Title then.
	MarkLine     string
	PositionLine string
	// Set when the signer signed under an authorisation (TUQ.): it and its
	// grantor, whom the document names beside the signer.
	AuthorisationID  string
	AuthorisedByID   string
	AuthorisedByName string
}

// Recipient is one addressee (nơi nhận) and the agency that receives for it.
type Recipient struct {
	UnitID   string
	AgencyID string
}

// Document is an outgoing document of its issuing agency.
type Document struct {
	ID                   string
	Kind                 Kind
	Status               Status
	IssuerUnitID         string // the drafter's agency
	DraftingUnitID       string // the drafter's own unit, or the division named
	Drafter              Person
	Summary              string
	Body                 string
	Urgency              Urgency
	Confidentiality      Confidentiality
	Recipients           []Recipient
	DueDate              string // YYYY-MM-DD or empty
	ImplementsDocumentID string
	InReplyToDocumentID  string
	Items                []PlanItem // a plan's, in order
	// RequestedMark is the mark the drafter asks the signer to sign
	// under; "" leaves it to the signer's own.
	RequestedMark Mark
	// Normative: a legal normative document (văn bản quy phạm pháp
	// luật), numbered in its own series with the year in its notation.
	Normative bool
	// A copy's original and form; Extract is the part a trích sao
	// copies, Note the clerk's note.
	CopyOf      string
	CopyForm    CopyForm
	CopyExtract string
	CopyNote    string

	Signer     *Signer
	ApprovedAt *time.Time

	Number     int64 // 0 until issued
	NumberYear int
	Series     string // the register the number came from (SeriesFor)
	Notation   string
	IssuedAt   *time.Time
	IssuedBy   string // the clerk who numbered and released it

	RevokedAt    *time.Time
	RevokedBy    string
	RevokeReason string

	// How it reached us (ChannelInternal when empty, as every document
	// stored before channels were); a document from outside has no
	// issuing unit of ours and names its issuer in Sender, with the
	// notation and date it wrote (Notation is OriginalNotation).
	Channel           Channel
	Sender            Sender
	OriginalNotation  string
	OriginalDate      string
	ExternalSigner    ExternalSigner
	Pages             int
	ExchangePackageID string
	// Organisations outside the deployment it is sent to (by exchange).
	ExternalRecipients []ExternalRecipient

	CreatedAt time.Time
	UpdatedAt time.Time
}

// DraftInput is what a drafter sends.
type DraftInput struct {
	Kind                 string
	Summary              string
	Body                 string
	Urgency              string
	Confidentiality      string
	Recipients           []string
	DueDate              string
	ImplementsDocumentID string
	InReplyToDocumentID  string
	Items                []PlanItem
	RequestedMark        string
	Normative            bool
	// DraftingUnitID is the unit that drafted it: empty for the drafter's
	// own, else a division of the agency (the application checks it).
	DraftingUnitID string
	// ExternalRecipients are organisation codes of the exchange directory
	// (the application looks them up).
	ExternalRecipients []string
}

// Normalize trims what is free text and fills the defaults.
func (in *DraftInput) Normalize() {
	in.Summary = strings.TrimSpace(in.Summary)
	if m, ok := ParseMark(in.RequestedMark); ok {
		in.RequestedMark = string(m)
	}
	if in.Urgency == "" {
		in.Urgency = string(UrgencyNormal)
	}
	if in.Confidentiality == "" {
		in.Confidentiality = string(ConfidentialityNormal)
	}
	for i := range in.Items {
		in.Items[i].normalize()
	}
	in.Recipients = addItemUnits(in.Recipients, in.Items)
}

// Validate checks every field that needs no lookup; unknown unit and
// document ids are the application's to find.
func (in DraftInput) Validate() error {
	var v apperr.Validator
	v.Check(Kind(in.Kind).Draftable(), "kind", "unknown document kind")
	v.Check(!in.Normative || Kind(in.Kind).MayBeNormative(), "normative",
		"only a resolution, a decision or a directive may be a legal normative document")
	v.Check(in.Summary != "", "summary", "is required")
	v.Check(utf8.RuneCountInString(in.Summary) <= MaxSummary, "summary", "must be at most 500 characters")
	v.Check(utf8.RuneCountInString(in.Body) <= MaxBody, "body", "must be at most 200000 characters")
	v.Check(Urgency(in.Urgency).Valid(), "urgency", "must be normal, urgent, very_urgent or flash")
	v.Check(Confidentiality(in.Confidentiality).Valid(), "confidentiality", "must be normal, confidential, secret or top_secret")
	v.Check(len(in.Recipients)+len(in.ExternalRecipients) > 0, "recipients", "at least one recipient unit is required")
	validateExternal(&v, in)
	v.Check(len(in.Recipients) <= MaxRecipients, "recipients", "at most 500 recipients")
	seen := make(map[string]bool, len(in.Recipients))
	for _, id := range in.Recipients {
		if strings.TrimSpace(id) == "" {
			v.Add("recipients", "a recipient unit id is empty")
			continue
		}
		if seen[id] {
			v.Add("recipients", "unit "+id+" is named twice")
		}
		seen[id] = true
	}
	v.Check(in.DueDate == "" || ValidDate(in.DueDate), "due_date", "must be a date written YYYY-MM-DD")
	_, ok := ParseMark(in.RequestedMark)
	v.Check(ok, "signing_mark", `must be "TM", "KT", "Q", "TL", "TUQ" or empty`)
	validateItems(&v, Kind(in.Kind), in.Items)
	return v.Err()
}

// NewDraft makes a draft of the actor's agency. recipients are the resolved
// units of in.Recipients, in the same order.
func NewDraft(id string, in DraftInput, a Actor, recipients []Unit, now time.Time) (Document, error) {
	if !a.CanDraft() {
		return Document{}, apperr.Forbidden("only leaders, specialists and clerks of a unit draft documents")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return Document{}, err
	}
	d := Document{
		ID:                   id,
		Kind:                 Kind(in.Kind),
		Status:               StatusDraft,
		IssuerUnitID:         a.AgencyID,
		DraftingUnitID:       cmp.Or(in.DraftingUnitID, a.UnitID),
		Drafter:              Person{UserID: a.UserID, FullName: a.Name},
		Summary:              in.Summary,
		Body:                 in.Body,
		Urgency:              Urgency(in.Urgency),
		Confidentiality:      Confidentiality(in.Confidentiality),
		DueDate:              in.DueDate,
		ImplementsDocumentID: in.ImplementsDocumentID,
		InReplyToDocumentID:  in.InReplyToDocumentID,
		Items:                in.Items,
		RequestedMark:        Mark(in.RequestedMark),
		Normative:            in.Normative,
		Channel:              ChannelInternal,
		CreatedAt:            now,
		UpdatedAt:            now,
	}
	for _, u := range recipients {
		d.Recipients = append(d.Recipients, Recipient{UnitID: u.ID, AgencyID: u.AgencyID})
	}
	return d, nil
}

// RecipientIDs lists the recipient unit ids in the drafter's order.
func (d Document) RecipientIDs() []string {
	ids := make([]string, len(d.Recipients))
	for i, r := range d.Recipients {
		ids[i] = r.UnitID
	}
	return ids
}

// ReceivingAgencies are the agencies that get a receipt when the document
// is issued: one per recipient agency, never the issuing agency itself (its
// divisions see the document as its staff).
func (d Document) ReceivingAgencies() []string {
	var out []string
	seen := map[string]bool{d.IssuerUnitID: true}
	for _, r := range d.Recipients {
		if !seen[r.AgencyID] {
			seen[r.AgencyID] = true
			out = append(out, r.AgencyID)
		}
	}
	return out
}

// Released reports whether the document has gone out to its recipients.
func (d Document) Released() bool { return d.IssuedAt != nil }

// Input is the draft as its drafter would send it again: the base of an
// edit.
func (d Document) Input() DraftInput {
	return DraftInput{
		Kind: string(d.Kind), Summary: d.Summary, Body: d.Body, Urgency: string(d.Urgency),
		Confidentiality: string(d.Confidentiality), Recipients: d.RecipientIDs(), DueDate: d.DueDate,
		ImplementsDocumentID: d.ImplementsDocumentID, InReplyToDocumentID: d.InReplyToDocumentID,
		Items: slices.Clone(d.Items), RequestedMark: string(d.RequestedMark), Normative: d.Normative, DraftingUnitID: d.DraftingUnitID,
		ExternalRecipients: d.ExternalRecipientCodes(),
	}
}

// Item returns the plan item with id.
func (d Document) Item(id string) (PlanItem, bool) {
	for _, it := range d.Items {
		if it.ID == id {
			return it, true
		}
	}
	return PlanItem{}, false
}

// ExternalRecipientCodes lists the external recipients' codes in order.
func (d Document) ExternalRecipientCodes() []string {
	var out []string
	for _, r := range d.ExternalRecipients {
		out = append(out, r.Code)
	}
	return out
}

// validateExternal: external recipients are named once each, and only a
// document of normal confidentiality leaves the deployment by exchange.
func validateExternal(v *apperr.Validator, in DraftInput) {
	v.Check(len(in.ExternalRecipients) <= MaxRecipients, "external_recipients", "at most 500 organisations")
	v.Check(len(in.ExternalRecipients) == 0 || !Confidentiality(in.Confidentiality).Restricted(), "external_recipients",
		"a document above normal confidentiality is not sent outside by exchange")
	seen := map[string]bool{}
	for _, c := range in.ExternalRecipients {
		switch {
		case strings.TrimSpace(c) == "":
			v.Add("external_recipients", "an organisation code is empty")
		case seen[c]:
			v.Add("external_recipients", "organisation "+c+" is named twice")
		}
		seen[c] = true
	}
}
