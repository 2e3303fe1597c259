package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// StepKind is what one routing step (chuyển xử lý) did.
type StepKind string

// Routing step kinds.
const (
	StepForward StepKind = "forward" // chuyển: to a proposer or a leader
	StepPropose StepKind = "propose" // đề xuất: a proposal, to a leader
	StepDirect  StepKind = "direct"  // bút phê: direction and assignment
	StepAssign  StepKind = "assign"  // giao xử lý: inside a unit
	StepReturn  StepKind = "return"  // trả lại: one step back, with a reason
	StepRead    StepKind = "read"    // đã xem: a for-information reader
)

// Addressee is a unit or a person a direction names.
type Addressee struct {
	UnitID string `json:"unit_id,omitempty"`
	UserID string `json:"user_id,omitempty"`
}

// RoutingStep is one step of a receipt's routing: who passed it to whom,
// when, with what note. A direction also names cooperating and informed
// units or people, and a due date.
type RoutingStep struct {
	ID          string
	Seq         int
	Kind        StepKind
	FromUserID  string
	FromName    string
	ToUserID    string
	ToName      string
	ToUnitID    string
	Note        string
	DueDate     string
	Cooperating []Addressee
	Informed    []Addressee
	At          time.Time
}

// Holder is who holds a routed receipt: a person, or the leaders of a unit.
type Holder struct {
	UserID string
	UnitID string
}

// Held says whether a acts for h.
func (h Holder) Held(a Actor) bool {
	return (h.UserID != "" && h.UserID == a.UserID) ||
		(h.UnitID != "" && a.Has(RoleLeader) && a.UnitID == h.UnitID)
}

// chain replays the routing: the steps still in force (a return undoes the
// last of them) and who holds the receipt now (zero before any step).
func (r Receipt) chain() ([]RoutingStep, Holder) {
	var stack []RoutingStep
	var h Holder
	for _, s := range r.Routing {
		switch s.Kind {
		case StepRead:
			continue
		case StepReturn:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			h = Holder{UserID: s.ToUserID}
		default:
			stack = append(stack, s)
			h = Holder{UserID: s.ToUserID, UnitID: s.ToUnitID}
		}
	}
	return stack, h
}

// Holder is who holds the receipt now; ok is false before any step.
func (r Receipt) Holder() (Holder, bool) {
	_, h := r.chain()
	return h, h != Holder{}
}

// MayRoute says whether a may take the next step of the receipt: its
// holder, or before any step the agency's clerks and directing leaders.
func (r Receipt) MayRoute(a Actor, d Document) bool {
	if h, ok := r.Holder(); ok {
		return h.Held(a)
	}
	return r.Status == ReceiptRegistered && (a.clerks(r.AgencyID) || r.MayDirect(a, d))
}

// Informs says whether a direction named a (or a's unit) for information.
func (r Receipt) Informs(a Actor) bool {
	for _, s := range r.Routing {
		if s.Kind == StepDirect && slices.ContainsFunc(s.Informed, func(x Addressee) bool { return x.names(a) }) {
			return true
		}
	}
	return false
}

// HasRead says whether a marked the receipt read.
func (r Receipt) HasRead(a Actor) bool {
	return slices.ContainsFunc(r.Routing, func(s RoutingStep) bool { return s.Kind == StepRead && s.FromUserID == a.UserID })
}

func (x Addressee) names(a Actor) bool {
	return (x.UserID != "" && x.UserID == a.UserID) || (x.UnitID != "" && x.UnitID == a.UnitID)
}

// RoutedTo says whether the routing names a: as sender or receiver of a
// step, or a cooperating or informed unit or person. They see the document
// (a Sở a leader assigns it to is not among its recipients).
func (r Receipt) RoutedTo(a Actor) bool {
	if a.UserID == "" {
		return false
	}
	for _, s := range r.Routing {
		if s.FromUserID == a.UserID || s.ToUserID == a.UserID || (s.ToUnitID != "" && s.ToUnitID == a.UnitID) ||
			slices.ContainsFunc(s.Cooperating, func(x Addressee) bool { return x.names(a) }) ||
			slices.ContainsFunc(s.Informed, func(x Addressee) bool { return x.names(a) }) {
			return true
		}
	}
	return false
}

// Pass is a forward, proposal or assignment: to a person or (assign) a unit.
type Pass struct {
	Kind     StepKind
	ToUserID string
	ToName   string
	ToUnitID string
	Note     string
}

// checkRoute refuses a step by someone who does not hold the receipt, or
// in a status the step does not follow.
func (r Receipt) checkRoute(a Actor, d Document, act Action, from ReceiptStatus) error {
	if !r.MayRoute(a, d) {
		return apperr.Forbidden("only the person holding the document routes it on")
	}
	return r.checkStatus(d, act, from)
}

func validNote(v *apperr.Validator, field, note string) {
	v.Check(utf8.RuneCountInString(note) <= MaxNote, field, "must be at most 2000 characters")
}

