package httpapi_test

import (
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// hanoi is 09:00 in Viet Nam on the given day of 2025.
func hanoi(month time.Month, day int) time.Time {
	return time.Date(2025, month, day, 2, 0, 0, 0, time.UTC)
}

// A final report submitted on time is not overdue while it waits for the
// assigner's review: the task is "chờ đánh giá" (awaiting_review), counted
// apart, and completed on time once accepted.
func TestAwaitingReviewIsNotOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		id := e.taskID(t, "inbox", "sct", "doc-1→sct") // due 2025-03-31
		var final string
		e.clk.set(hanoi(3, 28))
		run(t, e, []step{{name: "final report on time", caller: "sct", path: "/v1/tasks/" + id + "/reports",
			body: `{"progress_percent":100,"summary":"Xong","final":true}`, status: 201,
			check: func(t *testing.T, b map[string]any) { final = lookup(b, "id") }}})
		e.clk.set(hanoi(4, 8)) // the review waits past the due date
		var task taskJSON
		if code, _ := e.get(t, "/v1/tasks/"+id, "sct", &task); code != 200 || task.Status != "awaiting_review" || task.Class != "awaiting_review" {
			t.Fatalf("waiting for review: %d %s %s, want awaiting_review", code, task.Status, task.Class)
		}
		var s statsJSON
		e.get(t, "/v1/stats/units?from=2025-03-01&to=2025-03-31", "sgd", &s)
		for _, it := range s.Items {
			if it.UnitID == "sct" && (it.OpenOverdue != 0 || it.AwaitingReview != 1) {
				t.Fatalf("sct on the scoreboard: %+v, want 1 awaiting review, none overdue", it)
			}
		}
		var l listJSON
		if e.get(t, "/v1/tasks?box=inbox&overdue=true", "sct", &l); len(l.Items) != 0 {
			t.Fatalf("overdue list holds the task awaiting review: %+v", summary(l.Items))
		}
		run(t, e, []step{{name: "accept", caller: "ubnd", path: "/v1/tasks/" + id + "/reports/" + final + "/review", body: `{"decision":"accepted"}`, status: 200}})
		if e.get(t, "/v1/tasks/"+id, "sct", &task); task.Class != "completed_on_time" {
			t.Fatalf("accepted: %s, want completed_on_time", task.Class)
		}
	})
}

// The plan's totals count every own task (lead and cooperating) and give
// the split by role beside them, adding up to the totals.
func TestPlanTotalsByRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.deliver(events.PlanItemIssued, "plan-1", &eventsv1.PlanItemIssued{PlanDocumentId: "plan-1", ItemId: "item-1", ItemNumber: 1,
			Title: "Tuyên truyền", LeadUnitId: "sttt", CooperatingUnitIds: []string{"sct", "sgd"}, DueDate: "2025-03-05", IssuerUnitId: "ubnd"})
		var p struct {
			Totals totalsJSON            `json:"totals"`
			ByRole map[string]totalsJSON `json:"by_role"`
		}
		if code, _ := e.get(t, "/v1/plans/plan-1/progress", "ubnd", &p); code != 200 {
			t.Fatalf("progress: %d", code)
		}
		if want := (totalsJSON{OpenOverdue: 3}); p.Totals != want {
			t.Fatalf("totals %+v, want %+v", p.Totals, want)
		}
		if p.ByRole["lead"] != (totalsJSON{OpenOverdue: 1}) || p.ByRole["cooperate"] != (totalsJSON{OpenOverdue: 2}) {
			t.Fatalf("by role %+v, want lead 1 and cooperate 2 overdue", p.ByRole)
		}
	})
}

// A period's scoreboard classes each task as it stood at the period's
// end, and selects tasks by due date or by completion date.
func TestScoreboardAsOfPeriodEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		id := e.taskID(t, "inbox", "sttt-bc", "doc-2→sttt-bc") // due 2025-03-05, overdue on the 10th
		var final string
		e.clk.set(hanoi(4, 2))
		run(t, e, []step{{name: "late final report", caller: "sttt-bc", path: "/v1/tasks/" + id + "/reports",
			body: `{"progress_percent":100,"summary":"Xong","final":true}`, status: 201,
			check: func(t *testing.T, b map[string]any) { final = lookup(b, "id") }}})
		run(t, e, []step{{name: "accept", caller: "sttt", path: "/v1/tasks/" + id + "/reports/" + final + "/review", body: `{"decision":"accepted"}`, status: 200}})
		e.clk.set(hanoi(5, 2))
		unit := func(q string) totalsJSON {
			t.Helper()
			var s statsJSON
			if code, _ := e.get(t, "/v1/stats/units?"+q, "sgd", &s); code != 200 {
				t.Fatalf("%s: %d", q, code)
			}
			for _, it := range s.Items {
				if it.UnitID == "sttt-bc" {
					return it.totalsJSON
				}
			}
			return totalsJSON{}
		}
		for _, c := range []struct {
			q    string
			want totalsJSON
		}{
			{"from=2025-03-01&to=2025-03-31", totalsJSON{OpenOverdue: 1}},                // at the end of March it was still open
			{"from=2025-03-01&to=2025-04-30", totalsJSON{CompletedLate: 1}},              // by the end of April it was done
			{"from=2025-03-01&to=2025-03-31&by=due", totalsJSON{OpenOverdue: 1}},         // by due date is the default
			{"from=2025-04-01&to=2025-04-30&by=completed", totalsJSON{CompletedLate: 1}}, // completed in April
			{"from=2025-03-01&to=2025-03-31&by=completed", totalsJSON{}},                 // not completed in March
		} {
			if got := unit(c.q); got != c.want {
				t.Errorf("%s: %+v, want %+v", c.q, got, c.want)
			}
		}
		var prob problemJSON
		if code, _ := e.get(t, "/v1/stats/units?by=created", "sgd", &prob); code != 400 || len(prob.Errors) == 0 || prob.Errors[0].Field != "by" {
			t.Errorf("by=created: %d %+v", code, prob)
		}
	})
}
