package domain

import (
	"fmt"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Notation builds số, ký hiệu (Decree 30, Phụ lục I) of d numbered number
// in year by issuer, drafted in drafting. Numbers below 10 get a leading
// zero.
//   - a kind with an abbreviation: NN/ABBR-ISSUER (07/CT-UBND);
//   - a normative document carries the year: NN/YYYY/ABBR-ISSUER
//     (15/2026/QĐ-UBND);
//   - a copy names its form: NN/FORM-ISSUER (05/BSY-UBND);
//   - an official letter (Công văn), which has no abbreviation, names the
//     drafting division: NN/ISSUER-DIVISION (123/UBND-VP). It is never a
//     bare NN/ISSUER: one drafted by the agency unit itself, or in a
//     division with no short name, is refused (ErrNoDraftingDivision).
func Notation(d Document, number int64, year int, issuer, drafting Unit) (string, error) {
	info, _ := d.Kind.Info()
	n := fmt.Sprintf("%02d", number)
	switch {
	case d.Kind == KindCopy:
		return n + "/" + string(d.CopyForm) + "-" + issuer.ShortName, nil
	case info.Abbreviation != "" && d.Normative:
		return n + "/" + strconv.Itoa(year) + "/" + info.Abbreviation + "-" + issuer.ShortName, nil
	case info.Abbreviation != "":
		return n + "/" + info.Abbreviation + "-" + issuer.ShortName, nil
	}
	if drafting.ID == "" || drafting.ID == issuer.ID || drafting.ShortName == "" {
		return "", ErrNoDraftingDivision(d.Status)
	}
	return n + "/" + issuer.ShortName + "-" + drafting.ShortName, nil
}

// NeedsDraftingDivision reports whether d is an official letter drafted
// by its agency unit itself, which its notation cannot name.
func (d Document) NeedsDraftingDivision() bool {
	info, _ := d.Kind.Info()
	return d.Kind != KindCopy && info.Abbreviation == "" &&
		(d.DraftingUnitID == "" || d.DraftingUnitID == d.IssuerUnitID)
}

// ErrNoDraftingDivision refuses an official letter with no drafting
// division: a draft's drafter fixes it (400, a field error); an approved
// letter can no longer change (409, naming the field all the same).
func ErrNoDraftingDivision(status Status) error {
	const detail = "an official letter (Công văn) is numbered with its drafting division's short name: set drafting_unit_id to a division of the agency"
	field := apperr.FieldError{Field: "drafting_unit_id", Message: "must be a division of the issuing agency with a short name"}
	if status == StatusDraft || status == "" {
		return apperr.Invalid(detail, field)
	}
	return &apperr.Error{Kind: apperr.ErrConflict, Detail: detail, Fields: []apperr.FieldError{field}, CurrentStatus: string(status)}
}
