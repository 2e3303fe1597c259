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
	// Routing is its chuyển xử lý, oldest step first.
	Routing   []RoutingStep
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Direction is a recipient leader's instruction: who leads, who cooperates,
// by when.
type Direction struct {
	// LeadUnitID is the lead unit, or the lead person's unit when a person
	// leads (LeadUserID): their task is that unit's, named to them.
	LeadUnitID         string
	LeadUserID         string
	CooperatingUnitIDs []string
	// CooperatingUsers are the cooperating persons, each with their unit.
	CooperatingUsers []Addressee
	DueDate          string
	Note             string
	DirectedBy       string
	DirectedAt       time.Time
}

// Names says whether the direction names a: as the lead person, or a
// member of the lead unit when no person leads (a lead person's unit
// stands as the lead unit only for their task), or as a cooperating
// person or member of a cooperating unit.
func (d Direction) Names(a Actor) bool {
	if a.UserID == "" {
		return false
	}
	lead := a.UserID == d.LeadUserID || (d.LeadUserID == "" && a.UnitID != "" && a.UnitID == d.LeadUnitID)
	return lead || slices.Contains(d.CooperatingUnitIDs, a.UnitID) ||
		slices.ContainsFunc(d.CooperatingUsers, func(x Addressee) bool { return x.UserID == a.UserID })
}

// ExpectedTasks is how many tasks the direction gives rise to: one for the
// lead and one per cooperating unit or person, none without a due date.
func (d Direction) ExpectedTasks() int {
	if !d.MakesTasks() {
		return 0
	}
	return 1 + len(d.CooperatingUnitIDs) + len(d.CooperatingUsers)
}

// MakesTasks says whether tasks follow (document.directed): a lead (a
// unit, or a person of a unit) and a deadline.
func (d Direction) MakesTasks() bool { return d.LeadUnitID != "" && d.DueDate != "" }

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

// DirectionInput is what a directing leader sends: a lead unit or person,
// cooperating and informed (để biết) units or people, a due date (none: no
// tasks), the direction's text (bút phê).
type DirectionInput struct {
	LeadUnitID         string
	LeadUserID         string
	LeadName           string // the lead person's name, looked up
	CooperatingUnitIDs []string
	CooperatingUserIDs []string
	InformedUnitIDs    []string
	InformedUserIDs    []string
	DueDate            string
	Note               string
	// People are where the persons it names work, as looked up.
	People map[string]PersonPlace
}

// PersonPlace is a person's unit and the agency at or above it.
type PersonPlace struct {
	Unit, Agency Unit
}

// Validate checks the direction's fields that need no lookup.
func (in DirectionInput) Validate() error {
	var v apperr.Validator
	lead := strings.TrimSpace(in.LeadUnitID) + strings.TrimSpace(in.LeadUserID)
	v.Check(lead != "", "lead_unit_id", "is required (or lead_user_id)")
	v.Check(in.LeadUnitID == "" || in.LeadUserID == "", "lead_user_id", "name one lead: a unit or a person")
	seen := map[string]bool{in.LeadUnitID: true, in.LeadUserID: true}
	for _, l := range []struct {
		field string
		ids   []string
	}{{"cooperating_unit_ids", in.CooperatingUnitIDs}, {"cooperating_user_ids", in.CooperatingUserIDs},
		{"informed_unit_ids", in.InformedUnitIDs}, {"informed_user_ids", in.InformedUserIDs}} {
		for _, c := range l.ids {
			switch {
			case strings.TrimSpace(c) == "":
				v.Add(l.field, "an id is empty")
			case c == in.LeadUnitID || c == in.LeadUserID:
				v.Add(l.field, "the lead is not also named here")
			case seen[c]:
				v.Add(l.field, c+" is named twice")
			}
			seen[c] = true
		}
		v.Check(len(l.ids) <= MaxRecipients, l.field, "at most 500")
	}
	v.Check(in.DueDate == "" || ValidDate(in.DueDate), "due_date", "must be a date written YYYY-MM-DD")
	v.Check(utf8.RuneCountInString(in.Note) <= MaxNote, "note", "must be at most 2000 characters")
	return v.Err()
}

