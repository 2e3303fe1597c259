package domain

import (
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Position is a person's place in their agency's leadership, which decides
// the signing marks they may use (the rules live with documents): the head
// (thủ trưởng) signs with no mark or "TM.", a deputy "KT.", an acting head
// "Q.", the head of office (Chánh Văn phòng) or of a division (trưởng
// phòng) "TL.". Empty is unset; documents counts a leader without one as
// the head, so accounts created before positions existed keep signing.
type Position string

const (
	PositionHead         Position = "head"
	PositionDeputy       Position = "deputy"
	PositionActingHead   Position = "acting_head"
	PositionOfficeHead   Position = "office_head"
	PositionDivisionHead Position = "division_head"
)

// Positions are the positions a person may hold.
var Positions = []Position{PositionHead, PositionDeputy, PositionActingHead, PositionOfficeHead, PositionDivisionHead}

// checkPosition trims p and adds the refusal of an unknown one to v.
func checkPosition(p string, v *apperr.Validator) string {
	p = strings.TrimSpace(p)
	v.Check(p == "" || slices.Contains(Positions, Position(p)), "position",
		"must be head, deputy, acting_head, office_head, division_head or empty")
	return p
}
