package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// post sends body (a string, so malformed JSON can be sent too) as the
// named caller with an optional Idempotency-Key and returns the status and
// the decoded JSON body.
func (e *env) post(t *testing.T, path, caller, key, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if caller != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[caller])
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	if buf.Len() > 0 {
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
			t.Fatalf("POST %s: %v: %s", path, err, buf.String())
		}
	}
	return resp.StatusCode, out
}

func (e *env) taskID(t *testing.T, box, caller, key string) string {
	t.Helper()
	var l listJSON
	e.get(t, "/v1/tasks?box="+box, caller, &l)
	for _, it := range l.Items {
		if it.SourceDocumentID+"→"+it.AssigneeUnitID == key {
			return it.ID
		}
	}
	t.Fatalf("no task %s in %s of %s", key, box, caller)
	return ""
}

func (e *env) addTokens(ps map[string]auth.Principal) {
	for name, p := range ps {
		e.tokens[name] = e.iss.Token(p)
	}
}

type step struct {
	name, caller, path, key, body string
	status                        int
	check                         func(t *testing.T, body map[string]any)
}

func run(t *testing.T, e *env, steps []step) {
	t.Helper()
	for _, s := range steps {
		status, body := e.post(t, s.path, s.caller, s.key, s.body)
		if status != s.status {
			t.Fatalf("%s: status %d, want %d: %v", s.name, status, s.status, body)
		}
		if s.check != nil {
			s.check(t, body)
		}
	}
}

func field(name, want string) func(t *testing.T, body map[string]any) {
	return func(t *testing.T, body map[string]any) {
		t.Helper()
		if got := lookup(body, name); got != want {
			t.Fatalf("%s = %q, want %q in %v", name, got, want, body)
		}
	}
}