// Direct records the leader's direction (bút phê) as a routing step: the
// holder directs once routing began, before it a leader who may direct
// the receipt. With a lead unit and a due date, tasks follow.
//
// The units it names (units: lead, cooperating, informed, as looked up)
// are units of the receipt's agency, or agencies directly beneath it: a
// province committee assigns its Sở.
func (r *Receipt) Direct(a Actor, d Document, stepID string, in DirectionInput, units []Unit, now time.Time) (HistoryEntry, error) {
	if err := in.Validate(); err != nil {
		return HistoryEntry{}, err
	}
	var v apperr.Validator
	for _, u := range units {
		field := "cooperating_unit_ids"
		switch {
		case u.ID == in.LeadUnitID:
			field = "lead_unit_id"
		case slices.Contains(in.InformedUnitIDs, u.ID):
			field = "informed_unit_ids"
		}
		v.Check(r.assignable(u), field, "unit "+u.ID+" is neither in the receiving agency nor an agency beneath it")
	}
	for _, l := range []struct {
		field string
		ids   []string
	}{{"lead_user_id", []string{in.LeadUserID}}, {"cooperating_user_ids", in.CooperatingUserIDs}, {"informed_user_ids", in.InformedUserIDs}} {
		for _, id := range l.ids {
			if p, ok := in.People[id]; ok {
				v.Check(r.assignable(p.Unit) || r.assignable(p.Agency), l.field,
					"person "+id+" is neither in the receiving agency nor an agency beneath it")
			} else if id != "" && l.field != "informed_user_ids" {
				// A lead or cooperating person's task is their unit's.
				v.Add(l.field, "person "+id+" belongs to no known unit")
			}
		}
	}
	if err := v.Err(); err != nil {
		return HistoryEntry{}, err
	}
	h, routed := r.Holder()
	switch {
	case routed && !(h.Held(a) && a.Has(RoleLeader)):
		return HistoryEntry{}, apperr.Forbidden("only the leader holding the document directs it")
	case !routed && !r.MayDirect(a, d):
		return HistoryEntry{}, apperr.Forbidden("only a leader of the receiving agency or of a recipient unit in it directs it")
	}
	if err := r.checkStatus(d, ActionDirect, ReceiptRegistered); err != nil {
		return HistoryEntry{}, err
	}
	note := strings.TrimSpace(in.Note)
	if lead := in.LeadUnitID + in.People[in.LeadUserID].Unit.ID; lead != "" {
		coop := in.CooperatingUnitIDs
		if coop == nil {
			coop = []string{}
		}
		r.Direction = &Direction{LeadUnitID: lead, LeadUserID: in.LeadUserID, CooperatingUnitIDs: coop, DueDate: in.DueDate,
			Note: note, DirectedBy: a.UserID, DirectedAt: now}
		for _, u := range in.CooperatingUserIDs {
			r.Direction.CooperatingUsers = append(r.Direction.CooperatingUsers, Addressee{UserID: u, UnitID: in.People[u].Unit.ID})
		}
	}
	r.directStep(a, stepID, in, now)
	r.Status, r.UpdatedAt = ReceiptDirected, now
	e := r.entry(a, ActionDirect, now)
	e.Reason = note
	return e, nil
}

// assignable says whether a direction may name unit u (or a person of
// it): a unit of the receipt's agency, or an agency directly beneath it.
func (r Receipt) assignable(u Unit) bool {
	return u.AgencyID == r.AgencyID || (u.Kind == UnitAgency && u.ParentID == r.AgencyID)
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
		if r.RoutedTo(a) {
			return true
		}
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
		case r.Direction != nil && (a.UserID == r.Direction.DirectedBy || r.Direction.Names(a)):
			return true
		}
	}
	return false
}
