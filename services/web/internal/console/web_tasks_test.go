package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// Sample data of delegation and extensions. The file sorts after
// plans_test.go on purpose: its init wraps the GET /v1/tasks answer set
// there.
func init() {
	for k, v := range map[string]string{
		// t-deleg: UBND gave STTTT a task; STTTT delegated it to TTBC,
		// naming Lê Minh Châu; an earlier extension moved it to 20/12.
		"GET /v1/tasks/t-deleg": `{"id":"t-deleg","source_document_id":"d-deleg","title":"Triển khai Chỉ thị 15","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-12-20","status":"in_progress","progress_percent":10,"class":"open_within_deadline",
			"extensions":[{"id":"e0","previous_due_date":"2026-12-10","requested_due_date":"2026-12-20","reason":"Chờ số liệu các huyện","requested_by":"u-ld","requested_at":"2026-11-25T03:00:00Z","status":"approved","comment":"Đồng ý","decided_at":"2026-11-26T03:00:00Z"}],
			"history":[{"action":"delegated","to_status":"in_progress","at":"2026-11-27T03:00:00Z","to_unit_id":"ttbc","to_user_id":"u-cv","note":"Khẩn trương"}]}`,
		// t-child: the delegated child, with a pending extension the
		// STTTT leader decides.
		"GET /v1/tasks/t-child": `{"id":"t-child","source_document_id":"d-deleg","parent_task_id":"t-deleg","title":"Triển khai Chỉ thị 15","assigner_unit_id":"stttt","assignee_unit_id":"ttbc","assignee_user_id":"u-cv","role":"lead","due_date":"2026-12-15","due_working_days":12,"status":"in_progress","progress_percent":0,"class":"open_within_deadline",
			"extensions":[{"id":"e1","previous_due_date":"2026-12-15","requested_due_date":"2026-12-25","reason":"Thiếu nhân lực","requested_by":"u-cv","requested_at":"2026-11-28T03:00:00Z","status":"pending"}]}`,
		"GET /v1/tasks/t-done": `{"id":"t-done","source_document_id":"d-flash","title":"Rà soát cổng thông tin","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-10-31","status":"completed","progress_percent":100,"class":"completed_on_time","completed_at":"2026-10-30T03:00:00Z"}`,
		"GET /v1/users/u-cv":   `{"id":"u-cv","username":"cv.ttbc","full_name":"Lê Minh Châu","unit_id":"ttbc","roles":["specialist"],"title":"Chuyên viên","active":true}`,
	} {
		sample[k] = v
	}
	prev := special["GET /v1/tasks"]
	special["GET /v1/tasks"] = func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		if r.URL.Query().Get("source_document_id") == "d-deleg" {
			return writeJSON(w, http.StatusOK, `{"items":[
				{"id":"t-child","source_document_id":"d-deleg","parent_task_id":"t-deleg","assigner_unit_id":"stttt","assignee_unit_id":"ttbc","assignee_user_id":"u-cv","role":"lead","due_date":"2026-12-15","due_working_days":12,"status":"in_progress","progress_percent":0,"class":"open_within_deadline"},
				{"id":"t-deleg","source_document_id":"d-deleg","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-12-20","status":"in_progress","class":"open_within_deadline"}]}`)
		}
		return prev != nil && prev(u, w, r, raw)
	}
	special["GET /v1/users"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/users?", r.URL.RawQuery)
		switch r.URL.Query().Get("unit_id") {
		case "ttbc":
			return writeJSON(w, http.StatusOK, `{"items":[{"id":"u-cv","username":"cv.ttbc","full_name":"Lê Minh Châu","unit_id":"ttbc","roles":["specialist"],"title":"Chuyên viên","active":true},
				{"id":"u-old","username":"cu.ttbc","full_name":"Người đã nghỉ","unit_id":"ttbc","roles":["specialist"],"active":false}]}`)
		case "stttt":
			return writeJSON(w, http.StatusOK, `{"items":[{"id":"u-ld","username":"gd.stttt","full_name":"Phạm Quốc Dũng","unit_id":"stttt","roles":["leader"],"title":"Giám đốc","active":true}]}`)
		case "":
			return writeJSON(w, http.StatusOK, `{"items":[{"id":"u-cv","username":"cv.ttbc","full_name":"Lê Minh Châu","unit_id":"ttbc","roles":["specialist","clerk"],"title":"Chuyên viên","active":true},
				{"id":"u-old","username":"cu.ttbc","full_name":"Người đã nghỉ","unit_id":"ttbc","roles":["specialist"],"active":false}],"next_cursor":"p2"}`)
		}
		return writeJSON(w, http.StatusOK, `{"items":[]}`)
	}
	special["POST /v1/tasks/t-deleg/delegate"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		if strings.Contains(string(raw), `"due_working_days":10`) {
			return writeJSON(w, http.StatusCreated, `{"id":"t-new","parent_task_id":"t-deleg","assignee_unit_id":"ttbc","due_date":"2026-12-15","due_working_days":10,"status":"assigned"}`)
		}
		return writeJSON(w, http.StatusCreated, `{"id":"t-new","parent_task_id":"t-deleg","assignee_unit_id":"ttbc","due_date":"2026-12-15","status":"assigned"}`)
	}
	special["POST /v1/tasks/t-child/extension/decision"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		due := "2026-12-15"
		if strings.Contains(string(raw), `"approve":true`) {
			due = "2026-12-25"
		}
		return writeJSON(w, http.StatusOK, `{"extension":{"id":"e1","status":"approved"},"task":{"id":"t-child","due_date":"`+due+`"}}`)
	}
}

