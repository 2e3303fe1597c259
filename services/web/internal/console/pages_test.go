package console

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestPagesRender renders every page over sample data: Vietnamese text,
// dates as dd/mm/yyyy in Vietnam time, urgency marked, forms labelled.
func TestPagesRender(t *testing.T) {
	tests := []struct {
		path string
		want []string
		not  []string
	}{
		{"/", []string{"<h1>Việc của tôi</h1>", "Đang thực hiện quá hạn", "Đang thực hiện trong hạn", "Hoàn thành quá hạn", "Hoàn thành đúng hạn",
			`<span class="urg urg-very_urgent" title="Độ khẩn">Thượng khẩn</span><a href="/tasks/t-over">Báo cáo tình hình thiệt hại</a>`,
			"Hạn 01/11/2026 · Đang thực hiện · 40% · 15/CT-UBND", `<span class="urg urg-flash" title="Độ khẩn">` + icon("bolt") + `Hỏa tốc</span>`,
			"20/10/2026 10:00", `data-unread="3"`, "Phạm Quốc Dũng · Lãnh đạo · STTTT"}, nil},
		{"/incoming?q=bao", []string{"<h1>Văn bản đến</h1>", `value="bao"`, "15/CT-UBND", "Hỏa tốc", "20/11/2026", "05/12/2026", "Chờ vào sổ", "Đã phân công xử lý",
			"<th scope=\"col\">Hạn xử lý</th>", "15/12/2026", `href="/incoming?cursor=c2&amp;q=bao"`, "Trang sau"}, []string{"2026-12-05"}},
		{"/search", []string{"<h1>Tìm kiếm văn bản</h1>", `<label for="notation">Số, ký hiệu</label>`, `<label for="incoming_number">Số đến</label>`,
			`<label for="signer">Người ký</label>`, `<option value="directive">Chỉ thị</option>`, `<input id="from" name="from" type="date" value="">`},
			[]string{"Không tìm thấy văn bản", "<table"}},
		{"/search?notation=15%2FCT-UBND&kind=directive&from=2026-11-01", []string{`value="15/CT-UBND"`, `<option value="directive" selected>Chỉ thị</option>`,
			`value="2026-11-01"`, "<th scope=\"col\">Nơi gửi/Nơi nhận</th>", "15/CT-UBND", "20/11/2026", "Chỉ thị", `href="/documents/d-flash">Về việc ứng phó bão số 9`,
			"<span class=\"muted\">Từ:</span> Ủy ban nhân dân tỉnh Khánh Hòa", "Chờ vào sổ", `href="/search?cursor=c2&amp;from=2026-11-01&amp;kind=directive&amp;notation=15%2FCT-UBND"`}, nil},
		{"/outgoing", []string{"<h1>Văn bản đi</h1>", `href="/documents/new"`, "Soạn dự thảo", "Chờ ký"}, nil},
		{"/documents/new", []string{"Soạn dự thảo văn bản", `<label for="summary">Trích yếu</label>`, "Nơi nhận",
			`<label class="unit d0"><input type="checkbox" name="recipients" value="ubnd"> Ủy ban nhân dân tỉnh Khánh Hòa (UBND)</label>`,
			`<label class="unit d1"><input type="checkbox" name="recipients" value="stttt">`, `<label class="unit d2"><input type="checkbox" name="recipients" value="ttbc">`,
			"Thượng khẩn", "Hỏa tốc", `<option value="directive" selected>Chỉ thị</option>`}, nil},
		{"/documents/d-flash", []string{"15/CT-UBND — Về việc ứng phó bão số 9", "Hỏa tốc", "Chỉ thị", "Đã phát hành", "Đã vào sổ",
			"Ngày ban hành</dt><dd>20/11/2026", "Hạn xử lý</dt><dd>05/12/2026", "Chủ tịch Nguyễn Văn An", "STTTT, SNV",
			"Số đến: <strong>42</strong>, vào sổ ngày 20/11/2026", "Phân công xử lý</button>", `<label for="lead_unit_id">Đơn vị chủ trì</label>`,
			`<option value="ttbc">— Phòng Thông tin - Báo chí</option>`, "Lịch sử xử lý", "19/11/2026 09:30", "Tạo dự thảo", "Cấp số, phát hành</strong> — Trần Thị Bình <span class=\"to\">"},
			[]string{"Vào sổ văn bản đến", "Thu hồi", "Ký</button>"}},
		{"/documents/d-out", []string{"07/CT-STTTT", "Khẩn", "Tình hình nhận văn bản", "Sở Nội vụ", "Đã phân công xử lý", "21/11/2026 09:30", "Thu hồi", `<label for="revoke_reason">Lý do thu hồi</label>`},
			[]string{"Phân công xử lý</button>"}},
		{"/documents/d-routed", []string{"Chuyển xử lý", "20/11/2026 10:00", "<strong>Lê Văn Cường</strong> — <span class=\"what\">Chuyển</span>", "Ngô Văn Chánh",
			"Bút phê và phân công", "chủ trì: Sở Thông tin và Truyền thông", "để biết: Sở Nội vụ", "hạn xử lý: 31/12/2026",
			"<span class=\"what\">Trả lại</span>", "Đề nghị bổ sung số liệu", `action="/documents/d-routed/assign"`, "Giao xử lý</button>",
			`<label for="return_reason">Lý do trả lại</label>`},
			[]string{`action="/documents/d-routed/forward"`, `action="/documents/d-routed/read"`, `action="/documents/d-routed/direct"`}},
		{"/documents/d-direct", []string{`<label for="route_lead">Đơn vị/cá nhân chủ trì</label>`, `<optgroup label="Sở Thông tin và Truyền thông">`,
			`<option value="unit:stttt">`, `<option value="user:u-cv">`, "<legend>Phối hợp</legend>", `name="cooperating_user_ids" value="u-cv"`,
			"<legend>Để biết</legend>", `name="informed_user_ids" value="u-cv"`, `name="informed_unit_ids" value="snv"`},
			[]string{`action="/documents/d-direct/assign"`}},
		{"/for_information", []string{"<h1>Văn bản để biết</h1>"}, []string{`<label for="status">`}},
		{"/tasks", []string{"<h1>Nhiệm vụ</h1>", "Được giao", "Tuyên truyền Chỉ số PAPI", "STTTT (Phối hợp)", "31/12/2026", "Đang thực hiện quá hạn"}, nil},
		{"/tasks/t-over", []string{"Báo cáo tình hình thiệt hại", "Thượng khẩn", "Đang thực hiện quá hạn", "Hạn hoàn thành</dt><dd>01/11/2026",
			"Ủy ban nhân dân tỉnh Khánh Hòa", "Sở Thông tin và Truyền thông (Chủ trì)", `href="/documents/d-flash">15/CT-UBND`,
			"25/10/2026 10:00", "Đã tổng hợp 5/9 huyện", "Trả lại</span> Bổ sung số liệu", `action="/tasks/t-over/reports/r2/review"`,
			"Gửi báo cáo", `<label for="progress_percent">Tiến độ (%)</label>`, "Đây là báo cáo hoàn thành nhiệm vụ", "Nhận việc</strong> — Hệ thống <span class=\"to\">"},
			[]string{`action="/tasks/t-over/reports/r1/review"`, `action="/tasks/t-over/accept"`}},
		{"/notifications", []string{"<h1>Thông báo</h1>", "Chưa đọc (3)", "[Hỏa tốc] Nhiệm vụ mới", "20/10/2026 10:00", `name="open" value="/tasks/t-over"`}, nil},
		{"/no-such-page", []string{"Không tìm thấy trang"}, nil},
	}
	b := newBrowser(t)
	b.login()
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := b.get(tt.path)
			wantStatus := http.StatusOK
			if tt.path == "/no-such-page" {
				wantStatus = http.StatusNotFound
			}
			if p.status != wantStatus {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(p.body, n) {
					t.Errorf("has %q", n)
				}
			}
			for _, w := range []string{`<html lang="vi">`, `name="viewport" content="width=device-width`} {
				if !strings.Contains(p.body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			checkLabels(t, p.body)
			if t.Failed() {
				t.Log(p.body)
			}
		})
	}
	t.Run("login page", func(t *testing.T) {
		p := newBrowser(t).get("/login")
		for _, w := range []string{"<h1>Đăng nhập</h1>", `<label for="username">Tên đăng nhập</label>`, `<label for="password">Mật khẩu</label>`} {
			if !strings.Contains(p.body, w) {
				t.Errorf("lacks %q", w)
			}
		}
		checkLabels(t, p.body)
	})
}

var (
	fieldTag = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	idAttr   = regexp.MustCompile(`\bid="([^"]+)"`)
)

// checkLabels: every visible field outside a <label> has a <label for>.
func checkLabels(t *testing.T, body string) {
	t.Helper()
	for _, loc := range fieldTag.FindAllStringIndex(body, -1) {
		tag := body[loc[0]:loc[1]]
		if strings.Contains(tag, `type="hidden"`) || strings.Contains(tag, `type="checkbox"`) || strings.Contains(tag, `type="radio"`) {
			continue // hidden, or wrapped in its <label>
		}
		id := idAttr.FindStringSubmatch(tag)
		if id == nil || !strings.Contains(body, `for="`+id[1]+`"`) {
			t.Errorf("field without a label: %s", tag)
		}
	}
}
