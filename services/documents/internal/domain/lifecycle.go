package domain

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Action is a step of the outgoing lifecycle.
type Action string

const (
	ActionCreate  Action = "create"
	ActionSubmit  Action = "submit"
	ActionApprove Action = "approve"
	ActionReject  Action = "reject"
	ActionIssue   Action = "issue"
	ActionEdit    Action = "edit"
	ActionRevoke  Action = "revoke"
	// Steps of a receipt, recorded in the same history.
	ActionRegister Action = "register"
	ActionDirect   Action = "direct"
	ActionRefuse   Action = "refuse"
	// A document from outside entering the agency (paper or exchange).
	ActionReceive Action = "receive"
)

// rule is one transition: the state it starts from, the state it leads to
// and who may take it.
type rule struct {
	from, to Status
	who      string // said in the 403
	may      func(d Document, a Actor) bool
}

var rules = map[Action]rule{
	ActionSubmit: {StatusDraft, StatusPendingApproval, "only the drafter submits a draft",
		func(d Document, a Actor) bool { return a.UserID != "" && a.UserID == d.Drafter.UserID }},
	// Approval is the signer's: SigningAuthority decides who (Approve).
	ActionApprove: {StatusPendingApproval, StatusApproved, "only a person allowed to sign it approves", nil},
	ActionReject:  {StatusPendingApproval, StatusDraft, "only a person allowed to sign it rejects", nil},
	ActionIssue: {StatusApproved, StatusIssued, "only a clerk of the issuing agency issues",
		func(d Document, a Actor) bool { return a.clerks(d.IssuerUnitID) }},
	ActionEdit: {StatusDraft, StatusDraft, "only the drafter edits a draft",
		func(d Document, a Actor) bool { return a.UserID != "" && a.UserID == d.Drafter.UserID }},
	ActionRevoke: {StatusIssued, StatusRevoked, "only a leader of the issuing agency revokes",
		func(d Document, a Actor) bool { return a.leads(d.IssuerUnitID) }},
}

// ErrDocumentNotFound is what a caller who may not see a document gets.
func ErrDocumentNotFound() error { return apperr.NotFound("document") }

// HistoryEntry records one transition.
type HistoryEntry struct {
	ID         string
	DocumentID string
	Action     Action
	From, To   Status // From is empty for creation
	ActorID    string
	ActorName  string
	At         time.Time
	TraceID    string
	Reason     string
}

// VisibleTo says whether a may see the document at all (DOMAIN.md "Who sees
// what"). A restricted document is seen only by the people named on it and
// by whoever must act on it next (the approving leaders while it waits for
// approval, the issuing clerks once approved): without them it could never
// be signed or issued.
func (d Document) VisibleTo(a Actor) bool {
	if a.UserID == "" {
		return false
	}
	if a.Exchange {
		// Exactly what is sent outside: released, not confidential (those
		// never get external recipients), addressed to an organisation.
		return d.Released() && !d.Confidentiality.Restricted() && len(d.ExternalRecipients) > 0
	}
	if d.Confidentiality.Restricted() {
		named := a.UserID == d.Drafter.UserID || a.UserID == d.IssuedBy ||
			(d.Signer != nil && a.UserID == d.Signer.UserID)
		return named ||
			(d.Status == StatusPendingApproval && a.leads(d.IssuerUnitID)) ||
			(d.Status == StatusApproved && a.clerks(d.IssuerUnitID))
	}
	if a.AgencyID == "" {
		return false
	}
	if a.AgencyID == d.IssuerUnitID {
		return true
	}
	if !d.Released() {
		return false
	}
	for _, r := range d.Recipients {
		if r.AgencyID == a.AgencyID {
			return true
		}
	}
	return false
}

// IsIssuerStaff reports whether a works in the issuing agency (and so sees
// every recipient's receipt).
func (d Document) IsIssuerStaff(a Actor) bool {
	return a.AgencyID != "" && a.AgencyID == d.IssuerUnitID
}

