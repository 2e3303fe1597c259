package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Scopes of an authorisation.
const (
	// ScopeSign lets the grantee sign the covered kinds under TUQ.
	ScopeSign = "sign"
	// ScopeInbox lets the grantee handle the grantor's inbox while away.
	// It is recorded and shown; routing incoming documents to the grantee
	// comes with the routing of incoming documents between people, which
	// does not exist yet.
	ScopeInbox = "inbox"
)

// MaxAuthorisationNote bounds an authorisation's note.
const MaxAuthorisationNote = 2_000

// Authorisation (ủy quyền) is a head's written, time-boxed grant to a
// person of their agency. It grants nothing outside From–To (dates in
// Viet Nam, both inclusive), so it ends by itself; its grantor may end it
// sooner (Revoke).
type Authorisation struct {
	ID        string
	AgencyID  string
	Grantor   Person
	Grantee   Person
	From, To  string // YYYY-MM-DD
	Kinds     []Kind
	Scope     string
	Note      string
	CreatedAt time.Time
	RevokedAt *time.Time
	RevokedBy string
}

// AuthorisationInput is what a grantor sends.
type AuthorisationInput struct {
	GranteeID string
	From, To  string
	Kinds     []string
	Scope     string
	Note      string
}

// Validate checks what needs no lookup; today is the date in Viet Nam.
func (in AuthorisationInput) Validate(today string) error {
	var v apperr.Validator
	v.Check(strings.TrimSpace(in.GranteeID) != "", "grantee_id", "is required")
	v.Check(ValidDate(in.From), "from", "must be a date written YYYY-MM-DD")
	v.Check(ValidDate(in.To), "to", "must be a date written YYYY-MM-DD")
	if ValidDate(in.From) && ValidDate(in.To) {
		v.Check(in.From <= in.To, "to", "must not be before from")
		v.Check(in.To >= today, "to", "must not be in the past")
	}
	v.Check(in.Scope == ScopeSign || in.Scope == ScopeInbox, "scope", `must be "sign" or "inbox"`)
	v.Check(in.Scope != ScopeSign || len(in.Kinds) > 0, "kinds", "name the kinds the grantee may sign")
	seen := map[string]bool{}
	for _, k := range in.Kinds {
		v.Check(Kind(k).Valid(), "kinds", "unknown document kind "+k)
		v.Check(!seen[k], "kinds", "kind "+k+" is named twice")
		seen[k] = true
	}
	v.Check(utf8.RuneCountInString(in.Note) <= MaxAuthorisationNote, "note", "must be at most 2000 characters")
	return v.Err()
}

// MayGrant reports whether a may grant authorisations: a head of their
// agency (a leader of the agency itself whose position is not set counts
// as its head, as for signing).
func MayGrant(a Actor, p PersonFacts) bool {
	if a.AgencyID == "" {
		return false
	}
	return p.Position == PositionHead || (p.Position == "" && a.leads(a.AgencyID))
}

// NewAuthorisation records a's grant to grantee, a person of a's agency
// (grantee's agency: granteeAgency).
func NewAuthorisation(id string, a Actor, p PersonFacts, in AuthorisationInput, grantee Person, granteeAgency string, now time.Time) (Authorisation, error) {
	if !MayGrant(a, p) {
		return Authorisation{}, apperr.Forbidden("only the head of an agency grants authorisations")
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := in.Validate(Today(now)); err != nil {
		return Authorisation{}, err
	}
	if granteeAgency != a.AgencyID {
		return Authorisation{}, apperr.Invalid("grantee outside the agency",
			apperr.FieldError{Field: "grantee_id", Message: "must be a person of your agency"})
	}
	if grantee.UserID == a.UserID {
		return Authorisation{}, apperr.Invalid("self-authorisation",
			apperr.FieldError{Field: "grantee_id", Message: "must be someone else"})
	}
	au := Authorisation{ID: id, AgencyID: a.AgencyID, Grantor: Person{UserID: a.UserID, FullName: a.Name},
		Grantee: grantee, From: in.From, To: in.To, Scope: in.Scope, Note: in.Note, CreatedAt: now}
	for _, k := range in.Kinds {
		au.Kinds = append(au.Kinds, Kind(k))
	}
	return au, nil
}

// Today is the date in Viet Nam at t.
func Today(t time.Time) string { return t.In(Zone).Format(DateLayout) }

// InForce reports whether the authorisation grants anything on day
// (YYYY-MM-DD in Viet Nam).
func (au Authorisation) InForce(day string) bool {
	return au.RevokedAt == nil && au.From <= day && day <= au.To
}

// Covers reports whether the authorisation lets grantee act in scope for a
// document of kind of agency on day.
func (au Authorisation) Covers(grantee, agency string, kind Kind, scope, day string) bool {
	return au.InForce(day) && au.Grantee.UserID == grantee && au.AgencyID == agency &&
		au.Scope == scope && slices.Contains(au.Kinds, kind)
}

// VisibleTo reports whether a sees the authorisation: its two people, and
// the administrators of its agency.
func (au Authorisation) VisibleTo(a Actor) bool {
	return a.UserID != "" && (a.UserID == au.Grantor.UserID || a.UserID == au.Grantee.UserID ||
		(a.Has(RoleAdmin) && a.AgencyID != "" && a.AgencyID == au.AgencyID))
}

// Revoke ends the authorisation now; only its grantor does, and only once.
func (au *Authorisation) Revoke(a Actor, now time.Time) error {
	if !au.VisibleTo(a) {
		return apperr.NotFound("authorisation")
	}
	if a.UserID != au.Grantor.UserID {
		return apperr.Forbidden("only the grantor revokes an authorisation")
	}
	if au.RevokedAt != nil {
		return apperr.Conflict("the authorisation is already revoked", "revoked")
	}
	au.RevokedAt, au.RevokedBy = &now, a.UserID
	return nil
}