func lookup(body map[string]any, path string) string {
	var cur any = body
	for _, p := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = m[p]
	}
	switch v := cur.(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

func badField(name string) func(t *testing.T, body map[string]any) {
	return func(t *testing.T, body map[string]any) {
		t.Helper()
		errs, _ := body["errors"].([]any)
		for _, e := range errs {
			if m, _ := e.(map[string]any); m["field"] == name {
				return
			}
		}
		t.Fatalf("no error for field %s in %v", name, body)
	}
}

func TestTaskLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.addTokens(map[string]auth.Principal{
			"sttt-spec":   {Subject: "u-sttt-spec", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleSpecialist}},
			"sttt-bc-ldr": {Subject: "u-sttt-bc-ldr", UnitID: "sttt-bc", AgencyID: "sttt", Roles: []string{auth.RoleLeader}},
			"ubnd-clerk":  {Subject: "u-ubnd-clerk", UnitID: "ubnd", AgencyID: "ubnd", Roles: []string{auth.RoleClerk}},
		})
		id := e.taskID(t, "inbox", "sttt", "doc-1→sttt")
		base := "/v1/tasks/" + id
		var child string
		var finalReport string
		run(t, e, []step{
			{name: "accept: no token", path: base + "/accept", body: "{", status: 401},
			{name: "accept: foreign agency", caller: "sgd", path: base + "/accept", status: 404},
			{name: "accept: assigner", caller: "ubnd", path: base + "/accept", status: 403},
			{name: "accept: division below", caller: "sttt-bc", path: base + "/accept", status: 403},
			{name: "accept: unknown task", caller: "sttt", path: "/v1/tasks/nope/accept", status: 404},
			{name: "accept", caller: "sttt-spec", path: base + "/accept", status: 200, check: field("status", "in_progress")},
			{name: "accept twice", caller: "sttt", path: base + "/accept", status: 409, check: field("current_status", "in_progress")},

			{name: "delegate: malformed", caller: "sttt", path: base + "/delegate", body: `{"assignee_unit_id":1}`, status: 400},
			{name: "delegate: unknown field", caller: "sttt", path: base + "/delegate", body: `{"unit":"sttt-bc","due_date":"2025-03-20"}`, status: 400},
			{name: "delegate: bad date", caller: "sttt", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"20/03/2025","note":""}`, status: 400, check: badField("due_date")},
			{name: "delegate: after the parent", caller: "sttt", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-04-01","note":""}`, status: 400, check: badField("due_date")},
			{name: "delegate: sideways", caller: "sttt", path: base + "/delegate", body: `{"assignee_unit_id":"sct","due_date":"2025-03-20","note":""}`, status: 400, check: badField("assignee_unit_id")},
			{name: "delegate: upwards", caller: "sttt", path: base + "/delegate", body: `{"assignee_unit_id":"ubnd","due_date":"2025-03-20","note":""}`, status: 400, check: badField("assignee_unit_id")},
			{name: "delegate: specialist", caller: "sttt-spec", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":""}`, status: 403},
			{name: "delegate: leader below", caller: "sttt-bc-ldr", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":""}`, status: 403},
			{name: "delegate", caller: "sttt", key: "k1", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":"làm ngay"}`, status: 201,
				check: func(t *testing.T, b map[string]any) {
					child = lookup(b, "id")
					field("parent_task_id", id)(t, b)
					field("assigner_unit_id", "sttt")(t, b)
					field("assignee_unit_id", "sttt-bc")(t, b)
					field("due_date", "2025-03-20")(t, b)
				}},
			{name: "delegate: replayed key", caller: "sttt", key: "k1", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":"làm ngay"}`, status: 201,
				check: func(t *testing.T, b map[string]any) { field("id", child)(t, b) }},
			{name: "delegate: key reused with another body", caller: "sttt", key: "k1", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-19","note":""}`, status: 409},
			{name: "delegate: the same unit again", caller: "sttt", path: base + "/delegate", body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-19","note":""}`, status: 409},

			{name: "report: assigner", caller: "ubnd", path: base + "/reports", body: `{"progress_percent":10,"summary":"x","final":false}`, status: 403},
			{name: "report: over 100", caller: "sttt", path: base + "/reports", body: `{"progress_percent":101,"summary":"x","final":false}`, status: 400, check: badField("progress_percent")},
			{name: "report: negative", caller: "sttt", path: base + "/reports", body: `{"progress_percent":-1,"summary":"x","final":false}`, status: 400, check: badField("progress_percent")},
			{name: "report: no summary", caller: "sttt", path: base + "/reports", body: `{"progress_percent":10,"summary":" ","final":false}`, status: 400, check: badField("summary")},
			{name: "report: no final", caller: "sttt", path: base + "/reports", body: `{"progress_percent":10,"summary":"x"}`, status: 400, check: badField("final")},
			{name: "report", caller: "sttt", key: "r1", path: base + "/reports", body: `{"progress_percent":50,"summary":"Đã làm nửa","final":false}`, status: 201, check: field("progress_percent", "50")},
			{name: "report: replayed", caller: "sttt", key: "r1", path: base + "/reports", body: `{"progress_percent":50,"summary":"Đã làm nửa","final":false}`, status: 201, check: field("summary", "Đã làm nửa")},
			{name: "report: final", caller: "sttt-spec", path: base + "/reports", body: `{"progress_percent":100,"summary":"Xong","result":"Kết quả","final":true}`, status: 201,
				check: func(t *testing.T, b map[string]any) { finalReport = lookup(b, "id") }},
			{name: "report while awaiting review", caller: "sttt", path: base + "/reports", body: `{"progress_percent":100,"summary":"Thêm","final":false}`, status: 409, check: field("current_status", "awaiting_review")},
		})
		var got taskJSON
		e.get(t, base, "sttt", &got)
		if got.Status != "awaiting_review" || *got.ProgressPercent != 100 || len(got.Reports) != 2 {
			t.Fatalf("after the final report: %+v", got)
		}
		rev := base + "/reports/" + finalReport + "/review"
		run(t, e, []step{
			{name: "review: assignee", caller: "sttt", path: rev, body: `{"decision":"accepted"}`, status: 403},
			{name: "review: clerk of the assigner", caller: "ubnd-clerk", path: rev, body: `{"decision":"accepted"}`, status: 403},
			{name: "review: bad decision", caller: "ubnd", path: rev, body: `{"decision":"ok"}`, status: 400, check: badField("decision")},
			{name: "review: return without comment", caller: "ubnd", path: rev, body: `{"decision":"returned"}`, status: 400, check: badField("comment")},
			{name: "review: unknown report", caller: "ubnd", path: base + "/reports/nope/review", body: `{"decision":"accepted"}`, status: 404},
			{name: "review: returned", caller: "ubnd-vp", path: rev, body: `{"decision":"returned","comment":"Bổ sung số liệu"}`, status: 200, check: field("task.status", "in_progress")},
			{name: "review: twice", caller: "ubnd", path: rev, body: `{"decision":"accepted"}`, status: 409},
		})
		var final2 string
		run(t, e, []step{
			{name: "report: final again", caller: "sttt", path: base + "/reports", body: `{"progress_percent":100,"summary":"Đã bổ sung","final":true}`, status: 201,
				check: func(t *testing.T, b map[string]any) { final2 = lookup(b, "id") }},
		})
		var submitted string
		var detail struct {
			Reports []struct {
				ID          string `json:"id"`
				SubmittedAt string `json:"submitted_at"`
			} `json:"reports"`
		}
		e.get(t, base, "sttt", &detail)
		for _, r := range detail.Reports {
			if r.ID == final2 {
				submitted = r.SubmittedAt
			}
		}
		run(t, e, []step{
			{name: "review: accepted", caller: "ubnd", path: base + "/reports/" + final2 + "/review", body: `{"decision":"accepted"}`, status: 200,
				check: func(t *testing.T, b map[string]any) {
					field("task.status", "completed")(t, b)
					field("task.class", "completed_on_time")(t, b)
					field("task.completed_at", submitted)(t, b)
				}},
			{name: "accept a completed task", caller: "sttt", path: base + "/accept", status: 409, check: field("current_status", "completed")},
			{name: "report on a completed task", caller: "sttt", path: base + "/reports", body: `{"progress_percent":1,"summary":"x","final":false}`, status: 409},
			{name: "extension of a completed task", caller: "sttt", path: base + "/extension", body: `{"due_date":"2025-05-01","reason":"x"}`, status: 409},
			{name: "child: its assignee accepts", caller: "sttt-bc", path: "/v1/tasks/" + child + "/accept", status: 200},
		})
		if n := e.outboxCount(t, db, events.TaskCompleted); n != 1 {
			t.Fatalf("task.completed written %d times", n)
		}
		for _, ty := range []string{events.TaskAccepted, events.TaskDelegated, events.TaskReportSubmitted, events.TaskReportReviewed} {
			if e.outboxCount(t, db, ty) == 0 {
				t.Errorf("no %s in the outbox", ty)
			}
		}
		// The delegation announced the child once, despite the replay.
		if n := e.outboxCount(t, db, events.TaskDelegated); n != 1 {
			t.Fatalf("task.delegated written %d times", n)
		}
		// Each step's history entry says what it was about in its fields.
		first := detail.Reports[0].ID
		wantHistory(t, e, id, "sttt",
			"assigned",
			"accepted",
			"delegated note=làm ngay to_unit_id=sttt-bc",
			"report_submitted report_id="+first,
			"report_submitted report_id="+finalReport,
			"report_reviewed decision=returned note=Bổ sung số liệu report_id="+finalReport,
			"report_submitted report_id="+final2,
			"report_reviewed decision=accepted report_id="+final2,
			"completed report_id="+final2)
		wantHistory(t, e, child, "sttt-bc", "assigned note=làm ngay", "accepted")
	})
}

