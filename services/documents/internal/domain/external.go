package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Channel is how a document reached the agency that holds it.
type Channel string

const (
	// ChannelInternal: issued by an agency of this deployment.
	ChannelInternal Channel = "internal"
	// ChannelExchange: an edXML package from an organisation outside it.
	ChannelExchange Channel = "exchange"
	// ChannelPaper: on paper or by e-mail, registered by hand by a clerk.
	ChannelPaper Channel = "paper"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	return c == ChannelInternal || c == ChannelExchange || c == ChannelPaper
}

// External reports whether the document came from outside the deployment.
func (c Channel) External() bool { return c == ChannelExchange || c == ChannelPaper }

// Sender is the organisation outside the deployment that issued a document
// that came in: its code in the exchange directory when known, and its
// name as printed.
type Sender struct {
	OrganisationCode string
	Name             string
}

// ExternalSigner is the signer of a document that came in, as its sender
// wrote them: kept for display, never a person of ours.
type ExternalSigner struct {
	FullName   string
	Competence string // "KT. CHỦ TỊCH"
	Position   string
}

// ExternalRecipient is an organisation outside the deployment a document
// is sent to (by exchange): its directory code and name.
type ExternalRecipient struct {
	Code string
	Name string
}

// Limits of what comes in from outside.
const (
	MaxSenderName       = 500
	MaxOriginalNotation = 100
	MaxPages            = 100_000
)

// IncomingInput is a document that came from outside: what a clerk types
// for a paper one, or what an exchange package says.
type IncomingInput struct {
	Channel           Channel
	Sender            Sender
	OriginalNotation  string
	OriginalDate      string // YYYY-MM-DD
	Kind              string
	Summary           string
	Urgency           string
	Confidentiality   string
	Pages             int
	DueDate           string
	Signer            ExternalSigner
	ExchangePackageID string
}

// Normalize trims free text and fills the defaults.
func (in *IncomingInput) Normalize() {
	in.Sender.OrganisationCode = strings.TrimSpace(in.Sender.OrganisationCode)
	in.Sender.Name = strings.TrimSpace(in.Sender.Name)
	in.OriginalNotation = strings.TrimSpace(in.OriginalNotation)
	in.Summary = strings.TrimSpace(in.Summary)
	if in.Urgency == "" {
		in.Urgency = string(UrgencyNormal)
	}
	if in.Confidentiality == "" {
		in.Confidentiality = string(ConfidentialityNormal)
	}
}

// Validate checks what needs no lookup; today bounds original_date (a
// document cannot have been issued after it arrived).
func (in IncomingInput) Validate(today string) error {
	var v apperr.Validator
	v.Check(in.Channel.External(), "channel", "must be exchange or paper")
	v.Check(in.Sender.Name != "" || in.Sender.OrganisationCode != "", "sender", "organisation_code or name is required")
	v.Check(utf8.RuneCountInString(in.Sender.Name) <= MaxSenderName, "sender.name", "must be at most 500 characters")
	v.Check(utf8.RuneCountInString(in.OriginalNotation) <= MaxOriginalNotation, "original_notation", "must be at most 100 characters")
	if in.Channel == ChannelPaper {
		v.Check(in.OriginalNotation != "", "original_notation", "is required")
		v.Check(in.OriginalDate != "", "original_date", "is required")
	}
	if in.OriginalDate != "" {
		v.Check(ValidDate(in.OriginalDate), "original_date", "must be a date written YYYY-MM-DD")
		// A clerk types it; a package's date is the sender's, in its zone.
		v.Check(in.Channel != ChannelPaper || !ValidDate(in.OriginalDate) || in.OriginalDate <= today, "original_date", "is in the future")
	}
	v.Check(Kind(in.Kind).Draftable(), "kind", "unknown document kind")
	v.Check(in.Summary != "", "summary", "is required")
	v.Check(utf8.RuneCountInString(in.Summary) <= MaxSummary, "summary", "must be at most 500 characters")
	v.Check(Urgency(in.Urgency).Valid(), "urgency", "must be normal, urgent, very_urgent or flash")
	v.Check(Confidentiality(in.Confidentiality).Valid(), "confidentiality", "must be normal, confidential, secret or top_secret")
	v.Check(in.Pages >= 0 && in.Pages <= MaxPages, "pages", "must be between 0 and 100000")
	v.Check(in.DueDate == "" || ValidDate(in.DueDate), "due_date", "must be a date written YYYY-MM-DD")
	v.Check(in.Channel != ChannelExchange || in.ExchangePackageID != "", "exchange_package_id", "is required")
	return v.Err()
}

// NewIncoming makes the document that came in for agencyID: released at
// once (IssuedAt is when it reached us), with no issuing unit of ours
// (IssuerUnitID is empty; Sender names its issuer) and the agency as its
// only recipient, so that its receipt is registered, directed and done as
// any other. by is who brought it in: the registering clerk, or the
// exchange service for a package. The notation is the sender's.
func NewIncoming(id string, in IncomingInput, agencyID string, by Person, now time.Time) (Document, error) {
	in.Normalize()
	if err := in.Validate(now.In(Zone).Format(DateLayout)); err != nil {
		return Document{}, err
	}
	return Document{
		ID: id, Kind: Kind(in.Kind), Status: StatusIssued, Drafter: by,
		Summary: in.Summary, Urgency: Urgency(in.Urgency), Confidentiality: Confidentiality(in.Confidentiality),
		Recipients: []Recipient{{UnitID: agencyID, AgencyID: agencyID}}, DueDate: in.DueDate,
		Notation: in.OriginalNotation, IssuedAt: &now, IssuedBy: by.UserID,
		Channel: in.Channel, Sender: in.Sender, OriginalNotation: in.OriginalNotation, OriginalDate: in.OriginalDate,
		ExternalSigner: in.Signer, Pages: in.Pages, ExchangePackageID: in.ExchangePackageID,
		CreatedAt: now, UpdatedAt: now,
	}, nil
}

// KindByName maps a kind's Vietnamese name as a sender wrote it ("Công
// văn", "QUYẾT ĐỊNH", "Quyet dinh") to the kind; anything unknown is an
// official letter.
func KindByName(name string) Kind {
	f := Fold(strings.TrimSpace(name))
	for _, k := range kindTable {
		if k.Kind != KindCopy && Fold(k.Name) == f {
			return k.Kind
		}
	}
	return KindOfficialLetter
}

// MayRefuse: a clerk of the receiving agency refuses a document that came
// from outside while it waits for registration.
func (r Receipt) MayRefuse(a Actor) bool { return a.clerks(r.AgencyID) }

// CheckAttach says whether a may add or remove an attachment now: the
// drafter of a draft, or, for a document registered from paper, a clerk
// of the agency that received it (its scans come after the registration);
// 404, 403 and 409 as Check.
func (d Document) CheckAttach(a Actor) error {
	if d.Channel != ChannelPaper {
		return d.Check(a, ActionEdit)
	}
	if !d.VisibleTo(a) && !(len(d.Recipients) > 0 && a.clerks(d.Recipients[0].AgencyID)) {
		return ErrDocumentNotFound()
	}
	if len(d.Recipients) == 0 || !a.clerks(d.Recipients[0].AgencyID) {
		return apperr.Forbidden("only a clerk of the receiving agency attaches its scans")
	}
	if d.Status != StatusIssued {
		return apperr.Conflict(fmt.Sprintf("cannot attach to a document that is %s", d.Status), string(d.Status))
	}
	return nil
}