// Check says whether a may take act now: 404 when a may not see the
// document, 403 when a may not take the step, 409 when the status forbids it.
func (d Document) Check(a Actor, act Action) error {
	r, ok := rules[act]
	if !ok {
		return fmt.Errorf("document: unknown action %q", act)
	}
	if !d.VisibleTo(a) {
		return ErrDocumentNotFound()
	}
	if r.may == nil || !r.may(d, a) {
		return apperr.Forbidden(r.who)
	}
	return d.checkStatus(act)
}

// checkStatus is the 409 of a step the status forbids.
func (d Document) checkStatus(act Action) error {
	if r := rules[act]; d.Status != r.from {
		return apperr.Conflict(fmt.Sprintf("cannot %s a document that is %s", act, d.Status), string(d.Status))
	}
	return nil
}

func (d *Document) apply(a Actor, act Action, now time.Time, reason string) (HistoryEntry, error) {
	if err := d.Check(a, act); err != nil {
		return HistoryEntry{}, err
	}
	return d.step(a, act, now, reason), nil
}

// step moves the document along act, already checked.
func (d *Document) step(a Actor, act Action, now time.Time, reason string) HistoryEntry {
	r := rules[act]
	d.Status, d.UpdatedAt = r.to, now
	return HistoryEntry{
		DocumentID: d.ID, Action: act, From: r.from, To: r.to,
		ActorID: a.UserID, ActorName: a.Name, At: now, Reason: reason,
	}
}

// Created is the history entry of a new draft.
func (d Document) Created(a Actor) HistoryEntry {
	return HistoryEntry{
		DocumentID: d.ID, Action: ActionCreate, To: StatusDraft,
		ActorID: a.UserID, ActorName: a.Name, At: d.CreatedAt,
	}
}

// Submit sends the draft for approval.
func (d *Document) Submit(a Actor, now time.Time) (HistoryEntry, error) {
	if err := d.Check(a, ActionSubmit); err != nil {
		return HistoryEntry{}, err
	}
	if d.NeedsDraftingDivision() {
		return HistoryEntry{}, ErrNoDraftingDivision(d.Status)
	}
	return d.apply(a, ActionSubmit, now, "")
}

// Approve signs the document under requested (the draft's requested
// mark when empty, else the signer's own), as auth allows: the signer
// becomes its signer, with the block's printed lines and, under an
// authorisation, its grantor. Someone who may sign the document's kind
// sees it while it waits, even when it is restricted; a mark the signer
// may not use for the kind is a 403 and changes nothing.
func (d *Document) Approve(auth SigningAuthority, requested string, now time.Time) (HistoryEntry, error) {
	m, ok := ParseMark(requested)
	if !ok {
		return HistoryEntry{}, apperr.Invalid("unknown signing mark",
			apperr.FieldError{Field: "signing_mark", Message: `must be one of "TM", "KT", "Q", "TL", "TUQ" (or empty)`})
	}
	if m == "" {
		m = d.RequestedMark
	}
	if err := d.checkSigner(auth, ActionApprove); err != nil {
		return HistoryEntry{}, err
	}
	g, err := auth.Decide(d.Kind, m)
	if err != nil {
		return HistoryEntry{}, err
	}
	h := d.step(auth.Signer, ActionApprove, now, "")
	sg := auth.Signature(g)
	d.Signer = &sg
	d.ApprovedAt = &now
	return h, nil
}

// checkSigner says whether auth's signer may take act (approve or
// reject) now: whoever may sign the document's kind for its agency may,
// and sees it while it waits even when it is restricted; 404, 403 and
// 409 as Check.
func (d Document) checkSigner(auth SigningAuthority, act Action) error {
	a := auth.Signer
	may := a.UserID != "" && auth.Agency.ID == d.IssuerUnitID && auth.MaySign(d.Kind)
	if !d.VisibleTo(a) && !(may && d.Status == StatusPendingApproval) {
		return ErrDocumentNotFound()
	}
	if !may {
		return apperr.Forbidden(rules[act].who)
	}
	return d.checkStatus(act)
}