// TestTaskDelegationPages: the task page offers delegation to the child
// units (and to a named person of the unit itself), lists the children
// with their people, and shows extension requests with both dates; the
// forms offered follow who is looking.
func TestTaskDelegationPages(t *testing.T) {
	tests := []struct {
		path      string
		want, not []string
	}{
		{"/tasks/t-deleg", []string{
			"Phân công cho đơn vị thuộc cơ quan", `action="/tasks/t-deleg/delegate"`,
			`<input type="radio" name="assignee_unit_id" value="ttbc" required> Phòng Thông tin - Báo chí (TTBC)`,
			`value="stttt" required> Sở Thông tin và Truyền thông (STTTT) — chính đơn vị này, giao cho một người`,
			`<optgroup label="Phòng Thông tin - Báo chí"><option value="u-cv">Lê Minh Châu — Chuyên viên</option></optgroup>`,
			"không muộn hơn 20/12/2026", `max="2026-12-20"`,
			`<a href="/tasks/t-child">Phòng Thông tin - Báo chí</a>`, "Lê Minh Châu</td>", "12 ngày làm việc (đến 15/12/2026)", `name="due_kind" value="working_days"`,
			"Gia hạn", "10/12/2026", "20/12/2026", "Chờ số liệu các huyện", "Đã đồng ý", "26/11/2026 10:00",
			`action="/tasks/t-deleg/extension"`, "Hạn hiện tại: <strong>20/12/2026</strong>", `min="2026-12-21"`,
			"<small>Giao cho Phòng Thông tin - Báo chí — Lê Minh Châu. Ý kiến: Khẩn trương</small>"},
			[]string{"Người đã nghỉ", `action="/tasks/t-deleg/extension/decision"`, "t-deleg</a>"}},
		{"/tasks/t-child", []string{
			"Người được giao</dt><dd>Lê Minh Châu — Chuyên viên", "Hạn hoàn thành</dt><dd>12 ngày làm việc (đến 15/12/2026)</dd>", `Nhiệm vụ cấp trên</dt><dd><a href="/tasks/t-deleg">`,
			"Chờ quyết định", "Thiếu nhân lực", `action="/tasks/t-child/extension/decision"`,
			"Quyết định gia hạn từ 15/12/2026 đến 25/12/2026", "Đồng ý gia hạn", "Không đồng ý"},
			[]string{`action="/tasks/t-child/extension"`, `action="/tasks/t-child/delegate"`}},
		// The leader's own unit has t-over: delegation is offered, the
		// decision (the assigner's) is not.
		{"/tasks/t-over", []string{`action="/tasks/t-over/delegate"`}, []string{`action="/tasks/t-over/extension/decision"`}},
		// A completed task offers neither delegation nor an extension.
		{"/tasks/t-done", nil, []string{`/delegate"`, `/extension"`}},
	}
	b := newBrowser(t)
	b.login()
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := b.get(tt.path)
			if p.status != http.StatusOK {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
			expectPage(t, p.body, tt.want, tt.not)
		})
	}
}

// consoleAction is one POST of the console: the call it makes (none when
// the console refuses the form itself), the JSON sent, where it returns
// and what that page then says.
type consoleAction struct {
	name     string
	path     string
	form     url.Values
	refuse   *refusal
	call     string // "" when nothing may reach the services
	wantBody string
	back     string
	wantText []string
}

