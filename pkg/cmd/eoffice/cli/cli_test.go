package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// fake answers the few routes of the four services the tests use, all on
// one server, and records what was posted.
type fake struct {
	mu      sync.Mutex
	grants  int
	posted  map[string][]byte
	expires int
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if f.posted == nil {
		f.posted = map[string][]byte{}
	}
	if r.Method == http.MethodPost {
		f.posted[r.URL.Path] = body
	}
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == "/v1/token" {
		f.grants++
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "tok-" + string(rune('0'+f.grants)), "token_type": "Bearer",
			"expires_in": f.expires, "refresh_token": "ref-" + string(rune('0'+f.grants))})
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") {
		w.WriteHeader(401)
		_, _ = w.Write([]byte(`{"status":401,"title":"Unauthorized","detail":"missing or invalid token"}`))
		return
	}
	switch {
	case r.URL.Path == "/v1/me":
		_, _ = w.Write([]byte(`{"id":"p1","username":"cv.ttbc","full_name":"Đặng Thu Hà","unit_id":"u3","roles":["specialist"],"title":"Chuyên viên","extra":"kept"}`))
	case r.URL.Path == "/v1/units":
		_, _ = w.Write([]byte(`{"items":[
			{"id":"u1","short_name":"UBND","name":"Ủy ban nhân dân tỉnh","active":true},
			{"id":"u2","short_name":"STTTT","parent_id":"u1","name":"Sở Thông tin và Truyền thông","active":true},
			{"id":"u3","short_name":"VP","parent_id":"u2","name":"Văn phòng Sở","active":true},
			{"id":"u4","short_name":"SNV","parent_id":"u1","name":"Sở Nội vụ","active":true},
			{"id":"u5","short_name":"VP","parent_id":"u4","name":"Văn phòng Sở","active":true}]}`))
	case r.URL.Path == "/v1/units/u3":
		_, _ = w.Write([]byte(`{"id":"u3","short_name":"VP","name":"Văn phòng Sở","active":true}`))
	case r.URL.Path == "/v1/documents" && r.Method == http.MethodPost:
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"id":"d1","kind":"plan","status":"draft","issuer_unit_id":"u2","summary":"Kế hoạch","recipients":["u4"],"items":[{"id":"i1","title":"Việc một","lead_unit_id":"u3","cooperating_unit_ids":["u4"],"due_date":"2026-12-20"}]}`))
	case r.URL.Path == "/v1/documents" && r.Method == http.MethodGet:
		if r.URL.Query().Get("box") == "incoming" {
			_, _ = w.Write([]byte(`{"items":[{"id":"d9","notation":"07/CT-UBND","kind":"directive","status":"issued","urgency":"very_urgent","channel":"exchange",
				"sender":{"name":"UBND tỉnh"},"summary":"Về cải cách hành chính","receipt_status":"directed",
				"receipt":{"agency_id":"u2","status":"directed","incoming_number":125,"registered_at":"2026-03-06T02:00:00Z"},"handling_due_date":"2026-04-10"}]}`))
			return
		}
		_, _ = w.Write([]byte(`{"items":[{"id":"d1","notation":"01/KH-STTTT","kind":"plan","status":"issued","urgency":"urgent","channel":"internal",
			"issuer_unit_id":"u2","summary":"Kế hoạch tuyên truyền PAPI","due_date":"2026-06-30","issued_at":"2026-03-05T02:00:00Z"}]}`))
	case r.URL.Path == "/v1/documents/d1" && r.Method == http.MethodGet:
		_, _ = w.Write([]byte(`{"id":"d1","notation":"01/KH-STTTT","kind":"plan","status":"issued","urgency":"urgent","confidentiality":"normal","channel":"internal",
			"issuer_unit_id":"u2","summary":"Kế hoạch tuyên truyền PAPI","due_date":"2026-06-30","issued_at":"2026-03-05T02:00:00Z","recipients":["u4"],
			"signer":{"full_name":"Nguyễn Văn An","title":"Giám đốc","signing_mark":""},
			"items":[{"id":"i1","title":"Việc một","lead_unit_id":"u3","cooperating_unit_ids":["u4"],"due_date":"2026-12-20"}]}`))
	case r.URL.Path == "/v1/tasks/t1" && r.Method == http.MethodGet:
		_, _ = w.Write([]byte(`{"id":"t1","source_notation":"01/KH-STTTT","assigner_unit_id":"u2","assignee_unit_id":"u3","role":"cooperate","title":"Tuyên truyền về Chỉ số PAPI",
			"due_date":"2026-06-30","due_working_days":10,"status":"awaiting_review","progress_percent":100,"class":"completed_on_time",
			"reports":[{"id":"r1","task_id":"t1","progress_percent":100,"summary":"Đã tuyên truyền","final":true,"submitted_at":"2026-06-01T03:00:00Z","review":{"decision":"returned","comment":"Bổ sung số liệu"}}]}`))
	case r.URL.Path == "/v1/calendars/2026":
		_, _ = w.Write([]byte(`{"agency_id":"u2","year":2026,"source":"shipped","days":[{"date":"2026-01-01","off":true,"name":"Tết Dương lịch"},{"date":"2026-02-14","off":false,"name":"Làm bù ngày 20/02"}]}`))
	case r.URL.Path == "/v1/stats/units":
		_, _ = w.Write([]byte(`{"items":[{"unit_id":"u3","completed_on_time":3,"completed_late":1,"open_within_deadline":2,"open_overdue":1,"on_time_rate":0.75}]}`))
	case r.URL.Path == "/v1/registers/outgoing":
		_, _ = w.Write([]byte(`{"book":"outgoing","agency_id":"u2","agency_name":"STTTT","year":2026,"confidential":false,"items":[{"document_id":"d1","number":1,"series":"KH","notation":"01/KH-STTTT","document_date":"2026-03-05","kind":"plan","kind_name":"Kế hoạch","summary":"Tuyên truyền PAPI","channel":"internal","urgency":"urgent","recipients":["Sở Nội vụ"]}]}`))
	case r.URL.Path == "/v1/registers/incoming" && r.URL.Query().Get("format") != "":
		// The file stands for itself: it names the query it answers.
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write([]byte("FILE " + r.URL.RawQuery))
	case r.URL.Path == "/v1/registers/incoming":
		_, _ = w.Write([]byte(`{"book":"incoming","agency_id":"u1","agency_name":"UBND","year":2026,"confidential":false,"items":[{"document_id":"d9","number":125,"series":"incoming","notation":"07/CT-BNV","document_date":"2026-03-05","kind":"directive","kind_name":"Chỉ thị","summary":"Về cải cách hành chính","channel":"paper","urgency":"normal","sender":"Bộ Nội vụ","arrived_on":"2026-03-06"}]}`))
	case r.URL.Path == "/v1/statistics/documents":
		_, _ = w.Write([]byte(`{"agency_id":"u1","from":"2026-01-01","to":"2026-03-31","received":{"total":12,"by_channel":{"exchange":5,"internal":4,"paper":3},"by_kind":{},"by_urgency":{}},"sent":{"total":7,"by_channel":{"exchange":2,"internal":5,"paper":0},"by_kind":{},"by_urgency":{}},"electronic":{"received":9,"sent":6,"share":0.789},"handling":[{"registered":12,"to_registration_median_days":0.5,"to_registration_p90_days":1.25,"directed":8,"to_direction_median_days":2,"to_direction_p90_days":4.5},{"user_id":"p2","name":"Lê Văn Cường","registered":12,"to_registration_median_days":0.5,"to_registration_p90_days":1.25,"directed":0,"to_direction_median_days":0,"to_direction_p90_days":0}]}`))
	case r.URL.Path == "/v1/analytics/tasks" && r.URL.Query().Get("format") != "":
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write([]byte("FILE " + r.URL.RawQuery))
	case r.URL.Path == "/v1/analytics/tasks":
		_, _ = w.Write([]byte(`{"from":"2026-01-01","to":"2026-03-31","group":"` + r.URL.Query().Get("group") + `","as_of":"2026-03-18","week_end":"2026-03-22","rows":[{"unit_id":"u3","unit_name":"Văn phòng Sở","user_id":"p1","user_name":"Đặng Thu Hà","assigned":5,"completed":4,"completed_on_time":3,"completed_late":1,"on_time_rate":0.75,"median_days":2.5,"p90_days":6.25,"load":{"open":2,"overdue":1,"awaiting_review":0,"due_this_week":1,"later":0},"open_tasks":[{"id":"t1","title":"Tuyên truyền về Chỉ số PAPI","due_date":"2026-03-10","status":"in_progress","class":"open_overdue","source_notation":"01/KH-STTTT"}]}],"total":{"assigned":5,"completed":4,"completed_on_time":3,"completed_late":1,"on_time_rate":0.75,"median_days":2.5,"p90_days":6.25,"load":{"open":2,"overdue":1,"awaiting_review":0,"due_this_week":1,"later":0}}}`))
	case r.URL.Path == "/v1/documents/d1/issue":
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(409)
		_, _ = w.Write([]byte(`{"type":"about:blank","title":"Conflict","status":409,"detail":"the document is not approved","current_status":"draft"}`))
	case r.URL.Path == "/v1/tasks":
		_, _ = w.Write([]byte(`{"items":[{"id":"t1","source_notation":"01/KH-STTTT","assigner_unit_id":"u2","assignee_unit_id":"u3","role":"lead","title":"Tuyên truyền về Chỉ số PAPI","due_date":"2026-06-30","status":"in_progress","progress_percent":60,"class":"open_overdue","future_field":1}]}`))
	case r.URL.Path == "/v1/users" && r.URL.Query().Get("unit_id") == "u3":
		_, _ = w.Write([]byte(`{"items":[{"id":"p1","username":"cv.ttbc","full_name":"Đặng Thu Hà","unit_id":"u3","roles":["specialist"],"active":true}]}`))
	case r.URL.Path == "/v1/tasks/t1/delegate":
		w.WriteHeader(201)
		_, _ = w.Write([]byte(`{"id":"t2","parent_task_id":"t1","assigner_unit_id":"u2","assignee_unit_id":"u3","assignee_user_id":"p1","role":"lead","title":"Tuyên truyền về Chỉ số PAPI","due_date":"2026-06-20","status":"assigned","progress_percent":0,"class":"open_within_deadline"}`))
	case r.URL.Path == "/v1/plans/d1/progress":
		_, _ = w.Write([]byte(`{"plan_document_id":"d1","items":[{"plan_item_id":"i1","title":"Việc một","lead_unit_id":"u3","cooperating_unit_ids":["u4"],"status":"completed","progress_percent":100,"due_date":"2026-06-30","class":"completed_late"}],"totals":{"completed_on_time":0,"completed_late":1,"open_within_deadline":0,"open_overdue":1}}`))
	default:
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(404)
		_, _ = w.Write([]byte(`{"status":404,"title":"Not Found","detail":"no such route"}`))
	}
}

type env struct {
	t     *testing.T
	srv   *httptest.Server
	fake  *fake
	vars  map[string]string
	creds string
}

func newEnv(t *testing.T) *env {
	f := &fake{expires: 900}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	creds := filepath.Join(t.TempDir(), "eoffice", "credentials.json")
	e := &env{t: t, srv: srv, fake: f, creds: creds, vars: map[string]string{"EOFFICE_CREDENTIALS": creds}}
	for _, s := range []string{"IDENTITY", "DOCUMENTS", "TASKS", "NOTIFICATIONS"} {
		e.vars["EOFFICE_"+s+"_URL"] = srv.URL
	}
	return e
}

// run runs one command line and returns the exit code, stdout and stderr.
func (e *env) run(stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	a := &App{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, HTTP: e.srv.Client(),
		Getenv: func(k string) string { return e.vars[k] }}
	code := Main(context.Background(), a, args)
	return code, out.String(), errOut.String()
}

func (e *env) login() {
	e.t.Helper()
	if code, _, stderr := e.run("demo-Spec-2\n", "login", "--username", "cv.ttbc", "--password-stdin"); code != 0 {
		e.t.Fatalf("login: %d %s", code, stderr)
	}
}

func TestCommandLineMistakes(t *testing.T) {
	e := newEnv(t)
	e.vars["EOFFICE_LANG"] = "en" // the messages as written; TestLanguages checks Vietnamese
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{nil, 2, "usage: eoffice COMMAND"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"docs"}, 2, "docs: create FILE"},
		{[]string{"docs", "list", "--box", "sideways"}, 2, "--box is outgoing or incoming"},
		{[]string{"docs", "show"}, 2, "wrong number of arguments"},
		{[]string{"docs", "reject", "d1"}, 2, "--reason is required"},
		{[]string{"tasks", "report", "t1", "--progress", "101", "--summary", "x"}, 2, "--progress is required, 0 to 100"},
		{[]string{"tasks", "report", "t1", "--progress", "50"}, 2, "--summary is required"},
		{[]string{"tasks", "review", "t1", "r1", "--decision", "maybe"}, 2, "accepted or returned"},
		{[]string{"tasks", "delegate", "t1"}, 2, "--to and --due are required"},
		{[]string{"tasks", "list", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"plan", "progress"}, 2, "wrong number of arguments"},
		{[]string{"events", "tail", "--topic", "weather"}, 2, `unknown topic "weather"`},
		{[]string{"tasks", "list"}, 1, "not logged in: run eoffice login first"},
		{[]string{"help"}, 0, "events"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := e.run("", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.inStderr)
			}
		})
	}
	if len(e.fake.posted) != 0 {
		t.Fatalf("a mistake reached the server: %v", e.fake.posted)
	}
}

func TestLoginKeepsAndRefreshesTheSession(t *testing.T) {
	e := newEnv(t)
	e.login()
	st, err := os.Stat(e.creds)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("credentials: %v %v", st, err)
	}
	code, out, stderr := e.run("", "me")
	if code != 0 || !strings.Contains(out, "Đặng Thu Hà") || !strings.Contains(out, "Văn phòng Sở (VP)") {
		t.Fatalf("me: %d %q %q", code, out, stderr)
	}
	if e.fake.grants != 1 {
		t.Fatalf("grants %d, want 1 (the saved token is reused)", e.fake.grants)
	}

	// An expired access token is refreshed once and the new pair saved.
	tok, _ := LoadCredentials(e.creds)
	tok.ExpiresAt = time.Now().Add(-time.Minute)
	if err := SaveCredentials(e.creds, tok); err != nil {
		t.Fatal(err)
	}
	code, out, _ = e.run("", "me", "--json")
	if code != 0 || !strings.Contains(out, `"extra": "kept"`) {
		t.Fatalf("me --json after expiry: %d %q", code, out)
	}
	again, _ := LoadCredentials(e.creds)
	if e.fake.grants != 2 || again.AccessToken != "tok-2" || again.RefreshToken != "ref-2" || !again.ExpiresAt.After(time.Now()) {
		t.Fatalf("after refresh: %d grants, saved %+v", e.fake.grants, again)
	}
	if !strings.Contains(string(e.fake.posted["/v1/token"]), "grant_type=refresh_token") {
		t.Fatalf("last grant %s", e.fake.posted["/v1/token"])
	}

	if code, _, _ := e.run("", "logout"); code != 0 {
		t.Fatal("logout")
	}
	if code, _, stderr := e.run("", "me"); code != 1 || !strings.Contains(stderr, "chưa đăng nhập") {
		t.Fatalf("after logout: %d %q", code, stderr)
	}
}

func TestRefusalShowsTheProblemNotATrace(t *testing.T) {
	e := newEnv(t)
	e.login()
	code, out, stderr := e.run("", "docs", "issue", "d1")
	want := "eoffice: 409 Conflict: the document is not approved (current status: draft)"
	if code != 1 || out != "" || !strings.HasPrefix(stderr, want) || strings.Contains(stderr, "goroutine") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestDocsCreateResolvesUnitNames(t *testing.T) {
	e := newEnv(t)
	e.login()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	yamlFile := write("plan.yaml", `kind: plan
