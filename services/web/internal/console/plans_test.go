package console

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// special answers a call itself when it returns true (uploads, downloads,
// queries the sample map cannot tell apart).
var special = map[string]func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool{}

// note records a detail of a call for a test to read with u.body.
func (u *upstream) note(key, v string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.bodies[key] = v
}

func writeJSON(w http.ResponseWriter, status int, body string) bool {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
	return true
}

const pdf = "%PDF-1.4\nbáo cáo\n%%EOF\n"

func init() {
	for k, v := range map[string]string{
		"GET /v1/documents/d-plan": `{"id":"d-plan","kind":"plan","kind_name":"Kế hoạch","status":"issued","issuer_unit_id":"stttt","summary":"Kế hoạch nâng cao Chỉ số PAPI năm 2026","urgency":"normal","confidentiality":"normal","recipients":["ttbc","snv"],"notation":"12/KH-STTTT","number":12,"issued_at":"2026-11-20T02:30:00Z","created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"u-cv","full_name":"Lê Minh Châu"},"implements_document_id":"d-flash",
			"items":[{"id":"i1","title":"Tuyên truyền trên báo chí","lead_unit_id":"ttbc","cooperating_unit_ids":["snv"],"due_date":"2026-12-15","report_cadence":"monthly","indicator":{"name":"Số tin bài","target":"20"}},{"id":"i2","title":"Khảo sát người dân","lead_unit_id":"snv","cooperating_unit_ids":[],"due_date":"2026-11-30"}],
			"attachments":[{"id":"a1","filename":"Phụ lục 1.pdf","content_type":"application/pdf","size":2048}]}`,
		"GET /v1/documents/d-plan/history": `{"items":[]}`,
		"GET /v1/documents/d-plandraft": `{"id":"d-plandraft","kind":"plan","status":"draft","issuer_unit_id":"stttt","summary":"Kế hoạch chuyển đổi số","body":"Căn cứ Chỉ thị 15","urgency":"urgent","confidentiality":"normal","recipients":["ttbc","snv"],"created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"u-ld","full_name":"Phạm Quốc Dũng"},"implements_document_id":"d-flash",
			"items":[{"id":"i9","title":"Số hóa hồ sơ","lead_unit_id":"ttbc","cooperating_unit_ids":["snv"],"due_date":"2026-12-31","report_cadence":"monthly","indicator":{"name":"Tỷ lệ hồ sơ số hóa","target":"80%"}}]}`,
		"GET /v1/documents/d-plandraft/history": `{"items":[]}`,
		"GET /v1/plans/d-plan/progress": `{"plan_document_id":"d-plan","items":[
			{"plan_item_id":"i1","title":"Tuyên truyền trên báo chí","lead_unit_id":"ttbc","cooperating_unit_ids":["snv"],"status":"in_progress","progress_percent":50,"due_date":"2026-12-15","class":"open_within_deadline",
				"overdue_reports":1,"reports":[{"id":"q1","task_id":"t-i1","unit_id":"ttbc","role":"lead","period":"2026-10","period_start":"2026-10-01","period_end":"2026-10-31","due_date":"2026-10-31","state":"overdue"},
				{"id":"q2","task_id":"t-i1s","unit_id":"snv","role":"cooperate","period":"2026-10","period_start":"2026-10-01","period_end":"2026-10-31","due_date":"2026-10-31","report_id":"r9","reported_at":"2026-10-30T03:00:00Z","state":"reported_on_time"}]},
			{"plan_item_id":"i2","title":"Khảo sát người dân","lead_unit_id":"snv","cooperating_unit_ids":[],"status":"completed","progress_percent":100,"due_date":"2026-11-30","class":"completed_on_time"}],
			"overdue_reports":1,"totals":{"completed_on_time":2,"completed_late":0,"open_within_deadline":1,"open_overdue":1,"awaiting_review":0},
			"by_role":{"lead":{"completed_on_time":1,"completed_late":0,"open_within_deadline":1,"open_overdue":0,"awaiting_review":0},
				"cooperate":{"completed_on_time":1,"completed_late":0,"open_within_deadline":0,"open_overdue":1,"awaiting_review":0}}}`,
	} {
		sample[k] = v
	}
	special["GET /v1/tasks"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.URL.Query().Get("source_document_id") != "d-plan" {
			return false
		}
		u.note("GET /v1/tasks?", r.URL.RawQuery)
		// i1: lead open, one cooperating unit done on time and one
		// overdue, and a delegated child that the plan does not count.
		return writeJSON(w, http.StatusOK, `{"items":[
			{"id":"p1","plan_item_id":"i1","assignee_unit_id":"ttbc","role":"lead","status":"in_progress","class":"open_within_deadline"},
			{"id":"p2","plan_item_id":"i1","assignee_unit_id":"snv","role":"cooperate","status":"completed","class":"completed_on_time"},
			{"id":"p3","plan_item_id":"i1","assignee_unit_id":"stttt","role":"cooperate","status":"assigned","class":"open_overdue"},
			{"id":"p4","plan_item_id":"i1","parent_task_id":"p1","assignee_unit_id":"ttbc","role":"lead","status":"assigned","class":"open_overdue"},
			{"id":"p5","plan_item_id":"i2","assignee_unit_id":"snv","role":"lead","status":"completed","class":"completed_on_time"}]}`)
	}
	special["GET /v1/stats/units"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/stats/units?", r.URL.RawQuery)
		return writeJSON(w, http.StatusOK, `{"items":[
			{"unit_id":"u-gone","completed_on_time":0,"completed_late":0,"open_within_deadline":1,"open_overdue":0,"on_time_rate":null},
			{"unit_id":"stttt","completed_on_time":1,"completed_late":0,"open_within_deadline":2,"open_overdue":0,"on_time_rate":1},
			{"unit_id":"snv","completed_on_time":0,"completed_late":1,"open_within_deadline":0,"open_overdue":3,"on_time_rate":0}]}`)
	}
	special["PATCH /v1/documents/d-plandraft"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		return writeJSON(w, http.StatusOK, `{"id":"d-plandraft","status":"draft"}`)
	}
	special["GET /v1/documents/d-plan/attachments/a1"] = func(_ *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.Header.Get("Authorization") != "Bearer SECRET-access" {
			return writeJSON(w, http.StatusUnauthorized, `{"status":401}`)
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "Phụ lục 1.pdf"}))
		_, _ = w.Write([]byte(pdf))
		return true
	}
	special["POST /v1/documents/d-plandraft/attachments"] = func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			return writeJSON(w, http.StatusBadRequest, `{"status":400}`)
		}
		part, err := multipart.NewReader(bytes.NewReader(raw), params["boundary"]).NextPart()
		if err != nil || part.FormName() != "file" {
			return writeJSON(w, http.StatusBadRequest, `{"status":400,"errors":[{"field":"file","message":"is required"}]}`)
		}
		content, _ := io.ReadAll(part)
		u.note("upload", part.FileName()+"|"+part.Header.Get("Content-Type")+"|"+string(content)+"|"+r.Header.Get("Idempotency-Key"))
		out, _ := json.Marshal(map[string]any{"id": "a2", "filename": part.FileName(), "size": len(content)})
		return writeJSON(w, http.StatusCreated, string(out))
	}
}

