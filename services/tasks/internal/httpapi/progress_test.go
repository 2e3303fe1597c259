package httpapi_test

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

type totalsJSON struct {
	CompletedOnTime    int `json:"completed_on_time"`
	CompletedLate      int `json:"completed_late"`
	OpenWithinDeadline int `json:"open_within_deadline"`
	OpenOverdue        int `json:"open_overdue"`
	AwaitingReview     int `json:"awaiting_review"`
}

type progressJSON struct {
	PlanDocumentID string `json:"plan_document_id"`
	Items          []struct {
		PlanItemID         string   `json:"plan_item_id"`
		LeadUnitID         string   `json:"lead_unit_id"`
		CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
		Status             string   `json:"status"`
		ProgressPercent    int      `json:"progress_percent"`
		DueDate            string   `json:"due_date"`
		Class              string   `json:"class"`
	} `json:"items"`
	Totals totalsJSON `json:"totals"`
}

type statsJSON struct {
	Items []struct {
		UnitID string `json:"unit_id"`
		totalsJSON
		OnTimeRate *float64 `json:"on_time_rate"`
	} `json:"items"`
}

// Plan 20/KH-UBND: item-1 (lead sttt, with sct, due 31 March) and item-2
// (lead sct, with sttt, due 5 March: overdue on the 10th). sttt completes
// item-1 on time and delegates nothing counted.
func TestPlanProgressAndUnitStats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		for _, it := range []*eventsv1.PlanItemIssued{
			{PlanDocumentId: "plan-1", ItemId: "item-1", ItemNumber: 1, Title: "Tuyên truyền", LeadUnitId: "sttt", CooperatingUnitIds: []string{"sct"}, DueDate: "2025-03-31", IssuerUnitId: "ubnd", PlanNotation: "20/KH-UBND"},
			{PlanDocumentId: "plan-1", ItemId: "item-2", ItemNumber: 2, Title: "Khảo sát", LeadUnitId: "sct", CooperatingUnitIds: []string{"sttt"}, DueDate: "2025-03-05", IssuerUnitId: "ubnd", PlanNotation: "20/KH-UBND"},
		} {
			e.deliver(events.PlanItemIssued, "plan-1", it)
			e.deliver(events.PlanItemIssued, "plan-1", it) // redelivered: nothing new
		}
		lead := ""
		var l listJSON
		e.get(t, "/v1/tasks?box=inbox&source_document_id=plan-1", "sttt", &l)
		for _, it := range l.Items {
			if it.Role == "lead" {
				lead = it.ID
			}
		}
		if len(l.Items) != 2 || lead == "" {
			t.Fatalf("sttt's plan tasks: %+v", l.Items)
		}
		var final string
		run(t, e, []step{
			{name: "delegate", caller: "sttt", path: "/v1/tasks/" + lead + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":""}`, status: 201},
			{name: "final report", caller: "sttt", path: "/v1/tasks/" + lead + "/reports", body: `{"progress_percent":100,"summary":"Xong","final":true}`, status: 201,
				check: func(t *testing.T, b map[string]any) { final = lookup(b, "id") }},
		})
		run(t, e, []step{{name: "accept", caller: "ubnd", path: "/v1/tasks/" + lead + "/reports/" + final + "/review", body: `{"decision":"accepted"}`, status: 200}})

		var p progressJSON
		if code, _ := e.get(t, "/v1/plans/plan-1/progress", "ubnd-vp", &p); code != 200 {
			t.Fatalf("progress: %d", code)
		}
		if len(p.Items) != 2 || p.Items[0].PlanItemID != "item-1" || p.Items[0].LeadUnitID != "sttt" || p.Items[0].Status != "completed" ||
			p.Items[0].Class != "completed_on_time" || p.Items[0].ProgressPercent != 100 || len(p.Items[0].CooperatingUnitIDs) != 1 ||
			p.Items[1].LeadUnitID != "sct" || p.Items[1].Class != "open_overdue" || p.Items[1].DueDate != "2025-03-05" {
			t.Fatalf("items %+v", p.Items)
		}
		if want := (totalsJSON{CompletedOnTime: 1, OpenWithinDeadline: 1, OpenOverdue: 2}); p.Totals != want {
			t.Fatalf("totals %+v, want %+v (the delegated child does not count)", p.Totals, want)
		}
		for caller, code := range map[string]int{"sttt": 404, "sgd": 404, "admin": 404, "": 401} {
			var prob problemJSON
			if got, _ := e.get(t, "/v1/plans/plan-1/progress", caller, &prob); got != code {
				t.Errorf("progress as %q: %d, want %d", caller, got, code)
			}
		}
		if got, _ := e.get(t, "/v1/plans/nope/progress", "ubnd", &problemJSON{}); got != 404 {
			t.Errorf("unknown plan: %d", got)
		}

		var s statsJSON
		if code, _ := e.get(t, "/v1/stats/units?from=2025-03-01&to=2025-04-30", "sgd", &s); code != 200 {
			t.Fatalf("stats: %d", code)
		}
		byUnit := map[string]int{}
		for i, it := range s.Items {
			byUnit[it.UnitID] = i
		}
		rate := func(unit string) *float64 { return s.Items[byUnit[unit]].OnTimeRate }
		for unit, want := range map[string]totalsJSON{
			"sttt":    {CompletedOnTime: 1, OpenWithinDeadline: 1, OpenOverdue: 1},
			"sct":     {OpenWithinDeadline: 2, OpenOverdue: 1},
			"sttt-bc": {OpenWithinDeadline: 1, OpenOverdue: 1},
			"sct-new": {OpenWithinDeadline: 1},
		} {
			i, ok := byUnit[unit]
			if !ok || s.Items[i].totalsJSON != want {
				t.Errorf("%s: %+v, want %+v", unit, s.Items, want)
			}
		}
		if r := rate("sttt"); r == nil || *r != 0.5 {
			t.Errorf("sttt's rate %v, want 0.5", r)
		}
		if r := rate("sct"); r == nil || *r != 0 {
			t.Errorf("sct's rate %v, want 0", r)
		}
		if r := rate("sct-new"); r != nil {
			t.Errorf("sct-new's rate %v, want null", *r)
		}
		if _, _ = e.get(t, "/v1/stats/units?from=2025-04-01&to=2025-04-30", "sgd", &s); len(s.Items) != 1 || s.Items[0].UnitID != "sct-new" {
			t.Errorf("April: %+v", s.Items)
		}
		for q, field := range map[string]string{"from=2025-3-1": "from", "to=tomorrow": "to", "from=2025-04-02&to=2025-04-01": "to"} {
			var prob problemJSON
			if code, _ := e.get(t, "/v1/stats/units?"+q, "sgd", &prob); code != 400 || len(prob.Errors) == 0 || prob.Errors[0].Field != field {
				t.Errorf("%s: %d %+v", q, code, prob)
			}
		}
		if code, _ := e.get(t, "/v1/stats/units", "", &problemJSON{}); code != 401 {
			t.Errorf("stats without a token: %d", code)
		}
	})
}
