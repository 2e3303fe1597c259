package domain

import (
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/wording"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// KindPlan is the document kind whose issuance assigns per item rather than
// per recipient.
const KindPlan = "plan"

// IssuedDocument is what tasks needs of a document.issued event.
type IssuedDocument struct {
	DocumentID       string
	Kind             string
	Notation         string
	IssuerUnitID     string
	RecipientUnitIDs []string
	Urgency          string
	Confidentiality  string
	Summary          string
	DueDate          string // YYYY-MM-DD or ""
	IssuedBy         string // the clerk who issued it
	InReplyTo        string // the document this one answers, or ""
}

// AssignsPerRecipient reports whether issuing d creates "handle this
// document" tasks: any kind but a plan, when it has a due date.
func (d IssuedDocument) AssignsPerRecipient() bool {
	return d.Kind != KindPlan && strings.TrimSpace(d.DueDate) != ""
}

// TasksFor returns the tasks that issuing d creates, one per distinct
// recipient unit (the issuer itself excepted), all status assigned. It
// returns none when d does not assign per recipient, and an ErrInvalid
// error when d is malformed (such an event can never be handled).
func TasksFor(d IssuedDocument, now time.Time, newID func() string) ([]Task, error) {
	if !d.AssignsPerRecipient() {
		return nil, nil
	}
	var v apperr.Validator
	v.Check(d.DocumentID != "", "document_id", "is required")
	v.Check(d.IssuerUnitID != "", "issuer_unit_id", "is required")
	due, err := ParseDate(d.DueDate)
	if err != nil {
		v.Add("due_date", err.Error())
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	now = now.UTC()
	title := TitleFor(d)
	seen := map[string]bool{d.IssuerUnitID: true}
	var out []Task
	for _, unit := range d.RecipientUnitIDs {
		if unit == "" || seen[unit] {
			continue
		}
		seen[unit] = true
		t := Task{
			ID:               newID(),
			Origin:           OriginDocument,
			SourceDocumentID: d.DocumentID,
			SourceKind:       d.Kind,
			SourceNotation:   d.Notation,
			Confidentiality:  confidentialityOf(d),
			Urgency:          ParseUrgency(d.Urgency),
			AssignerUnitID:   d.IssuerUnitID,
			AssigneeUnitID:   unit,
			Role:             RoleLead,
			Title:            title,
			DueDate:          due,
			Status:           StatusAssigned,
			CreatedAt:        now,
			UpdatedAt:        now,
			Version:          1,
		}
		if err := t.Validate(); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// TitleFor cites the document as officials do: "Xử lý Chỉ thị số
// 07/CT-UBND: <summary>". A document that is not of normal confidentiality
// gets the citation only, even if a summary slipped into its event.
func TitleFor(d IssuedDocument) string {
	ref := wording.Reference(wording.Ref{Kind: d.Kind, Notation: strings.TrimSpace(d.Notation)})
	// A kind the event did not carry reads "văn bản" inside the sentence.
	title := "Xử lý " + strings.Replace(ref, "Văn bản", "văn bản", 1)
	if s := strings.TrimSpace(d.Summary); s != "" && confidentialityOf(d) == "normal" {
		title += ": " + s
	}
	return title
}

func confidentialityOf(d IssuedDocument) string {
	if d.Confidentiality == "" {
		return "normal"
	}
	return d.Confidentiality
}
