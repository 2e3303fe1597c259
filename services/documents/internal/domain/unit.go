package domain

// UnitKind tells an agency (own seal, registers and number series) from a
// division inside one.
type UnitKind string

const (
	UnitAgency   UnitKind = "agency"
	UnitDivision UnitKind = "division"
)

// Unit is the documents service's copy of an identity unit: only what
// numbering and routing need.
type Unit struct {
	ID        string
	ParentID  string
	Kind      UnitKind
	Code      string
	Name      string
	ShortName string
	// AgencyID is the nearest agency at or above the unit (itself for an
	// agency).
	AgencyID string
	Active   bool
}

// IsAgency reports whether the unit is an agency.
func (u Unit) IsAgency() bool { return u.Kind == UnitAgency }
