package domain

import (
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
)

// Mark is a signing mark as a draft requests it and a signer uses it
// (Decree 30, Art. 13): "" on a request means the signer's own mark; on a
// decided signature it means no mark (the head of a head-led agency).
type Mark string

const (
	MarkTM  Mark = "TM"  // on behalf of a collective body: its head signs
	MarkKT  Mark = "KT"  // a deputy signs for the head
	MarkQ   Mark = "Q"   // the acting head
	MarkTL  Mark = "TL"  // by order: a head of office or division
	MarkTUQ Mark = "TUQ" // by a time-boxed written authorisation
)

// ParseMark reads a requested mark. The printed form with its dot
// ("KT.") is accepted too: clients sent it before marks were requested on
// drafts, and the console still offers it.
func ParseMark(s string) (Mark, bool) {
	m := Mark(strings.TrimSuffix(strings.TrimSpace(s), "."))
	switch m {
	case "", MarkTM, MarkKT, MarkQ, MarkTL, MarkTUQ:
		return m, true
	}
	return "", false
}

// Printed is the mark as the signature block and the signer's
// signing_mark show it: "KT.", or "" for none.
func (m Mark) Printed() SigningMark {
	if m == "" {
		return ""
	}
	return SigningMark(m + ".")
}

// Position is a person's place in their agency (identity's names,
// pkg/identityview); "" is unset.
type Position string

const (
	PositionHead         Position = identityview.PositionHead
	PositionDeputy       Position = identityview.PositionDeputy
	PositionActingHead   Position = identityview.PositionActingHead
	PositionOfficeHead   Position = identityview.PositionOfficeHead
	PositionDivisionHead Position = identityview.PositionDivisionHead
)

// Regime is how an agency is led (identity's names); "" is unset.
type Regime string

const (
	// RegimeCollective: a collective body (a UBND) whose head signs TM.
	RegimeCollective Regime = identityview.RegimeCollective
	// RegimeHeadLed: a head decides (a Sở) and signs in their own right.
	RegimeHeadLed Regime = identityview.RegimeHeadLed
)

// AgencyFacts are what identity says of an agency that its signature
// blocks print.
type AgencyFacts struct {
	ID             string
	Name           string
	Regime         Regime
	HeadTitle      string // "Chủ tịch", "Giám đốc"
	CollectiveName string // "Ủy ban nhân dân"; "" means Name
}

// PersonFacts are what identity says of a signer.
type PersonFacts struct {
	Title    string // chức vụ, as printed under the mark
	Position Position
}

// SigningAuthority is everything that decides which marks a person may
// sign their agency's documents with: the signer, their facts, their
// agency's, the kinds it lets its office and division heads sign TL.,
// the authorisations granted to the signer, and today's date in Viet Nam
// (which authorisations are in force).
type SigningAuthority struct {
	Signer         Actor
	Person         PersonFacts
	Agency         AgencyFacts
	TLKinds        []Kind
	Authorisations []Authorisation
	Today          string // YYYY-MM-DD
}

// Grant is one mark a person may sign a kind with; Authorisation is set
// for TUQ.
type Grant struct {
	Mark          Mark
	Authorisation *Authorisation
}

// position is the signer's position as the rules count it: a leader of
// the agency itself whose position is not set counts as its head, so that
// data from before positions existed keeps working; anyone else unset has
// none.
func (s SigningAuthority) position() Position {
	if s.Person.Position != "" {
		return s.Person.Position
	}
	if s.Signer.leads(s.Agency.ID) {
		return PositionHead
	}
	return ""
}

// Grants lists the marks the signer may sign a document of kind with, the
// signer's own mark (by position) first, then TUQ. under the first
// authorisation in force for kind. Empty: the signer may not sign it.
func (s SigningAuthority) Grants(kind Kind) []Grant {
	if s.Agency.ID == "" || s.Signer.AgencyID != s.Agency.ID {
		return nil
	}
	var out []Grant
	switch s.position() {
	case PositionHead:
		// An agency whose regime is not set counts as head-led.
		if s.Agency.Regime == RegimeCollective {
			out = append(out, Grant{Mark: MarkTM})
		} else {
			out = append(out, Grant{Mark: ""})
		}
	case PositionDeputy:
		out = append(out, Grant{Mark: MarkKT})
	case PositionActingHead:
		out = append(out, Grant{Mark: MarkQ})
	case PositionOfficeHead, PositionDivisionHead:
		if slices.Contains(s.TLKinds, kind) {
			out = append(out, Grant{Mark: MarkTL})
		}
	}
	for i := range s.Authorisations {
		if au := s.Authorisations[i]; au.Covers(s.Signer.UserID, s.Agency.ID, kind, ScopeSign, s.Today) {
			out = append(out, Grant{Mark: MarkTUQ, Authorisation: &au})
			break
		}
	}
	return out
}

// MaySign reports whether the signer may sign a document of kind at all.
func (s SigningAuthority) MaySign(kind Kind) bool { return len(s.Grants(kind)) > 0 }

// Decide picks the mark a document of kind is signed with: requested, or
// the signer's own mark when none is requested. A mark the signer may not
// use for kind is a 403.
func (s SigningAuthority) Decide(kind Kind, requested Mark) (Grant, error) {
	grants := s.Grants(kind)
	if len(grants) == 0 {
		return Grant{}, apperr.Forbidden("you may not sign a " + string(kind) + " of this agency")
	}
	if requested == "" {
		return grants[0], nil
	}
	for _, g := range grants {
		if g.Mark == requested {
			return g, nil
		}
	}
	return Grant{}, apperr.Forbidden("you may not sign a " + string(kind) + " under " + string(requested.Printed()))
}

// Signature is the signer the grant makes: who signs, under which mark,
// and the block's two printed lines as Decree 30 shows them.
func (s SigningAuthority) Signature(g Grant) Signer {
	head := upper(s.headTitle())
	title := upper(s.Person.Title)
	sg := Signer{UserID: s.Signer.UserID, FullName: s.Signer.Name, Title: s.Person.Title, SigningMark: g.Mark.Printed()}
	switch g.Mark {
	case MarkTM:
		body := s.Agency.CollectiveName
		if body == "" {
			body = s.Agency.Name
		}
		sg.MarkLine, sg.PositionLine = "TM. "+upper(body), firstOf(upper(s.Agency.HeadTitle), title, head)
	case MarkKT, MarkTL, MarkTUQ:
		sg.MarkLine, sg.PositionLine = string(g.Mark.Printed())+" "+head, title
	case MarkQ:
		// The decree prints the acting head's block as one line, "Q. GIÁM
		// ĐỐC", above the signature.
		sg.MarkLine = "Q. " + head
	default:
		sg.PositionLine = firstOf(upper(s.Agency.HeadTitle), title, head)
	}
	if g.Authorisation != nil {
		sg.AuthorisationID = g.Authorisation.ID
		sg.AuthorisedByID, sg.AuthorisedByName = g.Authorisation.Grantor.UserID, g.Authorisation.Grantor.FullName
	}
	return sg
}

// headTitle is the head's title the marks name, with the usual one when
// identity has none: Chủ tịch of a collective body, Thủ trưởng (the
// decree's generic head) otherwise.
func (s SigningAuthority) headTitle() string {
	switch {
	case s.Agency.HeadTitle != "":
		return s.Agency.HeadTitle
	case s.Agency.Regime == RegimeCollective:
		return "Chủ tịch"
	default:
		return "Thủ trưởng"
	}
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
