package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// MaxNote bounds a direction's note (ý kiến chỉ đạo).
const MaxNote = 2_000

// Receipt is a recipient agency's copy of an issued document (văn bản đến).
type Receipt struct {
	DocumentID     string
	AgencyID       string
	Status         ReceiptStatus
	IncomingNumber int64 // số đến; 0 until registered
	IncomingYear   int
	IncomingSeries string // the register it is entered in (IncomingSeriesFor)
	RegisteredAt   *time.Time
	RegisteredBy   string
	Direction      *Direction
	// Set when a clerk refused it.
	RefusedAt    *time.Time
	RefusedBy    string
	RefuseReason string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Direction is a recipient leader's instruction: who leads, who cooperates,
// by when.
type Direction struct {
	LeadUnitID         string
	CooperatingUnitIDs []string
	DueDate            string
	Note               string
	DirectedBy         string
	DirectedAt         time.Time
}

// ExpectedTasks is how many tasks the direction gives rise to: one for the
// lead and one per cooperating unit.
func (d Direction) ExpectedTasks() int { return 1 + len(d.CooperatingUnitIDs) }

// ID names the receipt in events.
func (r Receipt) ID() string { return r.DocumentID + "/" + r.AgencyID }

// NewReceipts are the receipts issuing d creates: one per receiving agency.
func NewReceipts(d Document, now time.Time) []Receipt {
	var out []Receipt
	for _, agency := range d.ReceivingAgencies() {
		out = append(out, Receipt{DocumentID: d.ID, AgencyID: agency, Status: ReceiptReceived, CreatedAt: now, UpdatedAt: now})
	}
	return out
}

// checkReceipt refuses a step on a receipt of a revoked document or from
// the wrong status.
func (r Receipt) checkStatus(d Document, act Action, from ReceiptStatus) error {
	if d.Status == StatusRevoked {
		return apperr.Conflict(fmt.Sprintf("cannot %s a revoked document", act), string(StatusRevoked))
	}
	if r.Status != from {
		return apperr.Conflict(fmt.Sprintf("cannot %s a receipt that is %s", act, r.Status), string(r.Status))
	}
	return nil
}

// Register records the receipt in its agency's incoming register with
// number (taken from the register of IncomingSeriesFor(d) in the same
// transaction).
func (r *Receipt) Register(a Actor, d Document, number int64, now time.Time) (HistoryEntry, error) {
	if !a.clerks(r.AgencyID) {
		return HistoryEntry{}, apperr.Forbidden("only a clerk of the receiving agency registers it")
	}
	if err := r.checkStatus(d, ActionRegister, ReceiptReceived); err != nil {
		return HistoryEntry{}, err
	}
	if number < 1 {
		return HistoryEntry{}, fmt.Errorf("register: number %d out of range", number)
	}
	r.Status, r.IncomingNumber, r.IncomingYear = ReceiptRegistered, number, NumberingYear(now)
	r.IncomingSeries = IncomingSeriesFor(d)
	r.RegisteredAt, r.RegisteredBy, r.UpdatedAt = &now, a.UserID, now
	return r.entry(a, ActionRegister, now), nil
}

// Refuse records a clerk's refusal of a receipt that awaits
// registration, with a reason (for a document that came by exchange,
// status 02 goes back to its sender).
func (r *Receipt) Refuse(a Actor, d Document, reason string, now time.Time) (HistoryEntry, error) {
	reason = strings.TrimSpace(reason)
	if err := ValidateReason(reason); err != nil {
		return HistoryEntry{}, err
	}
	if !r.MayRefuse(a) {
		return HistoryEntry{}, apperr.Forbidden("only a clerk of the receiving agency refuses it")
	}
	if err := r.checkStatus(d, ActionRefuse, ReceiptReceived); err != nil {
		return HistoryEntry{}, err
	}
	r.Status, r.RefusedAt, r.RefusedBy, r.RefuseReason, r.UpdatedAt = ReceiptRefused, &now, a.UserID, reason, now
	h := r.entry(a, ActionRefuse, now)
	h.Reason = reason
	return h, nil
}

// MayDirect says whether a may direct the receipt: a leader of its agency
// unit, or of a recipient unit of the document inside that agency.
func (r Receipt) MayDirect(a Actor, d Document) bool {
	if a.leads(r.AgencyID) {
		return true
	}
	return a.Has(RoleLeader) && a.AgencyID == r.AgencyID &&
		slices.ContainsFunc(d.Recipients, func(rc Recipient) bool { return rc.UnitID == a.UnitID })
}

// DirectionInput is what a directing leader sends.
type DirectionInput struct {
	LeadUnitID         string
	CooperatingUnitIDs []string
	DueDate            string
	Note               string
}

// Validate checks the direction's fields that need no lookup.
func (in DirectionInput) Validate() error {
	var v apperr.Validator
	v.Check(strings.TrimSpace(in.LeadUnitID) != "", "lead_unit_id", "is required")
	seen := map[string]bool{}
	for _, c := range in.CooperatingUnitIDs {
		switch {
		case strings.TrimSpace(c) == "":
			v.Add("cooperating_unit_ids", "a unit id is empty")
		case c == in.LeadUnitID:
			v.Add("cooperating_unit_ids", "the lead unit does not also cooperate")
		case seen[c]:
			v.Add("cooperating_unit_ids", "unit "+c+" is named twice")
		}
		seen[c] = true
	}
	v.Check(len(in.CooperatingUnitIDs) <= MaxRecipients, "cooperating_unit_ids", "at most 500 units")
	v.Check(ValidDate(in.DueDate), "due_date", "is required, a date written YYYY-MM-DD")
	v.Check(utf8.RuneCountInString(in.Note) <= MaxNote, "note", "must be at most 2000 characters")
	return v.Err()
}

// Direct records the leader's direction. The units (lead and cooperating)
// must be units of the receipt's agency: it assigns work inside itself.
func (r *Receipt) Direct(a Actor, d Document, in DirectionInput, units []Unit, now time.Time) (HistoryEntry, error) {
	if !r.MayDirect(a, d) {
		return HistoryEntry{}, apperr.Forbidden("only a leader of the receiving agency or of a recipient unit in it directs it")
	}
	if err := in.Validate(); err != nil {
		return HistoryEntry{}, err
	}
	var v apperr.Validator
	for i, u := range units {
		field := "cooperating_unit_ids"
		if i == 0 {
			field = "lead_unit_id"
		}
		v.Check(u.AgencyID == r.AgencyID, field, "unit "+u.ID+" is not in the receiving agency")
	}
	if err := v.Err(); err != nil {
		return HistoryEntry{}, err
	}
	if err := r.checkStatus(d, ActionDirect, ReceiptRegistered); err != nil {
		return HistoryEntry{}, err
	}
	coop := in.CooperatingUnitIDs
	if coop == nil {
		coop = []string{}
	}
	r.Direction = &Direction{LeadUnitID: in.LeadUnitID, CooperatingUnitIDs: coop, DueDate: in.DueDate,
		Note: strings.TrimSpace(in.Note), DirectedBy: a.UserID, DirectedAt: now}
	r.Status, r.UpdatedAt = ReceiptDirected, now
	h := r.entry(a, ActionDirect, now)
	h.Reason = r.Direction.Note
	return h, nil
}

// entry records a receipt step in the document's history; the statuses are
// the document's, which does not change.
func (r Receipt) entry(a Actor, act Action, now time.Time) HistoryEntry {
	return HistoryEntry{DocumentID: r.DocumentID, Action: act, From: StatusIssued, To: StatusIssued,
		ActorID: a.UserID, ActorName: a.Name, At: now}
}

// VisibleThrough says whether a restricted, released document is seen by a
// through one of its receipts: the people a receipt names (the clerk who
// registered it, the leader who directed it, members of the units it was
// directed to) and those who must act on it next (the receiving agency's
// clerks while it awaits registration, its directing leaders while it
// awaits direction). A normal document needs none of this: VisibleTo
// covers every recipient agency's staff.
func (d Document) VisibleThrough(a Actor, rs []Receipt) bool {
	if !d.Confidentiality.Restricted() || !d.Released() || a.UserID == "" {
		return false
	}
	for _, r := range rs {
		if r.AgencyID != a.AgencyID && a.UserID != r.RegisteredBy {
			continue
		}
		switch {
		case a.UserID == r.RegisteredBy:
			return true
		case r.Status == ReceiptReceived && a.clerks(r.AgencyID):
			return true
		case r.Status == ReceiptRegistered && r.MayDirect(a, d):
			return true
		case r.Direction != nil && (a.UserID == r.Direction.DirectedBy || a.UnitID == r.Direction.LeadUnitID ||
			slices.Contains(r.Direction.CooperatingUnitIDs, a.UnitID)):
			return true
		}
	}
	return false
}
