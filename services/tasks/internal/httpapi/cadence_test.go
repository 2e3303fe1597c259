package httpapi_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

type requestJSON struct {
	ID      string `json:"id"`
	Period  string `json:"period"`
	DueDate string `json:"due_date"`
	State   string `json:"state"`
	UnitID  string `json:"unit_id"`
	Role    string `json:"role"`
}

// A monthly plan item (assigned 10/3/2025, due 20/5/2025) asks its lead
// and cooperating units for March, April and May reports; a report
// answers the earliest period waiting; a missing one is overdue on the
// task and in the plan's progress, and is reminded once per step and due date.
func TestReportCadence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.deliver(events.PlanItemIssued, "plan-1", &eventsv1.PlanItemIssued{PlanDocumentId: "plan-1", ItemId: "item-1", ItemNumber: 1,
			Title: "Tuyên truyền", LeadUnitId: "sttt", CooperatingUnitIds: []string{"sct"}, DueDate: "2025-05-20", IssuerUnitId: "ubnd",
			ReportCadence: "monthly"})
		e.deliver(events.PlanItemIssued, "plan-1", &eventsv1.PlanItemIssued{PlanDocumentId: "plan-1", ItemId: "item-1", ItemNumber: 1,
			Title: "Tuyên truyền", LeadUnitId: "sttt", CooperatingUnitIds: []string{"sct"}, DueDate: "2025-05-20", IssuerUnitId: "ubnd",
			ReportCadence: "monthly"}) // redelivered: nothing twice
		if n := e.outboxCount(t, db, events.TaskReportRequested); n != 6 {
			t.Fatalf("%d report requests sent, want 3 periods × 2 units", n)
		}
		id := e.taskID(t, "inbox", "sttt", "plan-1→sttt")
		detail := func() (reqs []requestJSON, overdue int) {
			var d struct {
				Requests []requestJSON `json:"report_requests"`
				Overdue  int           `json:"overdue_reports"`
			}
			if code, _ := e.get(t, "/v1/tasks/"+id, "sttt", &d); code != 200 {
				t.Fatalf("task: %d", code)
			}
			return d.Requests, d.Overdue
		}
		reqs, overdue := detail()
		if len(reqs) != 3 || reqs[0].Period != "2025-03" || reqs[0].DueDate != "2025-03-31" || reqs[2].DueDate != "2025-05-20" ||
			reqs[0].State != "pending" || overdue != 0 {
			t.Fatalf("requests %+v, %d overdue", reqs, overdue)
		}
		e.clk.set(hanoi(3, 28))
		run(t, e, []step{{name: "March report", caller: "sttt", path: "/v1/tasks/" + id + "/reports",
			body: `{"progress_percent":30,"summary":"Tháng 3","final":false}`, status: 201}})
		// the event names the request the report answered, for the read models
		if got := reportEvent(t, db, id).RequestId; got != reqs[0].ID || got == "" {
			t.Fatalf("task.report_submitted answers request %q, want March's %q", got, reqs[0].ID)
		}
		e.clk.set(hanoi(5, 5)) // April's is missing
		reqs, overdue = detail()
		if reqs[0].State != "reported_on_time" || reqs[1].State != "overdue" || reqs[2].State != "pending" || overdue != 1 {
			t.Fatalf("in May: %+v, %d overdue", reqs, overdue)
		}
		var p struct {
			OverdueReports int `json:"overdue_reports"`
			Items          []struct {
				OverdueReports int           `json:"overdue_reports"`
				Reports        []requestJSON `json:"reports"`
			} `json:"items"`
		}
		if code, _ := e.get(t, "/v1/plans/plan-1/progress", "ubnd", &p); code != 200 {
			t.Fatalf("progress: %d", code)
		}
		// sttt owes April, sct owes March and April
		if p.OverdueReports != 3 || len(p.Items) != 1 || p.Items[0].OverdueReports != 3 || len(p.Items[0].Reports) != 6 ||
			p.Items[0].Reports[0].UnitID != "sttt" || p.Items[0].Reports[0].Role != "lead" || p.Items[0].Reports[1].UnitID != "sct" {
			t.Fatalf("progress %+v", p)
		}
		ctx := context.Background()
		// Monday 19/5: 3 overdue + May's before_1 for both units (the
		// agency's rules over working days), then nothing again
		for i, want := range []int{5, 0} {
			n, err := e.app.RemindReports(ctx, hanoi(5, 19))
			if err != nil || n != want {
				t.Fatalf("run %d: %d reminders, %v; want %d", i, n, err, want)
			}
		}
		if n := e.outboxCount(t, db, events.TaskReportDue); n != 5 {
			t.Fatalf("%d task.report_due in the outbox", n)
		}
	})
}
