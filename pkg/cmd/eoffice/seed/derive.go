package seed

import (
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/locality"
)

// Agency facts and positions a file leaves out are derived from what it
// says (names, titles), the way a clerk would read them, so that a
// scenario written before official documents signed and dated by them
// still seeds a deployment that issues them: a file value is set as given,
// a derived one only where the server has none (an administrator's choice
// wins).

// collectivePrefix names a People's Committee, which decides as a body: its
// head signs "TM. ỦY BAN NHÂN DÂN".
const collectivePrefix = "ủy ban nhân dân"

// agencyFacts are the facts the seed sets on one agency.
type agencyFacts struct {
	PlaceName, Regime, HeadTitle, CollectiveName string
}

// derivedFacts fills the facts the file leaves out for each agency, by
// key: the place from its name or else its nearest agency above's; the
// regime collective for a People's Committee, head-led otherwise; the head
// title from the title of the agency's own head in the file. units are
// parents first.
func derivedFacts(units []Unit, users []User) map[string]agencyFacts {
	byKey := map[string]Unit{}
	for _, u := range units {
		byKey[u.Key] = u
	}
	out := map[string]agencyFacts{}
	for _, u := range units {
		if !isAgency(u) {
			continue
		}
		f := agencyFacts{PlaceName: u.PlaceName, Regime: u.Regime, HeadTitle: u.HeadTitle, CollectiveName: u.CollectiveName}
		if f.PlaceName == "" {
			if _, place := locality.Split(u.Name); place != "" {
				f.PlaceName = place
			} else if above := agencyAbove(byKey, u); above != "" {
				f.PlaceName = out[above].PlaceName
			}
		}
		collective := strings.HasPrefix(strings.ToLower(u.Name), collectivePrefix)
		if f.Regime == "" {
			f.Regime = "head_led"
			if collective {
				f.Regime = "collective"
			}
		}
		if f.CollectiveName == "" && f.Regime == "collective" && collective {
			f.CollectiveName = "Ủy ban nhân dân"
		}
		if f.HeadTitle == "" {
			f.HeadTitle = headTitle(u.Key, users)
		}
		out[u.Key] = f
	}
	return out
}

func isAgency(u Unit) bool { return u.Kind == "" || u.Kind == "agency" }

// agencyAbove is the key of the nearest agency above u, "" for none.
func agencyAbove(byKey map[string]Unit, u Unit) string {
	for p := byKey[u.Parent]; p.Key != ""; p = byKey[p.Parent] {
		if isAgency(p) {
			return p.Key
		}
	}
	return ""
}

// headTitle is the title of the leader of the agency's own unit whom the
// file names as its head.
func headTitle(unit string, users []User) string {
	for _, u := range users {
		if u.Unit == unit && slices.Contains(u.Roles, "leader") && positionOf(u.Title, true) == "head" {
			return u.Title
		}
	}
	return ""
}

// positionOf reads a leader's position from their title (chức vụ) in an
// agency's own unit (inAgency) or in a division: "Phó …" is a deputy,
// "Quyền …" the acting head, "Chánh Văn phòng" the head of office,
// "Trưởng phòng" a division head, and any other leader's title names the
// head of where they sit (a centre's director heads a division).
func positionOf(title string, inAgency bool) string {
	t := strings.ToLower(strings.TrimSpace(title))
	switch {
	case t == "":
		return ""
	case strings.HasPrefix(t, "quyền "):
		if inAgency {
			return "acting_head"
		}
		return "division_head"
	case strings.HasPrefix(t, "phó "):
		if inAgency {
			return "deputy"
		}
		return "" // a division's deputy signs under no mark of their own
	case strings.HasPrefix(t, "chánh văn phòng"):
		return "office_head"
	case strings.HasPrefix(t, "trưởng phòng"), !inAgency:
		return "division_head"
	}
	return "head"
}

// derivedPosition is the position the seed sets on a user the file gives
// none: only leaders sign, so only they get one.
func derivedPosition(u User, units map[string]Unit) string {
	if u.Position != "" || !slices.Contains(u.Roles, "leader") {
		return u.Position
	}
	unit, ok := units[u.Unit]
	return positionOf(u.Title, !ok || isAgency(unit))
}
