package httpapi_test

import (
	"reflect"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// task.report_submitted carries the report's summary and result so that the
// documents service can write the consolidated report, but only for a task
// of normal confidentiality: other free text never leaves the service.
func TestReportSubmittedEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		for _, tc := range []struct {
			name, caller, task            string
			wantSummary, wantResult, conf string
		}{
			{name: "normal", caller: "sct", task: "doc-1→sct", wantSummary: "Đã tổ chức hội nghị", wantResult: "3 hội nghị, 500 lượt", conf: "normal"},
			{name: "confidential", caller: "sct-new", task: "doc-3→sct-new", conf: "confidential"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				id := e.taskID(t, "inbox", tc.caller, tc.task)
				status, body := e.post(t, "/v1/tasks/"+id+"/reports", tc.caller, "",
					`{"progress_percent":40,"summary":"Đã tổ chức hội nghị","result":"3 hội nghị, 500 lượt","final":false}`)
				if status != 201 {
					t.Fatalf("report: %d %v", status, body)
				}
				// The answer is the report as written, not read back: it
				// must be the one the task lists.
				var task taskJSON
				if st, _ := e.get(t, "/v1/tasks/"+id, tc.caller, &task); st != 200 || len(task.Reports) != 1 ||
					!reflect.DeepEqual(task.Reports[0], any(body)) {
					t.Fatalf("GET task: %d, reports %v; POST answered %v", st, task.Reports, body)
				}
				p := reportEvent(t, db, id)
				if p.RequestId != "" { // no periodic report was asked for
					t.Fatalf("event answers request %q", p.RequestId)
				}
				if p.Summary != tc.wantSummary || p.Result != tc.wantResult || p.ProgressPercent != 40 ||
					p.GetTask().GetConfidentiality() != tc.conf {
					t.Fatalf("event: summary %q result %q progress %d confidentiality %q",
						p.Summary, p.Result, p.ProgressPercent, p.GetTask().GetConfidentiality())
				}
			})
		}
	})
}

// reportEvent decodes the one task.report_submitted of a task in the outbox.
func reportEvent(t *testing.T, db *store.DB, taskID string) *eventsv1.TaskReportSubmitted {
	t.Helper()
	rows, err := db.Query(`SELECT data FROM outbox WHERE type = $1 AND key = $2`, events.Type(events.TaskReportSubmitted), taskID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []*eventsv1.TaskReportSubmitted
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			t.Fatal(err)
		}
		p := &eventsv1.TaskReportSubmitted{}
		if err := (envelope.Event{Type: events.Type(events.TaskReportSubmitted), Data: []byte(data)}).Decode(p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 {
		t.Fatalf("%d task.report_submitted for %s, want 1", len(out), taskID)
	}
	return out[0]
}
