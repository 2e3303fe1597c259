package domain

import "github.com/eoffice-vn/eoffice/pkg/identityview"

// Unit kinds: an agency (own seal, registers and number series) or a
// division inside one.
const (
	UnitAgency   = identityview.KindAgency
	UnitDivision = identityview.KindDivision
)

// Unit is identity's unit as the shared read model keeps it; numbering and
// routing read it as it is.
type Unit = identityview.Unit