// ValidateReason checks a rejection (or later revocation) reason.
func ValidateReason(reason string) error {
	var v apperr.Validator
	v.Check(strings.TrimSpace(reason) != "", "reason", "is required")
	v.Check(utf8.RuneCountInString(reason) <= MaxReason, "reason", "must be at most 2000 characters")
	return v.Err()
}

// Reject sends the document back to its drafter: whoever may sign it
// (auth) may.
func (d *Document) Reject(auth SigningAuthority, reason string, now time.Time) (HistoryEntry, error) {
	reason = strings.TrimSpace(reason)
	if err := ValidateReason(reason); err != nil {
		return HistoryEntry{}, err
	}
	if err := d.checkSigner(auth, ActionReject); err != nil {
		return HistoryEntry{}, err
	}
	h := d.step(auth.Signer, ActionReject, now, reason)
	// A rejected draft is signed by no one yet.
	d.Signer, d.ApprovedAt = nil, nil
	return h, nil
}

// Issue numbers the document and releases it. The number comes from the
// agency's register of SeriesFor(d), taken in the same transaction (see
// the store).
func (d *Document) Issue(a Actor, number int64, issuer, drafting Unit, now time.Time) (HistoryEntry, error) {
	if err := d.Check(a, ActionIssue); err != nil {
		return HistoryEntry{}, err
	}
	if number < 1 {
		return HistoryEntry{}, fmt.Errorf("issue: number %d out of range", number)
	}
	if issuer.ID != d.IssuerUnitID {
		return HistoryEntry{}, fmt.Errorf("issue: issuer %s is not the document's %s", issuer.ID, d.IssuerUnitID)
	}
	notation, err := Notation(*d, number, NumberingYear(now), issuer, drafting)
	if err != nil {
		return HistoryEntry{}, err
	}
	h, err := d.apply(a, ActionIssue, now, "")
	if err != nil {
		return h, err
	}
	d.Number, d.NumberYear, d.Series, d.Notation = number, NumberingYear(now), SeriesFor(*d), notation
	d.IssuedAt, d.IssuedBy = &now, a.UserID
	return h, nil
}

// Edit replaces the draft's content with in (already normalized and
// validated, its units resolved in recipients).
func (d *Document) Edit(a Actor, in DraftInput, recipients []Unit, now time.Time) (HistoryEntry, error) {
	if err := d.Check(a, ActionEdit); err != nil {
		return HistoryEntry{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return HistoryEntry{}, err
	}
	h, err := d.apply(a, ActionEdit, now, "")
	if err != nil {
		return h, err
	}
	d.Kind, d.Summary, d.Body = Kind(in.Kind), in.Summary, in.Body
	d.Urgency, d.Confidentiality, d.DueDate = Urgency(in.Urgency), Confidentiality(in.Confidentiality), in.DueDate
	d.ImplementsDocumentID, d.InReplyToDocumentID, d.Items = in.ImplementsDocumentID, in.InReplyToDocumentID, in.Items
	d.RequestedMark = Mark(in.RequestedMark)
	d.Normative, d.DraftingUnitID = in.Normative, cmp.Or(in.DraftingUnitID, a.UnitID)
	d.Recipients = nil
	for _, u := range recipients {
		d.Recipients = append(d.Recipients, Recipient{UnitID: u.ID, AgencyID: u.AgencyID})
	}
	return h, nil
}

// Revoke withdraws an issued document (thu hồi); its tasks are cancelled by
// the tasks service on document.revoked.
func (d *Document) Revoke(a Actor, reason string, now time.Time) (HistoryEntry, error) {
	reason = strings.TrimSpace(reason)
	if err := ValidateReason(reason); err != nil {
		return HistoryEntry{}, err
	}
	h, err := d.apply(a, ActionRevoke, now, reason)
	if err != nil {
		return h, err
	}
	d.RevokedAt, d.RevokedBy, d.RevokeReason = &now, a.UserID, reason
	return h, nil
}
