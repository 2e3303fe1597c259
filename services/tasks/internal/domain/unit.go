package domain

import "github.com/eoffice-vn/eoffice/pkg/apperr"

// UnitKind tells an agency (own seal, registers, number series) from a
// division inside an agency.
type UnitKind string

const (
	UnitAgency   UnitKind = "agency"
	UnitDivision UnitKind = "division"
)

// Unit is the tasks service's copy of identity's unit, enough to place a
// unit in the tree and in its agency.
type Unit struct {
	ID        string
	ParentID  string // "" for a root
	Kind      UnitKind
	AgencyID  string // the nearest agency at or above; the unit itself for an agency
	Code      string
	ShortName string
	Name      string
	Active    bool
}

// Validate checks what the read model needs of a unit.
func (u Unit) Validate() error {
	var v apperr.Validator
	v.Check(u.ID != "", "unit_id", "is required")
	v.Check(u.Kind == UnitAgency || u.Kind == UnitDivision, "kind", "must be agency or division")
	v.Check(u.AgencyID != "", "agency_id", "is required")
	v.Check(u.Kind != UnitAgency || u.AgencyID == u.ID, "agency_id", "of an agency is the agency itself")
	v.Check(u.Kind != UnitDivision || u.ParentID != "", "parent_id", "a division needs a parent")
	return v.Err()
}
