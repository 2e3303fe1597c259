package console

import (
	"sort"
	"strings"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// units reads the unit directory for names and pickers. Any signed-in user
// may list units, so one read serves the page; it is small.
func (s *Server) units(rq *request) map[string]identityapi.Unit {
	if rq.units != nil {
		return rq.units
	}
	list, err := rq.api.Identity.Units(rq.ctx())
	if err != nil {
		return map[string]identityapi.Unit{}
	}
	rq.units = make(map[string]identityapi.Unit, len(list))
	for _, u := range list {
		rq.units[u.ID] = u
	}
	return rq.units
}

// treeNode is a unit at a depth of the tree, for an indented picker.
type treeNode struct {
	identityapi.Unit
	Depth   int
	Checked bool
}

// tree orders units depth-first under their parents, siblings by name;
// under limits it to one unit's subtree ("" for all). Inactive units are
// left out: nobody sends to them.
func tree(units map[string]identityapi.Unit, under string, checked []string) []treeNode {
	return unitTree(units, under, checked, false)
}

// unitTree is tree, with the inactive units too when all is set (the
// administration shows them).
func unitTree(units map[string]identityapi.Unit, under string, checked []string, all bool) []treeNode {
	children := map[string][]identityapi.Unit{}
	for _, u := range units {
		if !u.Active && !all {
			continue
		}
		parent := string(u.ParentID)
		if _, ok := units[parent]; !ok {
			parent = ""
		}
		children[parent] = append(children[parent], u)
	}
	for _, c := range children {
		sort.Slice(c, func(i, j int) bool { return strings.ToLower(c[i].Name) < strings.ToLower(c[j].Name) })
	}
	on := map[string]bool{}
	for _, id := range checked {
		on[id] = true
	}
	var out []treeNode
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, u := range children[parent] {
			out = append(out, treeNode{Unit: u, Depth: depth, Checked: on[u.ID]})
			walk(u.ID, depth+1)
		}
	}
	if under == "" {
		walk("", 0)
		return out
	}
	if u, ok := units[under]; ok {
		out = append(out, treeNode{Unit: u, Checked: on[u.ID]})
		walk(under, 1)
	}
	return out
}

// agencyOf climbs from a unit to its agency.
func agencyOf(units map[string]identityapi.Unit, id string) string {
	for i := 0; i < 32; i++ { // a bound, in case of a cycle in bad data
		u, ok := units[id]
		if !ok {
			return id
		}
		if u.Kind == "agency" || u.ParentID == "" {
			return u.ID
		}
		id = string(u.ParentID)
	}
	return id
}
