package httpapi_test

import (
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// people of sttt as identity's events describe them, some arriving out of
// order or twice.
func namedPeople(e *env) {
	t0 := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	user := func(id, unit string, active bool) *eventsv1.UserCreated {
		return &eventsv1.UserCreated{UserId: id, UnitId: unit, AgencyId: "sttt", FullName: "Người " + id,
			Roles: []string{"specialist"}, Active: active}
	}
	// An active specialist of the division, created twice (redelivery).
	ev := e.deliverAt(events.UserCreated, "u-bc-spec", t0, user("u-bc-spec", "sttt-bc", true))
	e.redeliver(ev)
	// A specialist of the department itself.
	e.deliverAt(events.UserCreated, "u-sttt-spec", t0, user("u-sttt-spec", "sttt", true))
	// Deactivated after creation.
	e.deliverAt(events.UserCreated, "u-gone", t0, user("u-gone", "sttt-bc", true))
	e.deliverAt(events.UserDeactivated, "u-gone", t0.Add(time.Hour), &eventsv1.UserDeactivated{UserId: "u-gone", UnitId: "sttt-bc"})
	// Deactivated, with the deactivation arriving before the creation.
	e.deliverAt(events.UserDeactivated, "u-early", t0.Add(time.Hour), &eventsv1.UserDeactivated{UserId: "u-early", UnitId: "sttt-bc"})
	e.deliverAt(events.UserCreated, "u-early", t0, user("u-early", "sttt-bc", true))
	// Moved to sct; the older creation in sttt-bc redelivered afterwards.
	created := e.deliverAt(events.UserCreated, "u-moved", t0, user("u-moved", "sttt-bc", true))
	e.deliverAt(events.UserUpdated, "u-moved", t0.Add(time.Hour), &eventsv1.UserUpdated{UserId: "u-moved", UnitId: "sct",
		AgencyId: "sct", Roles: []string{"specialist"}, Active: true})
	e.redeliver(created)
}

func TestDelegateToNamedPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		namedPeople(e)
		e.addTokens(map[string]auth.Principal{
			"bc-spec":   {Subject: "u-bc-spec", UnitID: "sttt-bc", AgencyID: "sttt", Roles: []string{auth.RoleSpecialist}},
			"sttt-spec": {Subject: "u-sttt-spec", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleSpecialist}},
		})
		id := e.taskID(t, "inbox", "sttt", "doc-1→sttt")
		path := "/v1/tasks/" + id + "/delegate"
		body := func(unit, user string) string {
			return `{"assignee_unit_id":"` + unit + `","assignee_user_id":"` + user + `","due_date":"2025-03-20","note":"Giao chuyên viên"}`
		}
		var toDivision, toOwn string
		run(t, e, []step{
			{name: "a person of another unit", caller: "sttt", path: path, body: body("sttt-bc", "u-sttt-spec"), status: 400, check: badField("assignee_user_id")},
			{name: "an unknown person", caller: "sttt", path: path, body: body("sttt-bc", "u-nobody"), status: 400, check: badField("assignee_user_id")},
			{name: "a deactivated person", caller: "sttt", path: path, body: body("sttt-bc", "u-gone"), status: 400, check: badField("assignee_user_id")},
			{name: "deactivated before created arrived", caller: "sttt", path: path, body: body("sttt-bc", "u-early"), status: 400, check: badField("assignee_user_id")},
			{name: "moved away (stale creation redelivered)", caller: "sttt", path: path, body: body("sttt-bc", "u-moved"), status: 400, check: badField("assignee_user_id")},
			{name: "own unit without a person", caller: "sttt", path: path, body: body("sttt", ""), status: 400, check: badField("assignee_unit_id")},
			{name: "a person sideways", caller: "sttt", path: path, body: body("sct", "u-moved"), status: 400, check: badField("assignee_unit_id")},
			{name: "a specialist may not", caller: "sttt-spec", path: path, body: body("sttt-bc", "u-bc-spec"), status: 403},
			{name: "to a specialist of the division", caller: "sttt", key: "n1", path: path, body: body("sttt-bc", "u-bc-spec"), status: 201,
				check: func(t *testing.T, b map[string]any) {
					toDivision = lookup(b, "id")
					field("assignee_unit_id", "sttt-bc")(t, b)
					field("assignee_user_id", "u-bc-spec")(t, b)
					field("assigner_unit_id", "sttt")(t, b)
				}},
			{name: "replayed key", caller: "sttt", key: "n1", path: path, body: body("sttt-bc", "u-bc-spec"), status: 201,
				check: func(t *testing.T, b map[string]any) { field("id", toDivision)(t, b) }},
			{name: "to a specialist of the own unit", caller: "sttt", path: path, body: body("sttt", "u-sttt-spec"), status: 201,
				check: func(t *testing.T, b map[string]any) {
					toOwn = lookup(b, "id")
					field("assignee_unit_id", "sttt")(t, b)
					field("assigner_unit_id", "sttt")(t, b)
					field("assignee_user_id", "u-sttt-spec")(t, b)
				}},
			{name: "the same person again", caller: "sttt", path: path, body: body("sttt", "u-sttt-spec"), status: 409},
			{name: "the division as a whole is still free", caller: "sttt", path: path, body: body("sttt-bc", ""), status: 201,
				check: field("assignee_user_id", "")},
		})

		// A person only identity knows yet (their user.created lags, or came
		// before this read model was fed) is asked of identity; identity
		// being down is a 503, never a guess.
		e.identity.down.Store(true)
		run(t, e, []step{{name: "identity down", caller: "sttt", path: path, body: body("sttt-bc", "u-lag"), status: 503}})
		e.identity.down.Store(false)
		run(t, e, []step{
			{name: "deactivated, known to identity only", caller: "sttt", path: path, body: body("sttt-bc", "u-lag-gone"), status: 400, check: badField("assignee_user_id")},
			{name: "a lagging person", caller: "sttt", path: path, body: body("sttt-bc", "u-lag"), status: 201, check: field("assignee_user_id", "u-lag")},
		})
		// The answer was cached: an event about the person, however old, wins.
		calls := e.identity.calls.Load()
		e.deliverAt(events.UserDeactivated, "u-lag", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), &eventsv1.UserDeactivated{UserId: "u-lag", UnitId: "sttt-bc"})
		run(t, e, []step{{name: "the cached person deactivated by an event", caller: "sttt", path: path, body: body("sttt-bc", "u-lag"), status: 400, check: badField("assignee_user_id")}})
		if n := e.identity.calls.Load(); n != calls {
			t.Fatalf("identity asked again (%d calls) for a person the read model has", n-calls)
		}

		// The named person finds their task with assignee=me, sees it and
		// works on it.
		var mine listJSON
		if status, _ := e.get(t, "/v1/tasks?box=inbox&assignee=me", "bc-spec", &mine); status != 200 {
			t.Fatalf("assignee=me: status %d", status)
		}
		if len(mine.Items) != 1 || mine.Items[0].ID != toDivision {
			t.Fatalf("assignee=me of bc-spec: %v, want only %s", summary(mine.Items), toDivision)
		}
		if status, _ := e.get(t, "/v1/tasks?box=inbox&assignee=me", "sttt-spec", &mine); status != 200 || len(mine.Items) != 1 || mine.Items[0].ID != toOwn {
			t.Fatalf("assignee=me of sttt-spec: %d %v, want only %s", status, summary(mine.Items), toOwn)
		}
		var got taskJSON
		if status, _ := e.get(t, "/v1/tasks/"+toDivision, "bc-spec", &got); status != 200 {
			t.Fatalf("the named person reads their task: %d", status)
		}
		run(t, e, []step{{name: "the named person accepts", caller: "bc-spec", path: "/v1/tasks/" + toDivision + "/accept", status: 200,
			check: field("status", "in_progress")}})

		// The events name the person, so that notifications can tell them.
		var assigned eventsv1.TaskAssigned
		outboxEvent(t, db, events.TaskAssigned, toDivision, &assigned)
		if assigned.AssigneeUserId != "u-bc-spec" || assigned.AssignerUserId != "u-sttt" || assigned.AssigneeUnitId != "sttt-bc" {
			t.Fatalf("task.assigned %+v", &assigned)
		}
		var accepted eventsv1.TaskAccepted
		outboxEvent(t, db, events.TaskAccepted, toDivision, &accepted)
		if accepted.GetTask().GetAssigneeUserId() != "u-bc-spec" {
			t.Fatalf("task.accepted ref %+v", accepted.GetTask())
		}
		if n := e.outboxCount(t, db, events.TaskDelegated); n != 4 {
			t.Fatalf("task.delegated written %d times, want 4 (the replay writes nothing)", n)
		}
		wantHistory(t, e, id, "sttt",
			"assigned",
			"delegated note=Giao chuyên viên to_unit_id=sttt-bc to_user_id=u-bc-spec",
			"delegated note=Giao chuyên viên to_unit_id=sttt to_user_id=u-sttt-spec",
			"delegated note=Giao chuyên viên to_unit_id=sttt-bc",
			"delegated note=Giao chuyên viên to_unit_id=sttt-bc to_user_id=u-lag")
	})
}

// outboxEvent decodes the one event of a type keyed by subject.
func outboxEvent(t *testing.T, db *store.DB, short, subject string, out proto.Message) {
	t.Helper()
	var data string
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE type = $1 AND key = $2`, events.Type(short), subject).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d %s for %s, want 1", n, short, subject)
	}
	if err := db.QueryRow(`SELECT data FROM outbox WHERE type = $1 AND key = $2`, events.Type(short), subject).Scan(&data); err != nil {
		t.Fatal(err)
	}
	if err := (envelope.Event{Type: events.Type(short), Data: []byte(data)}).Decode(out); err != nil {
		t.Fatal(err)
	}
}
