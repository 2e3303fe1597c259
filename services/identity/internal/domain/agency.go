package domain

import (
	"strings"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Regime is how an agency decides and signs: a collective body (a UBND
// decides as a body and its head signs "TM. <body>") or one led by its
// head (a Sở: the head signs with no mark). Empty is unset and counts as
// head-led, so agencies created before the regime existed keep working.
type Regime string

const (
	RegimeCollective Regime = "collective"
	RegimeHeadLed    Regime = "head_led"
)

const (
	maxPlaceNameLen      = 100
	maxHeadTitleLen      = 100
	maxCollectiveNameLen = 255
)

// AgencyFacts are what an official document's layout and signing marks
// take from its agency: the place name (địa danh) of the date line
// ("Khánh Hòa, ngày 05 tháng 3 năm 2026"), the regime, how the head's
// position prints in marks ("Chủ tịch" in "KT. CHỦ TỊCH") and the body
// named after "TM." (empty: the agency's name). Divisions have none.
type AgencyFacts struct {
	PlaceName      string
	Regime         Regime
	HeadTitle      string
	CollectiveName string
}

// IsZero reports whether no fact is set.
func (f AgencyFacts) IsZero() bool { return f == AgencyFacts{} }

// normalize trims the facts and checks them for a unit of kind; v collects
// the refusals under the API's field names.
func (f AgencyFacts) normalize(kind UnitKind, v *apperr.Validator) AgencyFacts {
	f.PlaceName = strings.TrimSpace(f.PlaceName)
	f.Regime = Regime(strings.TrimSpace(string(f.Regime)))
	f.HeadTitle = strings.TrimSpace(f.HeadTitle)
	f.CollectiveName = strings.TrimSpace(f.CollectiveName)
	if kind != KindAgency {
		// A division signs and dates as its agency does; facts of its own
		// would be ignored, so they are refused rather than kept.
		const msg = "only an agency has one"
		v.Check(f.PlaceName == "", "place_name", msg)
		v.Check(f.Regime == "", "regime", msg)
		v.Check(f.HeadTitle == "", "head_title", msg)
		v.Check(f.CollectiveName == "", "collective_name", msg)
		return f
	}
	switch f.Regime {
	case "", RegimeCollective, RegimeHeadLed:
	default:
		v.Add("regime", `must be "collective" or "head_led"`)
	}
	v.Check(utf8.RuneCountInString(f.PlaceName) <= maxPlaceNameLen, "place_name", "must be at most 100 characters")
	v.Check(utf8.RuneCountInString(f.HeadTitle) <= maxHeadTitleLen, "head_title", "must be at most 100 characters")
	v.Check(utf8.RuneCountInString(f.CollectiveName) <= maxCollectiveNameLen, "collective_name", "must be at most 255 characters")
	return f
}