// TestPlanPagesRender renders the plan editor, plan progress, scoreboard
// and the attachments of the document page over sample data.
func TestPlanPagesRender(t *testing.T) {
	tests := []struct {
		path      string
		status    int
		want, not []string
	}{
		{"/plans", 200, []string{"<h1>Kế hoạch</h1>", `href="/plans/new"`, `<a href="/plans" aria-current="page">Kế hoạch</a>`, `href="/scoreboard"`, "Trang sau"}, nil},
		{"/plans/new", 200, []string{"<h1>Soạn kế hoạch</h1>", `action="/plans"`, `name="rows" value="3"`, `<label for="implements_document_id">Thực hiện chỉ thị</label>`,
			`<option value="d-flash">15/CT-UBND — Về việc ứng phó bão số 9</option>`, `<label class="sr-only" for="row-2-due">Nhiệm vụ 3 — Hạn hoàn thành (dd/mm/yyyy)</label>`,
			`<option value="ttbc">— — Phòng Thông tin - Báo chí</option>`, `name="row-0-coop" multiple`, `<option value="quarterly">Hằng quý</option>`,
			`placeholder="dd/mm/yyyy"`, `<button type="submit" name="op" value="save">Lưu dự thảo</button>`, "+ Thêm dòng", "Xóa các dòng đã chọn"}, []string{"<script"}},
		{"/plans/d-plandraft/edit", 200, []string{"<h1>Sửa dự thảo kế hoạch</h1>", `action="/plans/d-plandraft"`, `name="rows" value="2"`, `value="Kế hoạch chuyển đổi số"`,
			`<option value="d-flash" selected>15/CT-UBND`, `<option value="urgent" selected>Khẩn</option>`, ">Số hóa hồ sơ</textarea>", `value="31/12/2026"`,
			`<option value="ttbc" selected>— — Phòng Thông tin - Báo chí</option>`, `<option value="snv" selected>— Sở Nội vụ</option>`,
			`<option value="monthly" selected>Hằng tháng</option>`, `value="Tỷ lệ hồ sơ số hóa"`, `value="80%"`}, nil},
		{"/plans/d-plan/edit", 409, []string{"Chỉ sửa được kế hoạch đang là dự thảo.", "Đã phát hành"}, nil},
		{"/documents/d-plan", 200, []string{"12/KH-STTTT", `<a href="/documents/d-plan/attachments/a1" download>Phụ lục 1.pdf</a> <small>(2 KB)</small>`,
			`href="/plans/d-plan/progress"`, "Xem tiến độ kế hoạch", "Hằng tháng", "Số tin bài: 20", "15/12/2026"},
			[]string{`enctype="multipart/form-data"`, "Sửa kế hoạch"}},
		{"/documents/d-plandraft", 200, []string{`action="/documents/d-plandraft/attachments" enctype="multipart/form-data"`, "tối đa 20 MB",
			`<input id="file" name="file" type="file" required accept=".pdf,.png,.jpg,.jpeg,.txt,.doc,.xls,.docx,.xlsx,.pptx,.odt,.ods,.zip">`, "Chưa có tệp đính kèm.", `href="/plans/d-plandraft/edit"`},
			[]string{"Xem tiến độ kế hoạch"}},
		{"/plans/d-plan/progress", 200, []string{"<h1>Tiến độ kế hoạch</h1>", "Có 1 báo cáo định kỳ quá hạn chưa gửi.",
			`<h2 id="h-periodic">Báo cáo định kỳ theo đơn vị</h2>`, `<tr data-unit-id="ttbc" data-period="2026-10" data-state="overdue">`,
			`<th scope="row" data-label="Kỳ báo cáo">Tháng 10/2026</th>`, `<span class="tag report-overdue">Quá hạn, chưa báo cáo</span>`,
			`<span class="tag report-reported_on_time">Đã báo cáo đúng hạn</span>`, `<td data-label="Ngày báo cáo">30/10/2026</td>`, `href="/documents/d-plan">12/KH-STTTT — Kế hoạch nâng cao Chỉ số PAPI năm 2026`,
			`<dd data-total-class="completed_on_time">2</dd>`, `<dd data-total-class="open_overdue">1</dd>`, "Tỷ lệ hoàn thành đúng hạn: <strong data-rate>67%</strong>",
			`<tr data-item-id="i1">`, "Tuyên truyền trên báo chí", "TTBC", "15/12/2026", "Đang thực hiện · 50%",
			`<td data-label="Hoàn thành đúng hạn" data-class="completed_on_time" class="n">1</td>`,
			`<td data-label="Đang thực hiện quá hạn" data-class="open_overdue" class="n">1</td>`,
			`<td data-label="Đang thực hiện trong hạn" data-class="open_within_deadline" class="n">1</td>`,
			`<td data-label="Tỷ lệ đúng hạn" data-rate>50%</td>`, `<td data-label="Tỷ lệ đúng hạn" data-rate>100%</td>`,
			`aria-label="Hoàn thành đúng hạn: 1, Hoàn thành quá hạn: 0, Đang thực hiện trong hạn: 1, Đang thực hiện quá hạn: 1, Chờ đánh giá: 0"`,
			`<tr data-role="lead"><th scope="row" data-label="Vai trò">Chủ trì</th>`, `<tr data-role="cooperate"><th scope="row" data-label="Vai trò">Phối hợp</th>`,
			`<td data-label="Đang thực hiện quá hạn" data-class="open_overdue" class="n">1</td><td data-label="Chờ đánh giá" data-class="awaiting_review" class="n">0</td><td data-label="Cộng" class="n">2</td>`,
			`<a href="/plans" aria-current="page">`}, []string{"<script", "Không đọc được"}},
		{"/scoreboard?from=01/01/2026&to=31/12/2026", 200, []string{"<h1>Bảng theo dõi đơn vị</h1>", `<label for="from">`,
			`<option value="due" selected>Hạn xử lý trong khoảng</option>`, "tình trạng tính đến hết ngày", `value="01/01/2026"`, `value="31/12/2026"`,
			`<tr data-unit-id="stttt">`, `<th scope="row" data-label="Đơn vị">Sở Thông tin và Truyền thông</th>`,
			`<td data-label="Hoàn thành đúng hạn" data-class="completed_on_time" class="n">1</td>`, `<td data-label="Đang thực hiện quá hạn" data-class="open_overdue" class="n">3</td>`,
			`<td data-label="Tỷ lệ đúng hạn" data-rate>100%</td>`, `<td data-label="Tỷ lệ đúng hạn" data-rate>0%</td>`, `<td data-label="Tỷ lệ đúng hạn" data-rate>—</td>`,
			"Tổng (3 đơn vị)", `<td data-label="Hoàn thành đúng hạn" data-total-class="completed_on_time" class="n">1</td>`,
			`<a href="/scoreboard" aria-current="page">Bảng theo dõi</a>`}, []string{"<script", "Trang sau"}},
	}
	b := newBrowser(t)
	b.login()
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) { checkPage(t, b.get(tt.path), tt.status, tt.want, tt.not) })
	}
}

