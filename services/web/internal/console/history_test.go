package console

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Sample histories with real-looking ids: every action the tasks and
// documents services write, with the fields they fill.
const (
	idAn    = "01937f1e-0000-7000-8000-000000000001" // Nguyễn Văn An, UBND
	idDung  = "01937f1e-0000-7000-8000-000000000002" // Phạm Quốc Dũng, STTTT
	idChau  = "01937f1e-0000-7000-8000-000000000003" // Lê Minh Châu, TTBC
	idGone  = "01937f1e-0000-7000-8000-000000000009" // identity does not know
	idRep1  = "01937f1e-0000-7000-8000-0000000000a1"
	idRep2  = "01937f1e-0000-7000-8000-0000000000a2"
	idTask  = "01937f1e-0000-7000-8000-0000000000b1"
	idDoc   = "01937f1e-0000-7000-8000-0000000000c1"
	histAct = `"actor_unit_id":"stttt","actor_user_id":"` + idDung + `"`
)

func init() {
	for k, v := range map[string]string{
		"GET /v1/users/" + idAn:   `{"id":"` + idAn + `","full_name":"Nguyễn Văn An","unit_id":"ubnd","roles":["leader"],"active":true}`,
		"GET /v1/users/" + idDung: `{"id":"` + idDung + `","full_name":"Phạm Quốc Dũng","unit_id":"stttt","roles":["leader"],"active":true}`,
		"GET /v1/users/" + idChau: `{"id":"` + idChau + `","full_name":"Lê Minh Châu","unit_id":"ttbc","roles":["specialist"],"active":true}`,
		"GET /v1/tasks/" + idTask: `{"id":"` + idTask + `","source_document_id":"` + idDoc + `","title":"Tổng hợp thiệt hại","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-12-31","status":"completed","progress_percent":100,"class":"completed_on_time",
			"reports":[{"id":"` + idRep1 + `","progress_percent":60,"summary":"Đã tổng hợp 7/9 huyện","final":false,"submitted_at":"2026-11-02T03:00:00Z","review":{"decision":"returned","comment":"Bổ sung số liệu"}},
				{"id":"` + idRep2 + `","progress_percent":100,"summary":"Đủ 9/9 huyện","final":true,"submitted_at":"2026-11-04T03:00:00Z","review":{"decision":"accepted","comment":"Tốt"}}],
			"history":[
			{"action":"assigned","to_status":"assigned","actor_user_id":"` + idAn + `","actor_unit_id":"ubnd","at":"2026-11-01T01:00:00Z"},
			{"action":"accepted","from_status":"assigned","to_status":"in_progress",` + histAct + `,"at":"2026-11-01T02:00:00Z"},
			{"action":"delegated","from_status":"in_progress","to_status":"in_progress",` + histAct + `,"at":"2026-11-01T03:00:00Z","to_unit_id":"ttbc","to_user_id":"` + idChau + `","note":"Khẩn trương"},
			{"action":"extension_requested","from_status":"in_progress","to_status":"in_progress",` + histAct + `,"at":"2026-11-01T04:00:00Z","old_due_date":"2026-12-10","new_due_date":"2026-12-31","reason":"Chờ số liệu: các huyện"},
			{"action":"extension_decided","from_status":"in_progress","to_status":"in_progress","actor_user_id":"` + idAn + `","at":"2026-11-01T05:00:00Z","decision":"approved","old_due_date":"2026-12-10","new_due_date":"2026-12-31","note":"Đồng ý"},
			{"action":"extension_decided","from_status":"in_progress","to_status":"in_progress","actor_user_id":"` + idAn + `","at":"2026-11-01T06:00:00Z","decision":"rejected","old_due_date":"2026-12-31","new_due_date":"2027-01-15"},
			{"action":"report_submitted","from_status":"in_progress","to_status":"in_progress",` + histAct + `,"at":"2026-11-02T03:00:00Z","report_id":"` + idRep1 + `"},
			{"action":"report_reviewed","from_status":"in_progress","to_status":"in_progress","actor_user_id":"` + idAn + `","at":"2026-11-03T03:00:00Z","decision":"returned","report_id":"` + idRep1 + `","note":"Bổ sung số liệu"},
			{"action":"report_submitted","from_status":"in_progress","to_status":"awaiting_review",` + histAct + `,"at":"2026-11-04T03:00:00Z","report_id":"` + idRep2 + `"},
			{"action":"report_reviewed","from_status":"awaiting_review","to_status":"completed","actor_user_id":"` + idAn + `","at":"2026-11-05T03:00:00Z","decision":"accepted","report_id":"` + idRep2 + `","note":"Tốt"},
			{"action":"completed","from_status":"awaiting_review","to_status":"completed","actor_user_id":"` + idAn + `","at":"2026-11-05T03:00:00Z","report_id":"` + idRep2 + `"},
			{"action":"cancelled","from_status":"completed","to_status":"cancelled","actor_user_id":"` + idGone + `","actor_unit_id":"ubnd","at":"2026-11-06T03:00:00Z","reason":"Ban hành nhầm"},
			{"action":"reopened","from_status":"cancelled","to_status":"cancelled","at":"2026-11-07T03:00:00Z","note":"by ` + idGone + ` again"}]}`,
		"GET /v1/documents/" + idDoc: `{"id":"` + idDoc + `","kind":"directive","status":"revoked","issuer_unit_id":"ubnd","summary":"Về việc thống kê thiệt hại","urgency":"normal","confidentiality":"normal","recipients":["stttt","` + idGone + `"],"notation":"16/CT-UBND","created_at":"2026-10-30T02:30:00Z","drafter":{"user_id":"` + idChau + `","full_name":"Lê Minh Châu"}}`,
		"GET /v1/documents/" + idDoc + "/history": `{"items":[
			{"action":"create","to_status":"draft","actor_name":"Lê Minh Châu","at":"2026-10-30T02:30:00Z"},
			{"action":"edit","from_status":"draft","to_status":"draft","actor_name":"Lê Minh Châu","at":"2026-10-30T02:40:00Z"},
			{"action":"submit","from_status":"draft","to_status":"pending_approval","actor_name":"Lê Minh Châu","at":"2026-10-30T02:50:00Z"},
			{"action":"reject","from_status":"pending_approval","to_status":"draft","actor_name":"Nguyễn Văn An","at":"2026-10-30T03:00:00Z","reason":"Sửa trích yếu"},
			{"action":"approve","from_status":"pending_approval","to_status":"approved","actor_name":"Nguyễn Văn An","at":"2026-10-30T04:00:00Z"},
			{"action":"issue","from_status":"approved","to_status":"issued","actor_name":"Trần Thị Bình","at":"2026-10-30T05:00:00Z"},
			{"action":"register","from_status":"issued","to_status":"issued","actor_name":"Võ Thị Hoa","at":"2026-10-30T06:00:00Z"},
			{"action":"direct","from_status":"issued","to_status":"issued","actor_name":"Phạm Quốc Dũng","at":"2026-10-30T07:00:00Z","reason":"Phòng TTBC chủ trì"},
			{"action":"revoke","from_status":"issued","to_status":"revoked","actor_name":"Nguyễn Văn An","at":"2026-10-30T08:00:00Z","reason":"Ban hành nhầm"},
			{"action":"archive","from_status":"revoked","to_status":"revoked","actor_id":"` + idAn + `","at":"2026-10-30T09:00:00Z","reason":"moved to ` + idGone + `"}]}`,
	} {
		sample[k] = v
	}
}