func TestExtension(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		id := e.taskID(t, "inbox", "sct", "doc-1→sct")
		base := "/v1/tasks/" + id
		run(t, e, []step{
			{name: "bad date", caller: "sct", path: base + "/extension", body: `{"due_date":"2025-04-31","reason":"x"}`, status: 400, check: badField("due_date")},
			{name: "no reason", caller: "sct", path: base + "/extension", body: `{"due_date":"2025-04-15","reason":""}`, status: 400, check: badField("reason")},
			{name: "not later", caller: "sct", path: base + "/extension", body: `{"due_date":"2025-03-31","reason":"x"}`, status: 400, check: badField("due_date")},
			{name: "assigner asks", caller: "ubnd", path: base + "/extension", body: `{"due_date":"2025-04-15","reason":"x"}`, status: 403},
			{name: "foreign", caller: "sgd", path: base + "/extension", body: `{"due_date":"2025-04-15","reason":"x"}`, status: 404},
			{name: "decide without a request", caller: "ubnd", path: base + "/extension/decision", body: `{"approve":true}`, status: 409, check: field("current_status", "assigned")},
			{name: "request", caller: "sct", key: "e1", path: base + "/extension", body: `{"due_date":"2025-04-15","reason":"Chờ số liệu"}`, status: 201,
				check: func(t *testing.T, b map[string]any) {
					field("status", "pending")(t, b)
					field("previous_due_date", "2025-03-31")(t, b)
				}},
			{name: "request replayed", caller: "sct", key: "e1", path: base + "/extension", body: `{"due_date":"2025-04-15","reason":"Chờ số liệu"}`, status: 201},
			{name: "second pending request", caller: "sct", path: base + "/extension", body: `{"due_date":"2025-04-20","reason":"y"}`, status: 409},
			{name: "decide: no approve", caller: "ubnd", path: base + "/extension/decision", body: `{"comment":"x"}`, status: 400, check: badField("approve")},
			{name: "decide: assignee", caller: "sct", path: base + "/extension/decision", body: `{"approve":true}`, status: 403},
			{name: "decide: specialist of the assigner", caller: "ubnd-vp", path: base + "/extension/decision", body: `{"approve":true}`, status: 403},
			{name: "reject", caller: "ubnd", path: base + "/extension/decision", body: `{"approve":false,"comment":"Không"}`, status: 200,
				check: func(t *testing.T, b map[string]any) {
					field("extension.status", "rejected")(t, b)
					field("task.due_date", "2025-03-31")(t, b)
				}},
			{name: "request again", caller: "sct", path: base + "/extension", body: `{"due_date":"2025-04-10","reason":"Lần hai"}`, status: 201},
			{name: "approve", caller: "ubnd", path: base + "/extension/decision", body: `{"approve":true}`, status: 200,
				check: func(t *testing.T, b map[string]any) {
					field("extension.status", "approved")(t, b)
					field("extension.previous_due_date", "2025-03-31")(t, b)
					field("task.due_date", "2025-04-10")(t, b)
				}},
		})
		var d struct {
			DueDate    string `json:"due_date"`
			Extensions []struct {
				Status string `json:"status"`
			} `json:"extensions"`
		}
		e.get(t, base, "sct", &d)
		if d.DueDate != "2025-04-10" || len(d.Extensions) != 2 {
			t.Fatalf("history of extensions: %+v", d)
		}
		if n := e.outboxCount(t, db, events.TaskExtensionDecided); n != 2 {
			t.Fatalf("task.extension_decided written %d times", n)
		}
		if n := e.outboxCount(t, db, events.TaskExtensionRequested); n != 2 {
			t.Fatalf("task.extension_requested written %d times", n)
		}
		// A request pending when the document is revoked cannot be decided.
		run(t, e, []step{{name: "request a third time", caller: "sct", path: base + "/extension", body: `{"due_date":"2025-04-20","reason":"z"}`, status: 201}})
		e.deliver(events.DocumentRevoked, "doc-1", &eventsv1.DocumentRevoked{DocumentId: "doc-1", Reason: "nhầm"})
		run(t, e, []step{
			{name: "decide on a cancelled task", caller: "ubnd", path: base + "/extension/decision", body: `{"approve":false}`, status: 409, check: field("current_status", "cancelled")},
			{name: "accept a cancelled task", caller: "sct", path: base + "/accept", status: 409, check: field("current_status", "cancelled")},
		})
		wantHistory(t, e, id, "sct",
			"assigned",
			"extension_requested new_due_date=2025-04-15 old_due_date=2025-03-31 reason=Chờ số liệu",
			"extension_decided decision=rejected new_due_date=2025-04-15 note=Không old_due_date=2025-03-31",
			"extension_requested new_due_date=2025-04-10 old_due_date=2025-03-31 reason=Lần hai",
			"extension_decided decision=approved new_due_date=2025-04-10 old_due_date=2025-03-31",
			"extension_requested new_due_date=2025-04-20 old_due_date=2025-04-10 reason=z",
			"cancelled reason=nhầm")
	})
}

// outboxCount counts the outbox rows of one event type.
func (e *env) outboxCount(t *testing.T, db *store.DB, short string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE type = $1`, events.Type(short)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A child unit only identity knows yet (its unit.created lags) is a valid
// target; an id identity does not know is a 400, and identity being down a
// 503, never a guess.
func TestDelegateUnitLag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		base := "/v1/tasks/" + e.taskID(t, "inbox", "sct", "doc-1→sct")
		e.identity.down.Store(true)
		run(t, e, []step{{name: "identity down", caller: "sct", path: base + "/delegate", body: `{"assignee_unit_id":"sct-new","due_date":"2025-03-20","note":""}`, status: 503}})
		e.identity.down.Store(false)
		run(t, e, []step{
			{name: "unknown unit", caller: "sct", path: base + "/delegate", body: `{"assignee_unit_id":"nope","due_date":"2025-03-20","note":""}`, status: 400, check: badField("assignee_unit_id")},
			{name: "lagging child", caller: "sct", path: base + "/delegate", body: `{"assignee_unit_id":"sct-new","due_date":"2025-03-20","note":""}`, status: 201, check: field("assignee_unit_id", "sct-new")},
		})
	})
}