// checkPage checks a rendered page: its status, texts it must and must not
// have, and a label for every field; it logs the page when it fails.
func checkPage(t *testing.T, p page, status int, want, not []string) {
	t.Helper()
	if p.status != status {
		t.Fatalf("status %d: %s", p.status, p.body)
	}
	for _, w := range want {
		if !strings.Contains(p.body, w) {
			t.Errorf("lacks %q", w)
		}
	}
	for _, n := range not {
		if strings.Contains(p.body, n) {
			t.Errorf("has %q", n)
		}
	}
	checkLabels(t, p.body)
	if t.Failed() {
		t.Log(p.body)
	}
}

var segment = regexp.MustCompile(`<rect class="seg seg-([a-z_]+)" data-class="[a-z_]+" data-count="(\d+)" x="([0-9.]+)" y="0" width="([0-9.]+)"`)

// bars reads the stacked bars of a page: per bar, class → count, and the
// drawn widths (icons are SVG too, and not bars).
func bars(body string) (counts []map[string]string, widths [][]string) {
	for _, svg := range strings.Split(body, `<svg class="bar"`)[1:] {
		svg = svg[:strings.Index(svg, "</svg>")]
		c := map[string]string{}
		var w []string
		for _, m := range segment.FindAllStringSubmatch(svg, -1) {
			c[m[1]] = m[2]
			w = append(w, m[4])
		}
		counts, widths = append(counts, c), append(widths, w)
	}
	return counts, widths
}