func runActions(t *testing.T, newB func(*testing.T) (*browser, string), tests []consoleAction) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, csrf := newB(t)
			if tt.refuse != nil {
				b.up.refuse[tt.call] = *tt.refuse
			}
			form := url.Values{"csrf": {csrf}}
			for k, v := range tt.form {
				form[k] = v
			}
			p := b.post(tt.path, form)
			if p.status != http.StatusSeeOther || p.location != tt.back {
				t.Fatalf("%d %q %s", p.status, p.location, p.body)
			}
			sent := b.up.sent()
			switch {
			case tt.call == "" && len(sent) != 1: // the login's token call only
				t.Fatalf("the console should have refused the form itself; calls %v", sent)
			case tt.call != "" && !slices.Contains(sent, tt.call):
				t.Fatalf("calls %v, want %s", sent, tt.call)
			}
			if tt.wantBody != "" && !strings.Contains(b.up.body(tt.call), tt.wantBody) {
				t.Fatalf("sent %s, want it to contain %s", b.up.body(tt.call), tt.wantBody)
			}
			next := b.get(tt.back)
			for _, w := range tt.wantText {
				if !strings.Contains(next.body, w) {
					t.Errorf("page after the action lacks %q:\n%s", w, next.body)
				}
			}
		})
	}
}

func leaderBrowser(t *testing.T) (*browser, string) {
	b := newBrowser(t)
	return b, b.login()
}