var (
	tagRe      = regexp.MustCompile(`<[^>]*>`)
	historyRe  = regexp.MustCompile(`(?s)<ol class="timeline history">(.*?)</ol>`)
	listItemRe = regexp.MustCompile(`(?s)<li[^>]*>(.*?)</li>`)
)

// visibleText is what a person reads: tags dropped, entities kept as
// html/template writes them, blanks folded.
func visibleText(html string) string {
	return strings.Join(strings.Fields(tagRe.ReplaceAllString(html, " ")), " ")
}

// historyLines are the visible lines of a page's history.
func historyLines(t *testing.T, body string) ([]string, string) {
	t.Helper()
	m := historyRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no history on the page:\n%s", body)
	}
	var out []string
	for _, li := range listItemRe.FindAllStringSubmatch(m[1], -1) {
		out = append(out, visibleText(li[1]))
	}
	return out, m[1]
}

// TestHistoryInVietnamese: every history entry reads as plain Vietnamese —
// time, action, actor by name, new status, the note told meaningfully —
// with links from report entries to the report in the timeline, and no id
// or English code visible.
func TestHistoryInVietnamese(t *testing.T) {
	b := newBrowser(t)
	b.login()
	tests := []struct {
		path  string
		lines []string
		links []string
	}{
		{"/tasks/" + idTask, []string{
			"01/11/2026 08:00 Giao việc — Nguyễn Văn An chuyển sang Mới giao",
			"01/11/2026 09:00 Nhận việc — Phạm Quốc Dũng chuyển sang Đang thực hiện",
			"01/11/2026 10:00 Phân công cho đơn vị thuộc cơ quan — Phạm Quốc Dũng Giao cho Phòng Thông tin - Báo chí — Lê Minh Châu. Ý kiến: Khẩn trương",
			"01/11/2026 11:00 Xin gia hạn — Phạm Quốc Dũng Đề nghị gia hạn từ 10/12/2026 đến 31/12/2026. Lý do: Chờ số liệu: các huyện",
			"01/11/2026 12:00 Quyết định gia hạn — Nguyễn Văn An Đồng ý gia hạn từ 10/12/2026 đến 31/12/2026. Ý kiến: Đồng ý",
			"01/11/2026 13:00 Quyết định gia hạn — Nguyễn Văn An Không đồng ý gia hạn từ 31/12/2026 đến 15/01/2027",
			"02/11/2026 10:00 Gửi báo cáo — Phạm Quốc Dũng Báo cáo 60%: Đã tổng hợp 7/9 huyện",
			"03/11/2026 10:00 Đánh giá báo cáo — Nguyễn Văn An Đánh giá: Trả lại — Bổ sung số liệu",
			"04/11/2026 10:00 Gửi báo cáo — Phạm Quốc Dũng chuyển sang Chờ đánh giá Báo cáo hoàn thành 100%: Đủ 9/9 huyện",
			"05/11/2026 10:00 Đánh giá báo cáo — Nguyễn Văn An chuyển sang Hoàn thành Đánh giá: Đạt — Tốt",
			"05/11/2026 10:00 Hoàn thành — Nguyễn Văn An chuyển sang Hoàn thành Theo báo cáo hoàn thành 100%: Đủ 9/9 huyện",
			"06/11/2026 10:00 Hủy nhiệm vụ — Ủy ban nhân dân tỉnh Khánh Hòa chuyển sang Đã hủy Văn bản giao việc đã bị thu hồi. Lý do: Ban hành nhầm",
			"07/11/2026 10:00 Cập nhật nhiệm vụ — Hệ thống by again",
		}, []string{
			`<a href="#report-` + idRep1 + `">Báo cáo 60%`, `<a href="#report-` + idRep1 + `">Đánh giá: Trả lại`,
			`<a href="#report-` + idRep2 + `">Báo cáo hoàn thành 100%`, `<a href="#report-` + idRep2 + `">Đánh giá: Đạt`,
			`<a href="#report-` + idRep2 + `">Theo báo cáo`, `<li id="report-` + idRep1 + `">`,
		}},
		{"/documents/" + idDoc, []string{
			"30/10/2026 09:30 Tạo dự thảo — Lê Minh Châu chuyển sang Dự thảo",
			"30/10/2026 09:40 Sửa dự thảo — Lê Minh Châu",
			"30/10/2026 09:50 Trình ký — Lê Minh Châu chuyển sang Chờ ký",
			"30/10/2026 10:00 Trả lại — Nguyễn Văn An chuyển sang Dự thảo Lý do trả lại: Sửa trích yếu",
			"30/10/2026 11:00 Ký — Nguyễn Văn An chuyển sang Đã ký",
			"30/10/2026 12:00 Cấp số, phát hành — Trần Thị Bình chuyển sang Đã phát hành",
			"30/10/2026 13:00 Vào sổ — Võ Thị Hoa",
			"30/10/2026 14:00 Phân công xử lý — Phạm Quốc Dũng Ý kiến chỉ đạo: Phòng TTBC chủ trì",
			"30/10/2026 15:00 Thu hồi — Nguyễn Văn An chuyển sang Đã thu hồi Lý do thu hồi: Ban hành nhầm",
			"30/10/2026 16:00 Cập nhật văn bản Ghi chú: moved to",
		}, []string{"Nơi nhận</dt><dd>STTTT</dd>"}}, // the unknown recipient is left out, not shown as an id
	}
	english := regexp.MustCompile(`\b(accepted|returned|approved|rejected|assigned|delegated|report_\w+|extension_\w+|cancelled|revoke|direct)\b|\d{4}-\d{2}-\d{2}|→`)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := b.get(tt.path)
			lines, html := historyLines(t, p.body)
			if strings.Join(lines, "\n") != strings.Join(tt.lines, "\n") {
				t.Errorf("history lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.lines, "\n"))
			}
			for _, l := range lines {
				if m := english.FindString(l); m != "" {
					t.Errorf("%q shows %q", l, m)
				}
			}
			for _, w := range tt.links {
				if !strings.Contains(p.body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			noVisibleIDs(t, p.body)
			if t.Failed() {
				t.Log(html)
			}
		})
	}
}