summary: Kế hoạch
body: Nội dung
recipients: [SNV]
items:
  - title: Việc một
    lead: STTTT/VP
    cooperating: [Sở Nội vụ]
    due_date: 2026-12-20
    indicator: {name: PAPI, target: tăng}
`)
	code, out, stderr := e.run("", "docs", "create", yamlFile)
	if code != 0 {
		t.Fatalf("create: %d %s", code, stderr)
	}
	var sent documentsapi.NewDocument
	if err := json.Unmarshal(e.fake.posted["/v1/documents"], &sent); err != nil {
		t.Fatal(err)
	}
	it := sent.Items[0]
	if sent.Recipients[0] != "u4" || it.LeadUnitID != "u3" || it.CooperatingUnitIDs[0] != "u4" || it.DueDate != "2026-12-20" || it.Indicator.Target != "tăng" {
		t.Fatalf("sent %+v", sent)
	}
	if !strings.Contains(out, "trạng thái:       Dự thảo") || !strings.Contains(out, "Việc một") || !strings.Contains(out, "VP") {
		t.Fatalf("shown %q", out)
	}

	tests := []struct {
		name, file, want string
	}{
		{"ambiguous short name", write("a.json", `{"kind":"plan","summary":"s","body":"b","recipients":["VP"],"items":[{"title":"x","due_date":"2026-12-01"}]}`),
			"recipients[0]: \"VP\" names 2 units (UBND/SNV/VP, UBND/STTTT/VP)"},
		{"missing lead named", write("b.json", `{"kind":"plan","summary":"s","body":"b","recipients":["SNV"],"items":[{"title":"x","due_date":"2026-12-01"}]}`),
			"items[0].lead: required"},
		{"unknown field", write("c.yaml", "kind: plan\nsumary: typo\n"), "field sumary not found"},
		{"not a file", filepath.Join(dir, "none.yaml"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			delete(e.fake.posted, "/v1/documents")
			code, _, stderr := e.run("", "docs", "create", tt.file)
			if code != 1 || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "cli.") {
				t.Fatalf("exit %d, stderr %q, want %q", code, stderr, tt.want)
			}
			if _, sent := e.fake.posted["/v1/documents"]; sent {
				t.Fatal("a bad file was sent")
			}
		})
	}
}

func TestTablesAndJSON(t *testing.T) {
	e := newEnv(t)
	e.login()
	code, out, _ := e.run("", "tasks", "list", "--box", "inbox")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "MÃ ") {
		t.Fatalf("table: %d %q", code, out)
	}
	// Columns line up: each header starts where its value starts.
	// (in characters: tabwriter counts runes)
	col := func(line, s string) int { return utf8.RuneCountInString(line[:strings.Index(line, s)]) }
	if col(lines[0], "TRẠNG THÁI") != col(lines[1], "Đang thực hiện") || !strings.Contains(strings.Join(strings.Fields(lines[1]), " "), "STTTT VP") {
		t.Fatalf("misaligned or unlabelled:\n%s", out)
	}
	code, out, _ = e.run("", "tasks", "list", "--json")
	var page struct {
		Items []map[string]any `json:"items"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &page) != nil || len(page.Items) != 1 || page.Items[0]["future_field"] != float64(1) {
		t.Fatalf("json: %d %q", code, out)
	}
	code, out, _ = e.run("", "plan", "progress", "d1")
	// officials' words and dates: no class code, no ISO date
	for _, want := range []string{"Hoàn thành quá hạn", "Đang thực hiện quá hạn", "Chờ đánh giá", "30/06/2026", "Tổng số"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("progress lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "completed_late") || strings.Contains(out, "2026-06-30") {
		t.Fatalf("progress shows a code or an ISO date:\n%s", out)
	}
}

func TestNotationsNameDocuments(t *testing.T) {
	e := newEnv(t)
	e.login()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan", "progress", "01/KH-STTTT"}, 0, "Hoàn thành quá hạn"},
		{[]string{"plan", "progress", "01/kh-stttt"}, 0, "Hoàn thành quá hạn"},
		{[]string{"docs", "issue", "01/KH-STTTT"}, 1, "409 Conflict"},
		{[]string{"tasks", "list", "--source", "07/CT-UBND"}, 0, "Tuyên truyền"},
		{[]string{"plan", "progress", "02/KH-STTTT"}, 1, "không có văn bản số 02/KH-STTTT"},
	}
	for _, tt := range tests {
		code, out, stderr := e.run("", tt.args...)
		if code != tt.code || !strings.Contains(out+stderr, tt.want) {
			t.Errorf("%v: exit %d, %q %q; want %d and %q", tt.args, code, out, stderr, tt.code, tt.want)
		}
	}
}