// TestTaskDelegationActions: delegation, extension request and decision
// send the right calls and end with the success or the refusal in
// Vietnamese; the common mistakes are explained without a call.
func TestTaskDelegationActions(t *testing.T) {
	deleg := url.Values{"key": {"k1"}, "parent_due_date": {"2026-12-20"}, "own_unit_id": {"stttt"},
		"assignee_unit_id": {"ttbc"}, "assignee_user_id": {"u-cv"}, "due_date": {"2026-12-15"}, "note": {"Khẩn trương"}}
	with := func(v url.Values, kv ...string) url.Values {
		out := url.Values{}
		for k, x := range v {
			out[k] = x
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	const dlg, ext, dec = "POST /v1/tasks/t-deleg/delegate", "POST /v1/tasks/t-deleg/extension", "POST /v1/tasks/t-child/extension/decision"
	runActions(t, leaderBrowser, []consoleAction{
		{"delegate to a person of a child unit", "/tasks/t-deleg/delegate", deleg, nil, dlg,
			`{"assignee_unit_id":"ttbc","assignee_user_id":"u-cv","due_date":"2026-12-15","note":"Khẩn trương"}`, "/tasks/t-deleg",
			[]string{"Đã phân công cho Phòng Thông tin - Báo chí, hạn 15/12/2026."}},
		{"delegate in working days", "/tasks/t-deleg/delegate", with(deleg, "due_kind", "working_days", "due_working_days", "10"), nil, dlg,
			`{"assignee_unit_id":"ttbc","assignee_user_id":"u-cv","due_working_days":10,"note":"Khẩn trương"}`, "/tasks/t-deleg",
			[]string{"Đã phân công cho Phòng Thông tin - Báo chí, hạn 10 ngày làm việc (đến 15/12/2026)."}},
		{"working days not a number: refused here", "/tasks/t-deleg/delegate", with(deleg, "due_kind", "working_days", "due_working_days", "mười"), nil, "", "",
			"/tasks/t-deleg", []string{"Số ngày làm việc: nhập một số từ 1 đến 400"}},
		{"delegate with a typed dd/mm/yyyy date", "/tasks/t-deleg/delegate", with(deleg, "due_date", "15/12/2026", "assignee_user_id", ""), nil, dlg,
			`{"assignee_unit_id":"ttbc","due_date":"2026-12-15","note":"Khẩn trương"}`, "/tasks/t-deleg", []string{"Đã phân công cho"}},
		{"delegate later than the parent: refused here", "/tasks/t-deleg/delegate", with(deleg, "due_date", "2026-12-21"), nil, "", "", "/tasks/t-deleg",
			[]string{"Thông tin chưa hợp lệ", "Hạn xử lý: không được muộn hơn hạn của nhiệm vụ được giao (20/12/2026)"}},
		{"delegate within the unit without a person: refused here", "/tasks/t-deleg/delegate", with(deleg, "assignee_unit_id", "stttt", "assignee_user_id", ""), nil, "", "", "/tasks/t-deleg",
			[]string{"Người được giao: giao trong chính đơn vị thì phải chọn người được giao"}},
		{"delegate a person of another unit: refused here", "/tasks/t-deleg/delegate", with(deleg, "assignee_unit_id", "snv"), nil, "", "", "/tasks/t-deleg",
			[]string{"Người được giao: người này không thuộc đơn vị đã chọn"}},
		{"delegate refused by the service", "/tasks/t-deleg/delegate", deleg,
			&refusal{400, `{"status":400,"title":"Bad Request","detail":"a task is delegated to a child unit of its assignee","errors":[{"field":"assignee_unit_id","message":"is not a child unit of the assignee"}]}`},
			dlg, "", "/tasks/t-deleg", []string{"Thông tin chưa hợp lệ", "Đơn vị nhận việc: không phải đơn vị thuộc cơ quan của đơn vị thực hiện"}},
		{"delegate a closed task", "/tasks/t-deleg/delegate", deleg,
			&refusal{409, `{"status":409,"title":"Conflict","detail":"task is completed","current_status":"completed"}`},
			dlg, "", "/tasks/t-deleg", []string{"Trạng thái hiện tại (Hoàn thành) không cho phép thao tác này."}},
		{"ask for an extension", "/tasks/t-deleg/extension", url.Values{"key": {"k2"}, "current_due_date": {"2026-12-20"}, "due_date": {"31/12/2026"}, "reason": {"Chờ số liệu"}}, nil, ext,
			`{"due_date":"2026-12-31","reason":"Chờ số liệu"}`, "/tasks/t-deleg", []string{"Đã gửi đề nghị gia hạn đến 31/12/2026; chờ đơn vị giao quyết định."}},
		{"ask for an earlier date: refused here", "/tasks/t-deleg/extension", url.Values{"current_due_date": {"2026-12-20"}, "due_date": {"2026-12-20"}, "reason": {""}}, nil, "", "",
			"/tasks/t-deleg", []string{"Hạn mới: phải sau hạn hiện tại (20/12/2026)", "Lý do: bắt buộc nhập"}},
		{"extension refused: one pending already", "/tasks/t-deleg/extension", url.Values{"current_due_date": {"2026-12-20"}, "due_date": {"2026-12-31"}, "reason": {"x"}},
			&refusal{409, `{"status":409,"title":"Conflict","detail":"an extension request is pending","current_status":"in_progress"}`}, ext, "", "/tasks/t-deleg",
			[]string{"Trạng thái hiện tại (Đang thực hiện) không cho phép thao tác này.", "Chi tiết: an extension request is pending"}},
		{"approve the extension", "/tasks/t-child/extension/decision", url.Values{"decision": {"approve"}, "comment": {"Đồng ý"}}, nil, dec,
			`{"approve":true,"comment":"Đồng ý"}`, "/tasks/t-child", []string{"Đã đồng ý gia hạn; hạn hoàn thành mới là 25/12/2026."}},
		{"reject the extension", "/tasks/t-child/extension/decision", url.Values{"decision": {"reject"}}, nil, dec,
			`{"approve":false}`, "/tasks/t-child", []string{"Đã không đồng ý gia hạn; hạn hoàn thành giữ nguyên (15/12/2026)."}},
		{"decision without a choice: refused here", "/tasks/t-child/extension/decision", url.Values{}, nil, "", "", "/tasks/t-child",
			[]string{"Quyết định: chọn Đồng ý gia hạn hoặc Không đồng ý"}},
		{"decision not allowed", "/tasks/t-child/extension/decision", url.Values{"decision": {"approve"}},
			&refusal{403, `{"status":403,"title":"Forbidden","detail":"only leaders of the assigner's agency decide extensions"}`}, dec, "", "/tasks/t-child",
			[]string{"Bạn không có quyền thực hiện thao tác này."}},
	})
}

// expectText checks that body has every want and none of not, and shows
// the body when it does not.
func expectText(t *testing.T, body string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("lacks %q", w)
		}
	}
	for _, n := range not {
		if strings.Contains(body, n) {
			t.Errorf("has %q", n)
		}
	}
	if t.Failed() {
		t.Log(body)
	}
}

// expectPage is expectText on a page whose every field is labelled.
func expectPage(t *testing.T, body string, want, not []string) {
	t.Helper()
	checkLabels(t, body)
	expectText(t, body, want, not)
}
