package domain

import (
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// DefaultTLKinds are the kinds an office or division head signs TL. for
// the head until the agency says otherwise: the everyday correspondence
// that agencies' working rules (quy chế làm việc) commonly leave to the
// Chánh Văn phòng — letters, notices and invitations — and never the
// decisions, directives or plans that bind the agency, which the head or
// a deputy signs.
var DefaultTLKinds = []Kind{KindOfficialLetter, KindNotice, KindInvitation}

// SigningRules are an agency's own signing settings.
type SigningRules struct {
	AgencyID string
	// TLKinds are the kinds its office and division heads may sign TL.
	TLKinds   []Kind
	UpdatedAt time.Time
	UpdatedBy string
}

// DefaultSigningRules are the rules of an agency that set none.
func DefaultSigningRules(agencyID string) SigningRules {
	return SigningRules{AgencyID: agencyID, TLKinds: append([]Kind(nil), DefaultTLKinds...)}
}

// MaySetSigningRules reports whether a sets agencyID's signing rules:
// the administrators of the agency (or unit-less ones, who administer
// every agency) and its head.
func MaySetSigningRules(a Actor, p PersonFacts, agencyID string) bool {
	if a.Has(RoleAdmin) && (a.AgencyID == "" || a.AgencyID == agencyID) {
		return true
	}
	return a.AgencyID == agencyID && MayGrant(a, p)
}

// NewSigningRules checks kinds and makes agencyID's rules.
func NewSigningRules(agencyID string, kinds []string, a Actor, now time.Time) (SigningRules, error) {
	var v apperr.Validator
	r := SigningRules{AgencyID: agencyID, TLKinds: []Kind{}, UpdatedAt: now, UpdatedBy: a.UserID}
	v.Check(kinds != nil, "tl_kinds", "is required (an empty list: no kind)")
	seen := map[string]bool{}
	for _, k := range kinds {
		v.Check(Kind(k).Valid(), "tl_kinds", "unknown document kind "+k)
		v.Check(!seen[k], "tl_kinds", "kind "+k+" is named twice")
		seen[k] = true
		r.TLKinds = append(r.TLKinds, Kind(k))
	}
	return r, v.Err()
}