// noVisibleIDs: no UUID in what a person reads (ids in links and form
// values are fine).
func noVisibleIDs(t *testing.T, body string) {
	t.Helper()
	if m := uuidLike.FindString(visibleText(body)); m != "" {
		t.Errorf("the page shows the id %s", m)
	}
}

// glyph is a code point that needs an emoji or symbol font: arrows,
// technical and miscellaneous symbols, dingbats, emoji.
func glyph(r rune) bool {
	return (r >= 0x2190 && r <= 0x21FF) || (r >= 0x2300 && r <= 0x23FF) || (r >= 0x2500 && r <= 0x27BF) ||
		(r >= 0x2900 && r <= 0x2BFF) || r >= 0x1F000 || r == 0xFE0F
}

// TestNoFontGlyphs: no template, stylesheet or rendered page uses a glyph
// that renders as an empty box without an emoji font; the icons are
// inline SVG hidden from screen readers beside Vietnamese text.
func TestNoFontGlyphs(t *testing.T) {
	for _, root := range []fs.FS{templateFS, staticRoot} {
		_ = fs.WalkDir(root, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, _ := fs.ReadFile(root, path)
			for i, r := range string(src) {
				if glyph(r) {
					t.Errorf("%s byte %d: %q needs a symbol font", path, i, r)
				}
			}
			return nil
		})
	}
	b := newBrowser(t)
	b.login()
	for _, path := range []string{"/", "/incoming", "/outgoing", "/documents/new", "/documents/d-flash", "/documents/d-out", "/documents/d-pdf",
		"/documents/" + idDoc, "/tasks", "/tasks/t-over", "/tasks/t-deleg", "/tasks/t-child", "/tasks/" + idTask,
		"/notifications", "/plans", "/plans/new", "/plans/d-plan/progress", "/scoreboard"} {
		t.Run(path, func(t *testing.T) {
			p := b.get(path)
			for _, r := range p.body {
				if glyph(r) || r == utf8.RuneError {
					t.Errorf("the page has %q", r)
				}
			}
			bell := regexp.MustCompile(`<a class="bell"[^>]*aria-label="Thông báo, 3 chưa đọc">(.*?)</a>`).FindStringSubmatch(p.body)
			if bell == nil || !strings.HasPrefix(bell[1], `<svg class="icon" aria-hidden="true"`) || !strings.Contains(bell[1], "Thông báo") {
				t.Errorf("bell: %v", bell)
			}
			noVisibleIDs(t, p.body)
		})
	}
}

