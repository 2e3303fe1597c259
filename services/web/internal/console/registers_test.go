package console

import (
	"net/http"
	"strings"
	"testing"
)

func init() {
	special["GET /v1/registers/incoming"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/registers/incoming?", r.URL.RawQuery)
		if f := r.URL.Query().Get("format"); f != "" {
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Disposition", `attachment; filename="so-van-ban-den-2026.`+f+`"`)
			_, _ = w.Write([]byte("%PDF-1.4 register"))
			return true
		}
		// A first page goes on to a second (next_cursor "p2"), the last.
		next := `"next_cursor":"p2",`
		if r.URL.Query().Get("cursor") == "p2" {
			next = ""
		}
		return writeJSON(w, http.StatusOK, `{"book":"incoming","agency_id":"stttt","agency_name":"Sở Thông tin và Truyền thông","year":2026,"confidential":false,`+next+`"items":[
			{"document_id":"d-flash","number":125,"series":"incoming","notation":"15/CT-UBND","document_date":"2026-03-05","kind":"directive","kind_name":"Chỉ thị","summary":"Về việc ứng phó bão số 9","channel":"internal","urgency":"flash","arrived_on":"2026-03-06","sender":"Ủy ban nhân dân tỉnh","handler":"Phòng Thông tin - Báo chí"}]}`)
	}
	special["GET /v1/statistics/documents"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/statistics/documents?", r.URL.RawQuery)
		if r.URL.Query().Get("format") == "xlsx" {
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			_, _ = w.Write([]byte("PK xlsx"))
			return true
		}
		return writeJSON(w, http.StatusOK, `{"agency_id":"stttt","from":"2026-01-01","to":"2026-12-31",
			"received":{"total":12,"by_channel":{"exchange":6,"internal":4,"paper":2},"by_kind":{"official_letter":9,"plan":3},"by_urgency":{"normal":10,"flash":2}},
			"sent":{"total":3,"by_channel":{"exchange":1,"internal":2,"paper":0},"by_kind":{"decision":3},"by_urgency":{"normal":3}},
			"electronic":{"received":10,"sent":3,"share":0.8667},
			"handling":[{"registered":12,"to_registration_median_days":0.5,"to_registration_p90_days":1.25,"directed":8,"to_direction_median_days":2,"to_direction_p90_days":4.5},
				{"user_id":"u-vt","name":"Lê Văn Thư","registered":12,"to_registration_median_days":0.5,"to_registration_p90_days":1.25,"directed":0,"to_direction_median_days":0,"to_direction_p90_days":0}]}`)
	}
	special["GET /v1/analytics/tasks"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/analytics/tasks?", r.URL.RawQuery)
		if r.URL.Query().Get("format") == "xlsx" {
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			w.Header().Set("Content-Disposition", `attachment; filename="thong-ke-nhiem-vu-2026-01-01-2026-12-31.xlsx"`)
			_, _ = w.Write([]byte("PK tasks"))
			return true
		}
		return writeJSON(w, http.StatusOK, `{"from":"2026-01-01","to":"2026-12-31","group":"unit","as_of":"2026-06-17","week_end":"2026-06-21",
			"rows":[{"unit_id":"u-bc","unit_name":"Phòng Bưu chính","assigned":9,"completed":4,"completed_on_time":3,"completed_late":1,
				"on_time_rate":0.75,"median_days":2.5,"p90_days":7.25,"load":{"open":5,"overdue":2,"awaiting_review":1,"due_this_week":1,"later":1}},
				{"unit_id":"u-tt","unit_name":"Phòng Thông tin - Báo chí","assigned":14,"completed":11,"completed_on_time":11,"completed_late":0,
				"on_time_rate":1,"median_days":1.75,"p90_days":4,"load":{"open":3,"overdue":0,"awaiting_review":0,"due_this_week":2,"later":1}},
				{"unit_id":"u-x","unit_name":"","assigned":0,"completed":0,"completed_on_time":0,"completed_late":0,
				"on_time_rate":null,"median_days":null,"p90_days":null,"load":{"open":1,"overdue":1,"awaiting_review":0,"due_this_week":0,"later":0}}],
			"total":{"assigned":9,"completed":4,"completed_on_time":3,"completed_late":1,"on_time_rate":0.75,"median_days":2.5,"p90_days":7.25,
				"load":{"open":5,"overdue":2,"awaiting_review":1,"due_this_week":1,"later":1}}}`)
	}
}

