package identityapi

import (
	"fmt"
	"sort"
	"strings"
)

// UnitDirectory resolves the ways a person names a unit in a file or on
// the command line: its id, its short name when that is unique among
// active units ("STTTT"), a path of short names from an ancestor
// ("STTTT/VP", since every Sở has its VP), or its full name.
type UnitDirectory struct {
	byID map[string]Unit
	all  []Unit
}

// NewUnitDirectory indexes units; inactive ones resolve by id only.
func NewUnitDirectory(units []Unit) *UnitDirectory {
	d := &UnitDirectory{byID: map[string]Unit{}}
	for _, u := range units {
		d.byID[u.ID] = u
		if u.Active {
			d.all = append(d.all, u)
		}
	}
	return d
}

// Unit returns a unit by id.
func (d *UnitDirectory) Unit(id string) (Unit, bool) {
	u, ok := d.byID[id]
	return u, ok
}

// Label is a unit's short name, or the id when it is not known.
func (d *UnitDirectory) Label(id string) string {
	if u, ok := d.byID[id]; ok {
		return u.ShortName
	}
	return id
}

// Resolve turns a reference into a unit id.
func (d *UnitDirectory) Resolve(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", fmt.Errorf("empty unit reference")
	}
	if _, ok := d.byID[ref]; ok {
		return ref, nil
	}
	parts := strings.Split(ref, "/")
	var found []Unit
	for _, u := range d.all {
		if d.matchesPath(u, parts) || (len(parts) == 1 && u.Name == ref) {
			found = append(found, u)
		}
	}
	if len(found) == 0 {
		// A second, forgiving pass: letter case aside.
		for _, u := range d.all {
			if d.matchesPathFold(u, parts) {
				found = append(found, u)
			}
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no active unit is called %q", ref)
	case 1:
		return found[0].ID, nil
	}
	paths := make([]string, 0, len(found))
	for _, u := range found {
		paths = append(paths, d.Path(u.ID))
	}
	sort.Strings(paths)
	return "", fmt.Errorf("%q names %d units (%s): give a path of short names", ref, len(found), strings.Join(paths, ", "))
}

// Path is a unit's short names from the root, "UBND/STTTT/VP".
func (d *UnitDirectory) Path(id string) string {
	var names []string
	for seen := 0; id != "" && seen < 64; seen++ {
		u, ok := d.byID[id]
		if !ok {
			break
		}
		names = append([]string{u.ShortName}, names...)
		id = string(u.ParentID)
	}
	return strings.Join(names, "/")
}

// matchesPath: the last part is the unit's short name and the earlier
// parts are short names of its ancestors, nearest last.
func (d *UnitDirectory) matchesPath(u Unit, parts []string) bool {
	return d.match(u, parts, func(a, b string) bool { return a == b })
}

func (d *UnitDirectory) matchesPathFold(u Unit, parts []string) bool {
	return d.match(u, parts, strings.EqualFold)
}

func (d *UnitDirectory) match(u Unit, parts []string, eq func(a, b string) bool) bool {
	if !eq(u.ShortName, parts[len(parts)-1]) {
		return false
	}
	cur := u
	for i := len(parts) - 2; i >= 0; i-- {
		p, ok := d.byID[string(cur.ParentID)]
		if !ok || !eq(p.ShortName, parts[i]) {
			return false
		}
		cur = p
	}
	return true
}