// TestCharts: the SVG bars hold the right counts, with widths in
// proportion on one scale.
func TestCharts(t *testing.T) {
	b := newBrowser(t)
	b.login()
	t.Run("plan progress", func(t *testing.T) {
		p := b.get("/plans/d-plan/progress")
		counts, widths := bars(p.body)
		want := []map[string]string{
			{"completed_on_time": "2", "open_within_deadline": "1", "open_overdue": "1"}, // totals
			{"completed_on_time": "1", "open_within_deadline": "1", "open_overdue": "1"}, // i1: the delegated child is not counted
			{"completed_on_time": "1"}, // i2
		}
		if len(counts) != len(want) {
			t.Fatalf("%d bars, want %d:\n%s", len(counts), len(want), p.body)
		}
		for i := range want {
			if !mapsEqual(counts[i], want[i]) {
				t.Errorf("bar %d: %v, want %v", i, counts[i], want[i])
			}
		}
		// The totals bar fills the width; items share the scale of the
		// biggest item (3 tasks), so i2's single task is a third.
		if got := strings.Join(widths[0], " "); got != "150.00 75.00 75.00" {
			t.Errorf("totals widths %s", got)
		}
		if got := strings.Join(widths[2], " "); got != "100.00" {
			t.Errorf("i2 widths %s", got)
		}
		if q := b.up.body("GET /v1/tasks?"); !strings.Contains(q, "box=outbox") || !strings.Contains(q, "source_document_id=d-plan") {
			t.Errorf("plan tasks read with %q", q)
		}
	})
	t.Run("scoreboard in the order of the unit tree, unknown units last", func(t *testing.T) {
		p := b.get("/scoreboard?from=1/1/2026&to=2026-12-31")
		if q := b.up.body("GET /v1/stats/units?"); q != "by=due&from=2026-01-01&to=2026-12-31" {
			t.Errorf("stats asked with %q", q)
		}
		order := regexp.MustCompile(`<tr data-unit-id="([^"]+)">`).FindAllStringSubmatch(p.body, -1)
		var ids []string
		for _, m := range order {
			ids = append(ids, m[1])
		}
		if strings.Join(ids, ",") != "snv,stttt,u-gone" {
			t.Errorf("rows %v", ids)
		}
		counts, _ := bars(p.body)
		if len(counts) != 4 || counts[0]["open_overdue"] != "3" || counts[1]["completed_on_time"] != "1" || counts[3]["open_overdue"] != "3" {
			t.Errorf("bars %v", counts)
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestScoreboardPeriod(t *testing.T) {
	b := newBrowser(t)
	b.login()
	for _, tt := range []struct{ query, want string }{
		{"?from=31/02/2026&to=31/12/2026", "Ngày phải viết dạng dd/mm/yyyy"},
		{"?from=01/12/2026&to=01/01/2026", "Ngày bắt đầu phải trước ngày kết thúc."},
	} {
		p := b.get("/scoreboard" + tt.query)
		if p.status != http.StatusBadRequest || !strings.Contains(p.body, tt.want) {
			t.Errorf("%s: %d %s", tt.query, p.status, p.body)
		}
	}
	if b.up.body("GET /v1/stats/units?") != "" {
		t.Fatal("a bad period was sent to the service")
	}
	p := b.get("/scoreboard")
	q := b.up.body("GET /v1/stats/units?")
	year := regexp.MustCompile(`from=(\d{4})-01-01&to=(\d{4})-12-31`).FindStringSubmatch(q)
	if year == nil || year[1] != year[2] || !strings.Contains(p.body, `value="01/01/`+year[1]+`"`) {
		t.Fatalf("default period: asked %q, page %s", q, p.body)
	}
}

// planForm is the editor's form with rows filled.
func planFormValues(csrf string, rows ...map[string]string) url.Values {
	f := url.Values{"csrf": {csrf}, "key": {"k-plan"}, "summary": {"Kế hoạch thực hiện Chỉ thị 15"}, "body": {"Nội dung"},
		"urgency": {"normal"}, "implements_document_id": {"d-flash"}, "rows": {strconvItoa(len(rows))}, "op": {"save"}}
	for i, r := range rows {
		for k, v := range r {
			f.Add("row-"+strconvItoa(i)+"-"+k, v)
		}
	}
	return f
}

func strconvItoa(i int) string { return string(rune('0' + i)) } // rows here are fewer than ten

func TestPlanEditor(t *testing.T) {
	row1 := map[string]string{"title": "Tuyên truyền", "lead": "ttbc", "due": "31/12/2026", "cadence": "quarterly", "indicator_name": "Số tin bài", "indicator_target": "20"}
	row3 := map[string]string{"title": "Khảo sát", "lead": "snv", "due": "2026-11-30", "cadence": "none"}
	t.Run("saved: blank rows dropped, dates sent as YYYY-MM-DD", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		f := planFormValues(csrf, row1, map[string]string{}, row3)
		f.Add("row-0-coop", "snv")
		f.Add("row-0-coop", "stttt")
		p := b.post("/plans", f)
		if p.status != http.StatusSeeOther || p.location != "/documents/d-new" {
			t.Fatalf("%d %q %s", p.status, p.location, p.body)
		}
		want := `{"kind":"plan","summary":"Kế hoạch thực hiện Chỉ thị 15","body":"Nội dung","urgency":"normal","recipients":[],"implements_document_id":"d-flash","items":[` +
			`{"title":"Tuyên truyền","lead_unit_id":"ttbc","cooperating_unit_ids":["snv","stttt"],"due_date":"2026-12-31","report_cadence":"quarterly","indicator":{"name":"Số tin bài","target":"20"}},` +
			`{"title":"Khảo sát","lead_unit_id":"snv","cooperating_unit_ids":[],"due_date":"2026-11-30","report_cadence":"none"}]}`
		if got := b.up.body("POST /v1/documents"); got != want {
			t.Fatalf("sent %s\nwant %s", got, want)
		}
		if next := b.get("/plans"); !strings.Contains(next.body, "Đã lưu dự thảo kế hoạch.") {
			t.Fatalf("no success message: %s", next.body)
		}
	})
	t.Run("add and remove rows send nothing", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		f := planFormValues(csrf, row1)
		f.Set("op", "add")
		p := b.post("/plans", f)
		if p.status != http.StatusOK || !strings.Contains(p.body, `name="rows" value="2"`) || !strings.Contains(p.body, ">Tuyên truyền</textarea>") ||
			!strings.Contains(p.body, `id="row-1-title"`) || !strings.Contains(p.body, `name="key" value="k-plan"`) {
			t.Fatalf("add: %d %s", p.status, p.body)
		}
		f = planFormValues(csrf, row1, map[string]string{"title": "Bỏ dòng này", "remove": "1"}, row3)
		f.Set("op", "remove")
		p = b.post("/plans", f)
		if !strings.Contains(p.body, `name="rows" value="2"`) || strings.Contains(p.body, "Bỏ dòng này") || !strings.Contains(p.body, `<textarea id="row-1-title" name="row-1-title" rows="2" maxlength="500">Khảo sát</textarea>`) {
			t.Fatalf("remove: %s", p.body)
		}
		if sent := b.up.sent(); len(sent) != 1 {
			t.Fatalf("sent %v", sent)
		}
	})
	t.Run("a date not dd/mm/yyyy is named and nothing is sent", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		bad := map[string]string{"title": "Khảo sát", "lead": "snv", "due": "31/11/2026"}
		p := b.post("/plans", planFormValues(csrf, row1, bad))
		if p.status != http.StatusBadRequest || !strings.Contains(p.body, "Nhiệm vụ 2 — Hạn hoàn thành: phải là ngày dạng dd/mm/yyyy") || !strings.Contains(p.body, `value="31/11/2026"`) {
			t.Fatalf("%d %s", p.status, p.body)
		}
		if sent := b.up.sent(); len(sent) != 1 {
			t.Fatalf("sent %v", sent)
		}
	})
	t.Run("refused: the rows come back with the service's reasons by row", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		b.up.refuse["POST /v1/documents"] = refusal{400, `{"status":400,"title":"Bad Request","errors":[{"field":"items[1].lead_unit_id","message":"is required"},{"field":"implements_document_id","message":"must be a directive issued to the plan's agency"}]}`}
		p := b.post("/plans", planFormValues(csrf, row1, map[string]string{}, map[string]string{"title": "Khảo sát", "due": "30/11/2026"}))
		for _, w := range []string{"Thông tin chưa hợp lệ", "Nhiệm vụ 2 — Đơn vị chủ trì:", "Thực hiện chỉ thị:", ">Khảo sát</textarea>", `name="rows" value="3"`} {
			if !strings.Contains(p.body, w) {
				t.Errorf("lacks %q", w)
			}
		}
		if p.status != http.StatusBadRequest {
			t.Fatalf("status %d", p.status)
		}
	})
	t.Run("edit a draft: every field sent, recipients follow the items", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		f := planFormValues(csrf, row3)
		f.Set("implements_document_id", "")
		p := b.post("/plans/d-plandraft", f)
		if p.status != http.StatusSeeOther || p.location != "/documents/d-plandraft" {
			t.Fatalf("%d %q %s", p.status, p.location, p.body)
		}
		want := `{"summary":"Kế hoạch thực hiện Chỉ thị 15","body":"Nội dung","urgency":"normal","recipients":[],"implements_document_id":"","items":[{"title":"Khảo sát","lead_unit_id":"snv","cooperating_unit_ids":[],"due_date":"2026-11-30","report_cadence":"none"}]}`
		if got := b.up.body("PATCH /v1/documents/d-plandraft"); got != want {
			t.Fatalf("sent %s\nwant %s", got, want)
		}
		if next := b.get("/documents/d-plandraft"); !strings.Contains(next.body, "Đã lưu các thay đổi của dự thảo kế hoạch.") {
			t.Fatal("no success message")
		}
	})
	t.Run("CSRF", func(t *testing.T) {
		b := newBrowser(t)
		b.login()
		f := planFormValues("wrong", row1)
		for _, path := range []string{"/plans", "/plans/d-plandraft"} {
			if p := b.post(path, f); p.status != http.StatusForbidden {
				t.Fatalf("%s: %d", path, p.status)
			}
		}
		if sent := b.up.sent(); len(sent) != 1 {
			t.Fatalf("forged requests reached the services: %v", sent)
		}
	})
}