// TestRegistersAndStatisticsPages: the register page shows the register's
// columns with its download buttons, which pass the service's files on;
// the statistics page shows counts, bars and handling times.
func TestRegistersAndStatisticsPages(t *testing.T) {
	b := newBrowser(t)
	b.login()
	checkPage(t, b.get("/registers?book=incoming&year=2026&from=01/03/2026&channel=internal&kind=directive"), 200, []string{"<h1>Sổ văn bản</h1>",
		`<option value="directive" selected>Chỉ thị</option>`,
		`<option value="incoming" selected>Sổ văn bản đến</option>`, `<th scope="col">Số đến</th>`, `<th scope="col">Tác giả</th>`,
		`<td data-label="Số đến" class="n">125</td>`, `<a href="/documents/d-flash">15/CT-UBND</a>`, "06/03/2026", "05/03/2026",
		"Chỉ thị Về việc ứng phó bão số 9", "Phòng Thông tin - Báo chí", "Tải Excel", "In sổ (PDF)",
		`href="/registers/file?`, `<a href="/registers" aria-current="page">Sổ văn bản</a>`}, []string{"<script"})
	if q := b.up.body("GET /v1/registers/incoming?"); !strings.Contains(q, "from=2026-03-01") || !strings.Contains(q, "channel=internal") || !strings.Contains(q, "year=2026") ||
		!strings.Contains(q, "kind=directive") || !strings.Contains(q, "limit=100") || strings.Contains(q, "cursor") {
		t.Fatalf("register query %q", q)
	}
	// Page by page: the next page keeps the filters; the files are always
	// the whole register, never a page of it.
	checkPage(t, b.get("/registers?book=incoming&year=2026&channel=internal"), 200, []string{"trang này 1 văn bản, mỗi trang 100",
		`href="/registers?book=incoming&amp;channel=internal&amp;cursor=p2&amp;year=2026">Trang sau`}, []string{"Về đầu sổ"})
	second := b.get("/registers?book=incoming&year=2026&channel=internal&cursor=p2")
	checkPage(t, second, 200, []string{`href="/registers?book=incoming&amp;channel=internal&amp;year=2026">`, "Về đầu sổ",
		`href="/registers/file?book=incoming&amp;channel=internal&amp;format=xlsx&amp;year=2026"`}, []string{"Trang sau", "cursor=p2"})
	if q := b.up.body("GET /v1/registers/incoming?"); !strings.Contains(q, "cursor=p2") || !strings.Contains(q, "channel=internal") {
		t.Fatalf("second page's query %q", q)
	}
	f := b.get("/registers/file?book=incoming&year=2026&format=pdf")
	if f.status != 200 || f.body != "%PDF-1.4 register" || f.header.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(f.header.Get("Content-Disposition"), "so-van-ban-den-2026.pdf") {
		t.Fatalf("register file: %d %q %v", f.status, f.body, f.header)
	}
	if f := b.get("/registers/file?book=incoming&format=exe"); f.status != 404 {
		t.Fatalf("an unknown format: %d", f.status)
	}
	checkPage(t, b.get("/registers?from=31/02/2026x"), 400, []string{"Ngày phải viết dạng dd/mm/yyyy."}, nil)

	checkPage(t, b.get("/statistics?from=01/01/2026&to=31/12/2026"), 200, []string{"<h1>Thống kê văn bản và nhiệm vụ</h1>",
		"Thời gian xử lý nhiệm vụ theo đơn vị", "Phòng Bưu chính", `<td data-label="Được giao" class="n" data-assigned>9</td>`,
		`<td data-label="Tỷ lệ đúng hạn" class="n" data-rate>75%</td>`, "2,50", "7,25", `data-overdue>2</td>`,
		"tính đến ngày 17/06/2026", `aria-label="Hoàn thành đúng hạn: 3, Hoàn thành quá hạn: 1"`, "Tải Excel (nhiệm vụ)",
		`href="/statistics/file?format=xlsx&amp;from=01%2F01%2F2026&amp;group=unit&amp;kind=tasks&amp;to=31%2F12%2F2026"`,
		`<strong data-received>12</strong>`, `<strong data-sent>3</strong>`, `<strong data-share>86,7%</strong>`,
		`aria-label="Qua trục liên thông quốc gia: đến 6, đi 1"`, `width="300.00"`, "Toàn cơ quan", "Lê Văn Thư", "1,25", "4,50",
		// No direction yet: no time to direction, rather than 0,00 days.
		`<td data-label="Trung vị đến khi chỉ đạo" class="n">—</td>`,
		// By kind in the decree's order, by urgency from the least urgent.
		`<th scope="row" data-label="Loại văn bản">Quyết định</th><td data-label="Văn bản đến" class="n">0</td><td data-label="Văn bản đi" class="n">3</td>`,
		`<th scope="row" data-label="Loại văn bản">Kế hoạch</th><td data-label="Văn bản đến" class="n">3</td>`,
		`<th scope="row" data-label="Độ khẩn">Hỏa tốc</th><td data-label="Văn bản đến" class="n">2</td>`,
		`href="/statistics/file?`, "Tải Excel"}, []string{"<script"})
	if q := b.up.body("GET /v1/statistics/documents?"); q != "from=2026-01-01&to=2026-12-31" {
		t.Fatalf("statistics query %q", q)
	}
	f = b.get("/statistics/file?from=01/01/2026&to=31/12/2026&format=xlsx")
	if f.status != 200 || f.body != "PK xlsx" || !strings.Contains(f.header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("statistics file: %d %q", f.status, f.body)
	}
	if q := b.up.body("GET /v1/analytics/tasks?"); q != "from=2026-01-01&group=unit&to=2026-12-31" {
		t.Fatalf("analytics query %q", q)
	}
	f = b.get("/statistics/file?kind=tasks&group=person&from=01/01/2026&to=31/12/2026&format=xlsx")
	if f.status != 200 || f.body != "PK tasks" || !strings.Contains(f.header.Get("Content-Disposition"), "thong-ke-nhiem-vu") {
		t.Fatalf("tasks' statistics file: %d %q %v", f.status, f.body, f.header)
	}
	if q := b.up.body("GET /v1/analytics/tasks?"); q != "format=xlsx&from=2026-01-01&group=person&to=2026-12-31" {
		t.Fatalf("analytics file query %q", q)
	}
	checkPage(t, b.get("/statistics?from=31/12/2026&to=01/01/2026"), 400, []string{"Ngày bắt đầu phải trước ngày kết thúc."}, nil)
}
