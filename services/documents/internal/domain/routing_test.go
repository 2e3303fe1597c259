package domain

import (
	"errors"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// TestRoutingHolder: each step passes the receipt on; only its holder
// acts; a return goes back one step to whoever passed it on, twice in a
// row two steps; steps out of order are refused.
func TestRoutingHolder(t *testing.T) {
	d := docIn(t, StatusIssued, ConfidentialityNormal)
	clerk := Actor{UserID: "clerk", UnitID: "B", AgencyID: "B", Roles: []string{RoleClerk}}
	office := Actor{UserID: "office", UnitID: "B-VP", AgencyID: "B", Roles: []string{RoleLeader}}
	chair := Actor{UserID: "chair", UnitID: "B", AgencyID: "B", Roles: []string{RoleLeader}}
	head := Actor{UserID: "head", UnitID: "C", AgencyID: "C", Roles: []string{RoleLeader}}
	expert := Actor{UserID: "expert", UnitID: "C", AgencyID: "C", Roles: []string{RoleSpecialist}}
	r := Receipt{DocumentID: d.ID, AgencyID: "B", Status: ReceiptRegistered}
	pass := func(a Actor, p Pass, want error) {
		t.Helper()
		_, err := r.Route(a, d, "s", p, testNow)
		if !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Fatalf("%s %s: %v, want %v", a.UserID, p.Kind, err, want)
		}
	}
	back := func(a Actor, to string, want error) {
		t.Helper()
		s, err := r.Return(a, d, "s", "Lý do", "", testNow)
		if !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Fatalf("%s returns: %v, want %v", a.UserID, err, want)
		}
		if err == nil && s.ToUserID != to {
			t.Fatalf("returned to %s, want %s", s.ToUserID, to)
		}
	}
	holds := func(a Actor) {
		t.Helper()
		if !r.MayRoute(a, d) {
			t.Fatalf("%s does not hold it", a.UserID)
		}
	}
	back(clerk, "", apperr.ErrForbidden) // nothing to return before any step
	pass(expert, Pass{Kind: StepForward, ToUserID: "office"}, apperr.ErrForbidden)
	pass(clerk, Pass{Kind: StepForward, ToUserID: "office"}, nil)
	pass(clerk, Pass{Kind: StepForward, ToUserID: "chair"}, apperr.ErrForbidden)
	pass(office, Pass{Kind: StepPropose, ToUserID: "chair"}, apperr.ErrInvalid) // no proposal
	pass(office, Pass{Kind: StepPropose, ToUserID: "chair", Note: "Đề xuất"}, nil)
	holds(chair)
	back(chair, "office", nil)
	holds(office)
	back(office, "clerk", nil)
	holds(clerk)
	back(clerk, "", apperr.ErrConflict) // the first step is undone: nothing before it
	pass(clerk, Pass{Kind: StepForward, ToUserID: "chair"}, nil)
	pass(chair, Pass{Kind: StepAssign, ToUnitID: "C"}, apperr.ErrConflict) // before the direction
	if _, err := r.Direct(chair, d, "s", DirectionInput{LeadUnitID: "C", InformedUserIDs: []string{"expert"}},
		[]Unit{{ID: "C", Kind: UnitAgency, AgencyID: "C", ParentID: "B"}}, testNow); err != nil {
		t.Fatal(err)
	}
	if r.Status != ReceiptDirected || r.Direction == nil || r.Direction.ExpectedTasks() != 0 {
		t.Fatalf("directed without a due date: %+v %+v", r.Status, r.Direction)
	}
	holds(head)
	back(head, "", apperr.ErrConflict) // a direction is not returned
	pass(head, Pass{Kind: StepAssign, ToUserID: "expert"}, nil)
	back(expert, "head", nil)
	holds(head)
	if got := r.Actions(expert, d); len(got) != 1 || got[0] != StepRead {
		t.Fatalf("the informed specialist may %v", got)
	}
	if _, err := r.MarkRead(expert, "s", testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := r.MarkRead(expert, "s", testNow); !errors.Is(err, apperr.ErrConflict) {
		t.Fatalf("read twice: %v", err)
	}
	holds(head) // reading passes nothing on
}

// TestDirectPersons: a lead person's direction makes tasks (their unit's,
// named to them) and counts each cooperating person; a person outside the
// receiving agency and the agencies beneath it, or of no known unit, is
// refused.
func TestDirectPersons(t *testing.T) {
	d := docIn(t, StatusIssued, ConfidentialityNormal)
	chair := Actor{UserID: "chair", UnitID: "B", AgencyID: "B", Roles: []string{RoleLeader}}
	agencyC := Unit{ID: "C", Kind: UnitAgency, AgencyID: "C", ParentID: "B"}
	divC := Unit{ID: "C-1", Kind: "division", AgencyID: "C", ParentID: "C"}
	other := Unit{ID: "X", Kind: UnitAgency, AgencyID: "X"}
	people := map[string]PersonPlace{"expert": {Unit: divC, Agency: agencyC}, "head": {Unit: agencyC, Agency: agencyC},
		"stranger": {Unit: other, Agency: other}}
	for _, c := range []struct {
		name  string
		in    DirectionInput
		tasks int
		err   error
	}{
		{"lead person", DirectionInput{LeadUserID: "expert", CooperatingUserIDs: []string{"head"}, DueDate: "2026-12-31"}, 2, nil},
		{"lead person, cooperating unit", DirectionInput{LeadUserID: "expert", CooperatingUnitIDs: []string{"C"}, DueDate: "2026-12-31"}, 2, nil},
		{"without a due date", DirectionInput{LeadUserID: "expert"}, 0, nil},
		{"outside", DirectionInput{LeadUserID: "stranger", DueDate: "2026-12-31"}, 0, apperr.ErrInvalid},
		{"unknown unit", DirectionInput{LeadUserID: "nobody", DueDate: "2026-12-31"}, 0, apperr.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Receipt{DocumentID: d.ID, AgencyID: "B", Status: ReceiptRegistered}
			c.in.People = people
			var units []Unit
			if len(c.in.CooperatingUnitIDs) > 0 {
				units = []Unit{agencyC}
			}
			_, err := r.Direct(chair, d, "s", c.in, units, testNow)
			if !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
				t.Fatalf("direct: %v, want %v", err, c.err)
			}
			if err != nil {
				return
			}
			dir := r.Direction
			if dir == nil || dir.LeadUnitID != "C-1" || dir.LeadUserID != "expert" || dir.ExpectedTasks() != c.tasks {
				t.Fatalf("direction %+v, want lead C-1/expert and %d tasks", dir, c.tasks)
			}
			if len(dir.CooperatingUsers) != len(c.in.CooperatingUserIDs) {
				t.Fatalf("cooperating persons %+v, want %v", dir.CooperatingUsers, c.in.CooperatingUserIDs)
			}
		})
	}
}