// multipartForm builds an upload form; fields come in the order given.
func multipartForm(t *testing.T, fields [][2]string, filename, content string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	if filename != "-" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write([]byte(content))
	}
	_ = mw.Close()
	return mw.FormDataContentType(), &buf
}

func (b *browser) upload(path, contentType string, body io.Reader) page {
	b.t.Helper()
	resp, err := b.hc.Post(b.base+path, contentType, body)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func TestAttachments(t *testing.T) {
	const path = "/documents/d-plandraft/attachments"
	tests := []struct {
		name     string
		limit    int64
		fields   func(csrf string) [][2]string
		file     string
		content  string
		refuse   *refusal
		status   int
		wantText string // on the document page after the redirect, "" when refused with 403
		sent     bool
	}{
		{"uploaded, streamed with its name, type and key", 0, func(c string) [][2]string { return [][2]string{{"csrf", c}, {"key", "k-up"}} },
			"Báo cáo tiến độ.pdf", pdf, nil, http.StatusSeeOther, "Đã tải lên tệp Báo cáo tiến độ.pdf.", true},
		{"refused by the service: not a draft", 0, func(c string) [][2]string { return [][2]string{{"csrf", c}} },
			"a.pdf", pdf, &refusal{409, `{"status":409,"detail":"document is issued","current_status":"issued"}`}, http.StatusSeeOther,
			"Trạng thái hiện tại (Đã phát hành) không cho phép thao tác này.", true},
		{"refused by the service: too large", 0, func(c string) [][2]string { return [][2]string{{"csrf", c}} },
			"a.pdf", pdf, &refusal{413, `{"status":413,"detail":"the file is larger than the attachment limit"}`}, http.StatusSeeOther, "Nội dung quá lớn.", true},
		{"larger than the console's limit", 1024, func(c string) [][2]string { return [][2]string{{"csrf", c}} },
			"big.pdf", strings.Repeat("x", 200<<10), nil, http.StatusSeeOther, "Tệp quá lớn: tối đa 1 KB.", false},
		{"no file chosen", 0, func(c string) [][2]string { return [][2]string{{"csrf", c}} }, "", "", nil, http.StatusSeeOther, "Vui lòng chọn tệp để tải lên.", false},
		{"no file part", 0, func(c string) [][2]string { return [][2]string{{"csrf", c}} }, "-", "", nil, http.StatusSeeOther, "Vui lòng chọn tệp để tải lên.", false},
		{"wrong CSRF token", 0, func(string) [][2]string { return [][2]string{{"csrf", "wrong"}} }, "a.pdf", pdf, nil, http.StatusForbidden, "", false},
		{"CSRF token after the file", 0, func(c string) [][2]string { return nil }, "a.pdf", pdf, nil, http.StatusForbidden, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, func(c *Config) { c.MaxAttachment = tt.limit })
			csrf := b.login()
			if tt.refuse != nil {
				b.up.refuse["POST "+"/v1"+path] = *tt.refuse
			}
			ct, body := multipartForm(t, tt.fields(csrf), tt.file, tt.content)
			if tt.name == "CSRF token after the file" {
				var buf bytes.Buffer
				mw := multipart.NewWriter(&buf)
				fw, _ := mw.CreateFormFile("file", "a.pdf")
				_, _ = fw.Write([]byte(pdf))
				_ = mw.WriteField("csrf", csrf)
				_ = mw.Close()
				ct, body = mw.FormDataContentType(), &buf
			}
			p := b.upload(path, ct, body)
			if p.status != tt.status {
				t.Fatalf("%d %s", p.status, p.body)
			}
			// Past the console's limit the stream to the service has begun
			// and is cut, which the service refuses; it is not checked here.
			if sent := len(b.up.sent()) > 1; sent != tt.sent && tt.limit == 0 {
				t.Fatalf("sent %v", b.up.sent())
			}
			if tt.wantText == "" {
				return
			}
			if p.location != "/documents/d-plandraft" {
				t.Fatalf("back to %q", p.location)
			}
			if next := b.get(p.location); !strings.Contains(next.body, tt.wantText) {
				t.Fatalf("lacks %q:\n%s", tt.wantText, next.body)
			}
			if tt.name == "uploaded, streamed with its name, type and key" {
				if got := b.up.body("upload"); got != "Báo cáo tiến độ.pdf|application/octet-stream|"+pdf+"|k-up" {
					t.Fatalf("service got %q", got)
				}
			}
		})
	}
}

