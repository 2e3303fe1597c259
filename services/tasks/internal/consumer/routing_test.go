package consumer_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// routingTree is a Sở (sttt) with a division (sttt-bc), its specialist
// and a specialist of the Sở itself, in the identity read model.
func routingTree(t *testing.T, f fixture) {
	t.Helper()
	for _, u := range []*eventsv1.UnitCreated{
		{UnitId: "ubnd", Kind: "agency", AgencyId: "ubnd", Active: true},
		{UnitId: "sttt", ParentId: "ubnd", Kind: "agency", AgencyId: "sttt", Active: true},
		{UnitId: "sttt-bc", ParentId: "sttt", Kind: "division", AgencyId: "sttt", Active: true},
	} {
		if err := f.handle(f.h.Map()[events.UnitCreated], event(t, events.UnitCreated, u.UnitId, u)); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []*eventsv1.UserCreated{
		{UserId: "bc-spec", UnitId: "sttt-bc", AgencyId: "sttt", Roles: []string{"specialist"}, Active: true},
		{UserId: "sttt-spec", UnitId: "sttt", AgencyId: "sttt", Roles: []string{"specialist"}, Active: true},
	} {
		if err := f.handle(f.h.Map()[events.UserCreated], event(t, events.UserCreated, u.UserId, u)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDirectedPersons: a lead person and a cooperating person each get a
// task of their unit named to them, apart from the unit's own task.
func TestDirectedPersons(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		d := &eventsv1.DocumentDirected{DocumentId: "doc-p", RecipientAgencyId: "ubnd", LeadUserId: "sttt-spec",
			LeadUserUnitId: "sttt", CooperatingUnitIds: []string{"sttt"}, DueDate: "2025-04-15", DirectedBy: "chair",
			CooperatingUsers: []*eventsv1.DirectedPerson{{UserId: "bc-spec", UnitId: "sttt-bc"}}}
		for i := 0; i < 2; i++ {
			if err := f.handle(f.h.DocumentDirected, event(t, events.DocumentDirected, "doc-p", d)); err != nil {
				t.Fatal(err)
			}
		}
		tasks := f.tasksOf(t, "doc-p")
		want := map[string]domain.Role{"sttt/sttt-spec": domain.RoleLead, "sttt/": domain.RoleCooperate,
			"sttt-bc/bc-spec": domain.RoleCooperate}
		if len(tasks) != len(want) {
			t.Fatalf("tasks %v, want %v", keys(tasks), want)
		}
		for k, role := range want {
			if tk, ok := tasks[k]; !ok || tk.Role != role || tk.AssignerUnitID != "ubnd" || tk.DueDate.String() != "2025-04-15" {
				t.Errorf("task %s = %+v, want role %s", k, tk, role)
			}
		}
	})
}

// TestRoutingFollowed: the Sở's head assigns the document to a division,
// its head to a specialist; the Sở's task follows as delegations, once per
// step however often delivered; the specialist's return cancels theirs.
func TestRoutingFollowed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		routingTree(t, f)
		directed := &eventsv1.DocumentDirected{DocumentId: "doc-r", RecipientAgencyId: "ubnd", LeadUnitId: "sttt",
			DueDate: "2025-04-15", DirectedBy: "chair"}
		if err := f.handle(f.h.DocumentDirected, event(t, events.DocumentDirected, "doc-r", directed)); err != nil {
			t.Fatal(err)
		}
		steps := []*eventsv1.DocumentRouted{
			{DocumentId: "doc-r", StepId: "s1", Kind: "assign", FromUserId: "sttt-head", FromUnitId: "sttt", ToUnitIds: []string{"sttt-bc"}, Note: "Phòng BC"},
			{DocumentId: "doc-r", StepId: "s2", Kind: "assign", FromUserId: "bc-head", FromUnitId: "sttt-bc", ToUserIds: []string{"bc-spec"}},
		}
		for _, s := range steps {
			ev := event(t, events.DocumentRouted, "doc-r", s)
			for i := 0; i < 2; i++ { // redelivered
				if err := f.handle(f.h.DocumentRouted, ev); err != nil {
					t.Fatal(err)
				}
			}
		}
		tasks := f.tasksOf(t, "doc-r")
		sttt, bc, spec := tasks["sttt/"], tasks["sttt-bc/"], tasks["sttt-bc/bc-spec"]
		if len(tasks) != 3 || bc.ParentTaskID != sttt.ID || spec.ParentTaskID != bc.ID || spec.Origin != domain.OriginDelegation ||
			spec.DueDate != sttt.DueDate || spec.Status != domain.StatusAssigned {
			t.Fatalf("tasks after the assigns: %+v", tasks)
		}
		if n := f.count(t, events.TaskDelegated); n != 2 {
			t.Fatalf("task.delegated written %d times, want 2", n)
		}
		// A forward or a read moves no task.
		other := &eventsv1.DocumentRouted{DocumentId: "doc-r", StepId: "s0", Kind: "forward", FromUserId: "bc-spec", FromUnitId: "sttt-bc", ToUserIds: []string{"x"}}
		if err := f.handle(f.h.DocumentRouted, event(t, events.DocumentRouted, "doc-r", other)); err != nil {
			t.Fatal(err)
		}
		ret := &eventsv1.DocumentRouted{DocumentId: "doc-r", StepId: "s3", Kind: "return", FromUserId: "bc-spec",
			FromUnitId: "sttt-bc", ToUserIds: []string{"bc-head"}, Note: "Không thuộc lĩnh vực", ReturnedStepId: "s2"}
		if err := f.handle(f.h.DocumentRouted, event(t, events.DocumentRouted, "doc-r", ret)); err != nil {
			t.Fatal(err)
		}
		tasks = f.tasksOf(t, "doc-r")
		if tasks["sttt-bc/bc-spec"].Status != domain.StatusCancelled || tasks["sttt-bc/"].Status != domain.StatusAssigned ||
			tasks["sttt/"].Status != domain.StatusAssigned {
			t.Fatalf("tasks after the return: %+v", tasks)
		}
		if n := f.count(t, events.TaskCancelled); n != 1 {
			t.Fatalf("task.cancelled written %d times, want 1", n)
		}
		// The division's head returns it too: its task goes back to the Sở.
		ret = &eventsv1.DocumentRouted{DocumentId: "doc-r", StepId: "s4", Kind: "return", FromUserId: "bc-head",
			FromUnitId: "sttt-bc", ToUserIds: []string{"sttt-head"}, ReturnedStepId: "s1"}
		if err := f.handle(f.h.DocumentRouted, event(t, events.DocumentRouted, "doc-r", ret)); err != nil {
			t.Fatal(err)
		}
		if tasks = f.tasksOf(t, "doc-r"); tasks["sttt-bc/"].Status != domain.StatusCancelled || tasks["sttt/"].Status != domain.StatusAssigned {
			t.Fatalf("tasks after the second return: %+v", tasks)
		}
		// Assigned to the division again: its task is open again.
		again := &eventsv1.DocumentRouted{DocumentId: "doc-r", StepId: "s5", Kind: "assign", FromUserId: "sttt-head", FromUnitId: "sttt", ToUnitIds: []string{"sttt-bc"}}
		if err := f.handle(f.h.DocumentRouted, event(t, events.DocumentRouted, "doc-r", again)); err != nil {
			t.Fatal(err)
		}
		if tasks = f.tasksOf(t, "doc-r"); len(tasks) != 3 || tasks["sttt-bc/"].Status != domain.StatusAssigned || tasks["sttt-bc/"].CancelledAt != nil {
			t.Fatalf("tasks after assigning again: %+v", tasks)
		}
	})
}

// tasksOf returns every task of one source document by unit/user.
func (f fixture) tasksOf(t *testing.T, doc string) map[string]domain.Task {
	t.Helper()
	rows, err := f.db.Query(`SELECT id FROM tasks WHERE source_document_id = $1`, doc)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	out := map[string]domain.Task{}
	for _, id := range ids {
		task, err := f.store.Task(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out[task.AssigneeUnitID+"/"+task.AssigneeUserID] = task
	}
	return out
}

func keys(m map[string]domain.Task) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