// Route records a forward or a proposal (before the direction) or an
// assignment inside a unit (after it).
func (r *Receipt) Route(a Actor, d Document, id string, p Pass, now time.Time) (RoutingStep, error) {
	p.Note = strings.TrimSpace(p.Note)
	var v apperr.Validator
	switch p.Kind {
	case StepForward:
		v.Check(p.ToUserID != "", "to_user_id", "is required")
	case StepPropose:
		v.Check(p.ToUserID != "", "to_user_id", "is required")
		v.Check(p.Note != "", "note", "a proposal is required")
	case StepAssign:
		v.Check((p.ToUserID == "") != (p.ToUnitID == ""), "to_unit_id", "name one unit or one person (to_user_id)")
	default:
		return RoutingStep{}, fmt.Errorf("route: kind %q", p.Kind)
	}
	v.Check(p.ToUserID == "" || p.ToUserID != a.UserID, "to_user_id", "is yourself")
	validNote(&v, "note", p.Note)
	if err := v.Err(); err != nil {
		return RoutingStep{}, err
	}
	from := ReceiptRegistered
	if p.Kind == StepAssign {
		from = ReceiptDirected
	}
	if err := r.checkRoute(a, d, Action(p.Kind), from); err != nil {
		return RoutingStep{}, err
	}
	return r.add(RoutingStep{ID: id, Kind: p.Kind, FromUserID: a.UserID, FromName: a.Name, ToUserID: p.ToUserID,
		ToName: p.ToName, ToUnitID: p.ToUnitID, Note: p.Note, At: now}), nil
}

// Return sends the receipt one step back, to whoever passed it on, with a
// reason.
func (r *Receipt) Return(a Actor, d Document, id, reason, toName string, now time.Time) (RoutingStep, error) {
	reason = strings.TrimSpace(reason)
	if err := ValidateReason(reason); err != nil {
		return RoutingStep{}, err
	}
	if d.Status == StatusRevoked {
		return RoutingStep{}, apperr.Conflict("cannot return a revoked document", string(StatusRevoked))
	}
	h, ok := r.Holder()
	if !ok || !h.Held(a) {
		return RoutingStep{}, apperr.Forbidden("only the person holding the document returns it")
	}
	back, ok := r.ReturnsTo()
	if !ok {
		return RoutingStep{}, apperr.Conflict("nothing to return: the document came to nobody before you", string(r.Status))
	}
	if back.Kind == StepDirect {
		return RoutingStep{}, apperr.Conflict("a direction made tasks: ask its leader instead of returning it", string(r.Status))
	}
	return r.add(RoutingStep{ID: id, Kind: StepReturn, FromUserID: a.UserID, FromName: a.Name,
		ToUserID: back.FromUserID, ToName: toName, Note: reason, At: now}), nil
}

// ReturnsTo is the step a return would undo: its sender gets it back.
func (r Receipt) ReturnsTo() (RoutingStep, bool) {
	stack, _ := r.chain()
	if len(stack) == 0 {
		return RoutingStep{}, false
	}
	return stack[len(stack)-1], true
}

// MarkRead records that a for-information reader read it.
func (r *Receipt) MarkRead(a Actor, id string, now time.Time) (RoutingStep, error) {
	if !r.Informs(a) {
		return RoutingStep{}, apperr.Forbidden("only those it was sent to for information mark it read")
	}
	if r.HasRead(a) {
		return RoutingStep{}, apperr.Conflict("already marked read", "read")
	}
	return r.add(RoutingStep{ID: id, Kind: StepRead, FromUserID: a.UserID, FromName: a.Name, At: now}), nil
}

func (r *Receipt) add(s RoutingStep) RoutingStep {
	s.Seq = len(r.Routing) + 1
	r.Routing = append(r.Routing, s)
	r.UpdatedAt = s.At
	return s
}

// directStep records the direction as a routing step.
func (r *Receipt) directStep(a Actor, id string, in DirectionInput, now time.Time) RoutingStep {
	var coop, inf []Addressee
	for _, u := range in.CooperatingUnitIDs {
		coop = append(coop, Addressee{UnitID: u})
	}
	for _, u := range in.CooperatingUserIDs {
		coop = append(coop, Addressee{UserID: u})
	}
	for _, u := range in.InformedUnitIDs {
		inf = append(inf, Addressee{UnitID: u})
	}
	for _, u := range in.InformedUserIDs {
		inf = append(inf, Addressee{UserID: u})
	}
	return r.add(RoutingStep{ID: id, Kind: StepDirect, FromUserID: a.UserID, FromName: a.Name, ToUserID: in.LeadUserID,
		ToName: in.LeadName, ToUnitID: in.LeadUnitID, Note: strings.TrimSpace(in.Note), DueDate: in.DueDate,
		Cooperating: coop, Informed: inf, At: now})
}

// Actions are the routing steps a may take on the receipt now, by kind.
func (r Receipt) Actions(a Actor, d Document) []StepKind {
	var out []StepKind
	if d.Status != StatusRevoked && r.MayRoute(a, d) {
		switch r.Status {
		case ReceiptRegistered:
			out = append(out, StepForward, StepPropose)
			if a.Has(RoleLeader) {
				out = append(out, StepDirect)
			}
		case ReceiptDirected:
			out = append(out, StepAssign)
		}
		if back, ok := r.ReturnsTo(); ok && back.Kind != StepDirect {
			out = append(out, StepReturn)
		}
	}
	if r.Informs(a) && !r.HasRead(a) {
		out = append(out, StepRead)
	}
	return out
}

// StepEntry is a routing step's entry in the document's history.
func (r Receipt) StepEntry(a Actor, s RoutingStep) HistoryEntry {
	h := r.entry(a, Action(s.Kind), s.At)
	h.Reason = s.Note
	return h
}

// BoxForInformation of GET /v1/documents: what a direction sent the
// caller (or their unit) for information only, until they mark it read.
const BoxForInformation = "for_information"
