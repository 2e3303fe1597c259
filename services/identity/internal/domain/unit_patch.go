package domain

import (
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// UnitPatch is what an administrator may change on a unit; nil fields stay
// as they are. Kind and parent do not change: moving a unit would move the
// agency of everything below it and renumber its documents.
type UnitPatch struct {
	Name      *string
	ShortName *string
	Code      *string // "" removes the code
	// An agency's facts; "" clears one (an empty regime counts as head-led).
	PlaceName      *string
	Regime         *string
	HeadTitle      *string
	CollectiveName *string
}

// Apply returns u with the patch applied and whether anything changed. The
// result is checked with the rules of a new unit.
func (p UnitPatch) Apply(u Unit) (Unit, bool, error) {
	if !u.Active {
		return Unit{}, false, UnitInactive()
	}
	in := UnitInput{Kind: string(u.Kind), Code: u.Code, Name: u.Name, ShortName: u.ShortName, ParentID: u.ParentID,
		PlaceName: u.PlaceName, Regime: string(u.Regime), HeadTitle: u.HeadTitle, CollectiveName: u.CollectiveName}
	if p.Name != nil {
		in.Name = *p.Name
	}
	if p.ShortName != nil {
		in.ShortName = *p.ShortName
	}
	if p.Code != nil {
		in.Code = *p.Code
	}
	for dst, src := range map[*string]*string{&in.PlaceName: p.PlaceName, &in.Regime: p.Regime,
		&in.HeadTitle: p.HeadTitle, &in.CollectiveName: p.CollectiveName} {
		if src != nil {
			*dst = *src
		}
	}
	var v apperr.Validator
	v.Check(p.Name == nil || strings.TrimSpace(*p.Name) != "", "name", "must not be empty")
	v.Check(p.ShortName == nil || strings.TrimSpace(*p.ShortName) != "", "short_name", "must not be empty")
	if err := v.Err(); err != nil {
		return Unit{}, false, err
	}
	in, err := in.Normalize()
	if err != nil {
		return Unit{}, false, err
	}
	next := u
	next.Name, next.ShortName, next.Code = in.Name, in.ShortName, in.Code
	if u.Kind == KindAgency {
		next.AgencyFacts = in.facts()
	}
	return next, next != u, nil
}

// UnitInactive is the 409 for a change to a deactivated unit.
func UnitInactive() error {
	return apperr.Conflict("the unit is deactivated", "inactive")
}

// UnitHasDependents is the 409 for deactivating a unit that still has
// active child units or active users.
func UnitHasDependents(children, users int) error {
	e := apperr.Conflict("the unit still has active child units or active users; move or deactivate them first", "active")
	ae, _ := apperr.As(e)
	if children > 0 {
		ae.Fields = append(ae.Fields, apperr.FieldError{Field: "children", Message: strconv.Itoa(children) + " active child unit(s)"})
	}
	if users > 0 {
		ae.Fields = append(ae.Fields, apperr.FieldError{Field: "users", Message: strconv.Itoa(users) + " active user(s)"})
	}
	return e
}