// icon is the markup of one of layout.html's icons.
func icon(name string) string {
	p, err := loadPages()
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	if err := p.byName["tasks"].ExecuteTemplate(&b, "icon", name); err != nil {
		panic(err)
	}
	return b.String()
}

// TestShort: long report summaries are cut at a word in the history.
func TestShort(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đủ 9/9 huyện", "Đủ 9/9 huyện"},
		{"Văn bản trả lời số 02/BC-STTTT, báo cáo kết quả", "Văn bản trả lời số…"},
		{"Abcdefghijklmnopqrstuvwxyz", "Abcdefghijklmnopqrst…"},
	}
	for _, tt := range tests {
		if got := short(tt.in, 20); got != tt.want {
			t.Errorf("short(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRefusalWithoutIDs: a refusal that names ids says what it says
// without them.
func TestRefusalWithoutIDs(t *testing.T) {
	f := describe(&client.Problem{Status: 400, Detail: "task " + idTask + " cannot move",
		Errors: []client.FieldError{{Field: "cooperating_unit_ids", Message: "unit " + idGone + " is not in the receiving agency"},
			{Field: "due_date", Message: "is after the parent's due date 2026-12-20"},
			{Field: "assignee_user_id", Message: "is not a member of unit " + idGone}}})
	got := f.Text + " | " + strings.Join(f.Details, " | ")
	want := "Thông tin chưa hợp lệ, vui lòng kiểm tra lại. | Đơn vị phối hợp: đơn vị không thuộc cơ quan nhận văn bản | Hạn xử lý: không được muộn hơn hạn của nhiệm vụ được giao (20/12/2026) | Người được giao: không thuộc đơn vị đã chọn | Chi tiết: task cannot move"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestRefusalOfReview: returning a report without a comment is told in
// Vietnamese, without the service's generic English detail.
func TestRefusalOfReview(t *testing.T) {
	f := describe(&client.Problem{Status: 400, Detail: "the request has invalid fields",
		Errors: []client.FieldError{{Field: "comment", Message: "is required when returning a report"}}})
	if got := strings.Join(f.Details, " | "); got != "Nhận xét: bắt buộc khi trả lại báo cáo" {
		t.Errorf("details %q", got)
	}
}
