package domain

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// UnitKind tells an agency (cơ quan: own seal, registers and number series)
// from a division (đơn vị thuộc: an office, phòng or centre inside one).
type UnitKind string

const (
	KindAgency   UnitKind = "agency"
	KindDivision UnitKind = "division"
)

// codePattern is the QCVN 102 identifier (mã định danh) form NNN.NN.NN.Xnn.
var codePattern = regexp.MustCompile(`^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$`)

const (
	maxNameLen      = 255
	maxShortNameLen = 20
)

// Unit is a node of the unit tree.
type Unit struct {
	ID        string
	Kind      UnitKind
	Code      string // empty when the unit has none
	Name      string
	ShortName string
	ParentID  string // empty for a root
	AgencyID  string // the nearest agency at or above the unit
	Active    bool
	CreatedAt time.Time
	AgencyFacts
}

// UnitInput is what an administrator gives to create a unit.
type UnitInput struct {
	Kind      string
	Code      string
	Name      string
	ShortName string
	ParentID  string
	// An agency's facts (see AgencyFacts); a division's stay empty.
	PlaceName      string
	Regime         string
	HeadTitle      string
	CollectiveName string
}

// facts are the agency facts of the input.
func (in UnitInput) facts() AgencyFacts {
	return AgencyFacts{PlaceName: in.PlaceName, Regime: Regime(in.Regime), HeadTitle: in.HeadTitle, CollectiveName: in.CollectiveName}
}

// Normalize trims the input, applies the default kind and checks every field
// that can be checked without the database.
func (in UnitInput) Normalize() (UnitInput, error) {
	in.Kind = strings.TrimSpace(in.Kind)
	in.Code = strings.TrimSpace(in.Code)
	in.Name = strings.TrimSpace(in.Name)
	in.ShortName = strings.TrimSpace(in.ShortName)
	in.ParentID = strings.TrimSpace(in.ParentID)
	if in.Kind == "" {
		in.Kind = string(KindAgency)
	}
	var v apperr.Validator
	switch UnitKind(in.Kind) {
	case KindAgency:
	case KindDivision:
		v.Check(in.ParentID != "", "parent_id", "a division needs a parent unit")
	default:
		v.Add("kind", `must be "agency" or "division"`)
	}
	v.Check(in.Code == "" || codePattern.MatchString(in.Code), "code", "must have the QCVN 102 form NNN.NN.NN.Xnn, e.g. 000.00.31.H37")
	v.Check(in.Name != "", "name", "is required")
	v.Check(utf8.RuneCountInString(in.Name) <= maxNameLen, "name", "must be at most 255 characters")
	switch {
	case in.ShortName == "":
		v.Add("short_name", "is required")
	case !validShortName(in.ShortName):
		v.Add("short_name", "must be 1 to 20 letters, digits, '&', '.' or '-' (it appears in document numbers)")
	}
	f := in.facts().normalize(UnitKind(in.Kind), &v)
	in.PlaceName, in.Regime, in.HeadTitle, in.CollectiveName = f.PlaceName, string(f.Regime), f.HeadTitle, f.CollectiveName
	return in, v.Err()
}

// validShortName keeps short names usable in a notation such as
// "12/CT-UBND": no spaces and no '/', which separates number and notation.
func validShortName(s string) bool {
	if utf8.RuneCountInString(s) > maxShortNameLen {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("&.-", r) {
			return false
		}
	}
	return true
}

// NewUnit places a validated input under parent (nil for a root unit). The
// caller has looked parent up by in.ParentID.
func NewUnit(id string, in UnitInput, parent *Unit, now time.Time) (Unit, error) {
	u := Unit{
		ID:        id,
		Kind:      UnitKind(in.Kind),
		Code:      in.Code,
		Name:      in.Name,
		ShortName: in.ShortName,
		Active:    true,
		CreatedAt: now,
	}
	if UnitKind(in.Kind) == KindAgency {
		u.AgencyFacts = in.facts()
	}
	if in.ParentID != "" {
		if parent == nil || parent.ID != in.ParentID {
			return Unit{}, UnknownUnit("parent_id")
		}
		if !parent.Active {
			return Unit{}, apperr.Invalid("the parent unit is inactive", apperr.FieldError{Field: "parent_id", Message: "unit is inactive"})
		}
		u.ParentID = parent.ID
	}
	switch u.Kind {
	case KindAgency:
		u.AgencyID = u.ID
	case KindDivision:
		if parent == nil {
			return Unit{}, apperr.Invalid("a division needs a parent unit", apperr.FieldError{Field: "parent_id", Message: "a division needs a parent unit"})
		}
		u.AgencyID = parent.AgencyID
	default:
		return Unit{}, apperr.Invalid("unknown kind", apperr.FieldError{Field: "kind", Message: `must be "agency" or "division"`})
	}
	return u, nil
}

// UnknownUnit is the 400 for a unit id in a request that names no unit.
func UnknownUnit(field string) error {
	return apperr.Invalid("unknown unit", apperr.FieldError{Field: field, Message: "no such unit"})
}

// ShortNameTaken is the 409 for a short name an active sibling already uses.
func ShortNameTaken(shortName string) error {
	return &apperr.Error{Kind: apperr.ErrConflict, Detail: "short_name " + shortName + " is already used by an active unit under the same parent",
		Fields: []apperr.FieldError{{Field: "short_name", Message: "already used by a sibling unit"}}}
}

// CodeTaken is the 409 for a QCVN 102 code another unit holds.
func CodeTaken(code string) error {
	return &apperr.Error{Kind: apperr.ErrConflict, Detail: "code " + code + " is already used by another unit",
		Fields: []apperr.FieldError{{Field: "code", Message: "already used by another unit"}}}
}