func TestDownload(t *testing.T) {
	b := newBrowser(t)
	b.login()
	p := b.get("/documents/d-plan/attachments/a1")
	if p.status != http.StatusOK || p.body != pdf {
		t.Fatalf("%d %q", p.status, p.body)
	}
	_, params, err := mime.ParseMediaType(p.header.Get("Content-Disposition"))
	if err != nil || params["filename"] != "Phụ lục 1.pdf" || p.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("headers %v", p.header)
	}
	if !strings.Contains(p.header.Get("Cache-Control"), "no-store") || !strings.Contains(p.header.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("headers %v", p.header)
	}
	missing := b.get("/documents/d-plan/attachments/nope")
	if missing.status != http.StatusNotFound || !strings.Contains(missing.body, "Không tìm thấy, hoặc bạn không có quyền xem.") {
		t.Fatalf("%d %s", missing.status, missing.body)
	}
}

// The scoreboard selects tasks by completion when the reader chooses it,
// and keeps the choice on the next page's link.
func TestScoreboardByCompletion(t *testing.T) {
	b := newBrowser(t)
	b.login()
	p := b.get("/scoreboard?from=01/01/2026&to=31/12/2026&by=completed")
	if q := b.up.body("GET /v1/stats/units?"); q != "by=completed&from=2026-01-01&to=2026-12-31" {
		t.Errorf("stats asked with %q", q)
	}
	checkPage(t, p, 200, []string{`<option value="completed" selected>Ngày hoàn thành trong khoảng</option>`, "Các nhiệm vụ hoàn thành từ 01/01/2026"}, []string{"<script"})
}
