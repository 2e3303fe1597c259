package domain

import "testing"

// TestVisibleThroughDirectionPeople: a confidential document directed to
// persons, its receipt read without its routing steps (as registers read
// it), is seen by the persons named and not by their units' colleagues; a
// direction to a unit is seen by the unit's members.
func TestVisibleThroughDirectionPeople(t *testing.T) {
	d := docIn(t, StatusIssued, ConfidentialityConfidential)
	toPerson := Receipt{DocumentID: d.ID, AgencyID: "B", Status: ReceiptDirected, Direction: &Direction{LeadUnitID: "B-1",
		LeadUserID: "expert", CooperatingUsers: []Addressee{{UserID: "aide", UnitID: "B-2"}}, DirectedBy: "chair"}}
	toUnit := Receipt{DocumentID: d.ID, AgencyID: "B", Status: ReceiptDirected, Direction: &Direction{LeadUnitID: "B-1",
		CooperatingUnitIDs: []string{"B-2"}, DirectedBy: "chair"}}
	person := func(id, unit string) Actor {
		return Actor{UserID: id, UnitID: unit, AgencyID: "B", Roles: []string{RoleSpecialist}}
	}
	for _, c := range []struct {
		name string
		r    Receipt
		a    Actor
		want bool
	}{
		{"the lead person", toPerson, person("expert", "B-1"), true},
		{"the lead person's colleague", toPerson, person("colleague", "B-1"), false},
		{"the cooperating person", toPerson, person("aide", "B-2"), true},
		{"the cooperating person's colleague", toPerson, person("other", "B-2"), false},
		{"who directed it", toPerson, Actor{UserID: "chair", UnitID: "B", AgencyID: "B", Roles: []string{RoleLeader}}, true},
		{"a member of the lead unit", toUnit, person("colleague", "B-1"), true},
		{"a member of a cooperating unit", toUnit, person("other", "B-2"), true},
		{"a member of another unit", toUnit, person("stranger", "B-3"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := d.VisibleThrough(c.a, []Receipt{c.r}); got != c.want {
				t.Fatalf("VisibleThrough = %v, want %v", got, c.want)
			}
		})
	}
}
