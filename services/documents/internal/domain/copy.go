package domain

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// CopyForm is the form of a copy (Decree 30, Art. 25): a true copy (sao
// y), an extract (trích sao, a part of the original) or a copy of a copy
// made by another agency (sao lục). It stands in the copy's notation.
type CopyForm string

const (
	CopyTrue    CopyForm = "BSY"
	CopyExtract CopyForm = "BTS"
	CopyOfCopy  CopyForm = "BSL"
)

// Valid reports whether f is a known form.
func (f CopyForm) Valid() bool { return f == CopyTrue || f == CopyExtract || f == CopyOfCopy }

// MaxExtract bounds a trích sao's copied part, as a document's body is.
const MaxExtract = MaxBody

// ActionCopy records a copy's making (numbered and released at once) in
// the copy's history.
const ActionCopy Action = "copy"

// CopyInput is what a clerk sends to make a copy.
type CopyInput struct {
	Form       string
	Recipients []string
	Note       string
	Extract    string
}

// Validate checks the fields that need no lookup.
func (in CopyInput) Validate() error {
	var v apperr.Validator
	form := CopyForm(in.Form)
	v.Check(form.Valid(), "form", `must be "BSY", "BTS" or "BSL"`)
	v.Check(len(in.Recipients) > 0, "recipients", "at least one recipient unit is required")
	v.Check(len(in.Recipients) <= MaxRecipients, "recipients", "at most 500 recipients")
	seen := make(map[string]bool, len(in.Recipients))
	for _, id := range in.Recipients {
		switch {
		case strings.TrimSpace(id) == "":
			v.Add("recipients", "a recipient unit id is empty")
		case seen[id]:
			v.Add("recipients", "unit "+id+" is named twice")
		}
		seen[id] = true
	}
	extract := strings.TrimSpace(in.Extract)
	v.Check(form != CopyExtract || extract != "", "extract", "a trích sao (BTS) names the part it copies")
	v.Check(form == CopyExtract || extract == "", "extract", "only a trích sao (BTS) carries an extract")
	v.Check(utf8.RuneCountInString(in.Extract) <= MaxExtract, "extract", "must be at most 200000 characters")
	v.Check(utf8.RuneCountInString(in.Note) <= MaxNote, "note", "must be at most 2000 characters")
	return v.Err()
}

// MayCopy says whether a may copy original: a clerk of an agency that
// issued it or received it (received: the agency holds a receipt of it),
// while it stands (issued, not revoked). a must see the original (the
// application checks that first).
func (original Document) MayCopy(a Actor, received bool) error {
	if !a.clerks(a.AgencyID) || (original.IssuerUnitID != a.AgencyID && !received) {
		return apperr.Forbidden("only a clerk of an agency that issued or received the document copies it")
	}
	if original.Status != StatusIssued {
		return apperr.Conflict("only an issued document is copied; this one is "+string(original.Status), string(original.Status))
	}
	return nil
}

// NewCopy makes the copy of original by clerk a, numbered number from
// its agency's register of SeriesFor (taken in the same transaction) and
// released at once: a copy is a record of the clerk's, which no leader
// approves. recipients are the resolved units of in.Recipients.
func NewCopy(id string, original Document, received bool, in CopyInput, a Actor, issuer Unit, recipients []Unit, number int64, now time.Time) (Document, HistoryEntry, error) {
	if err := original.MayCopy(a, received); err != nil {
		return Document{}, HistoryEntry{}, err
	}
	if err := in.Validate(); err != nil {
		return Document{}, HistoryEntry{}, err
	}
	if issuer.ID != a.AgencyID {
		return Document{}, HistoryEntry{}, apperr.Invalid("the copying agency is not the clerk's")
	}
	c := Document{
		ID: id, Kind: KindCopy, Status: StatusIssued, IssuerUnitID: a.AgencyID, DraftingUnitID: a.UnitID,
		Drafter: Person{UserID: a.UserID, FullName: a.Name}, Summary: original.Summary,
		Urgency: original.Urgency, Confidentiality: original.Confidentiality,
		CopyOf: original.ID, CopyForm: CopyForm(in.Form), CopyExtract: strings.TrimSpace(in.Extract),
		CopyNote: strings.TrimSpace(in.Note), Channel: ChannelInternal, CreatedAt: now, UpdatedAt: now,
	}
	for _, u := range recipients {
		c.Recipients = append(c.Recipients, Recipient{UnitID: u.ID, AgencyID: u.AgencyID})
	}
	notation, err := Notation(c, number, NumberingYear(now), issuer, Unit{})
	if err != nil {
		return Document{}, HistoryEntry{}, err
	}
	c.Number, c.NumberYear, c.Series, c.Notation = number, NumberingYear(now), SeriesFor(c), notation
	c.IssuedAt, c.IssuedBy = &now, a.UserID
	h := HistoryEntry{DocumentID: c.ID, Action: ActionCopy, To: StatusIssued, ActorID: a.UserID, ActorName: a.Name, At: now}
	return c, h, nil
}
