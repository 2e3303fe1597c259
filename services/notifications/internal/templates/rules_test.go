package templates

import (
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

var task = Task{ID: "t-1", Title: "Tuyên truyền PAPI", SourceNotation: "07/CT-UBND",
	UnitName: "Sở Thông tin và Truyền thông", DueDate: "2022-12-31", Urgency: domain.UrgencyNormal}

// Every template gives the whole text; the exact sentences are the
// contract with readers, so they are spelled out here.
func TestTemplates(t *testing.T) {
	flash := task
	flash.Urgency = domain.UrgencyFlash
	doc := DocumentArrived{DocumentID: "d-1", Notation: "07/CT-UBND", Kind: "directive", Date: time.Date(2022, 12, 20, 2, 0, 0, 0, time.UTC), IssuerName: "Ủy ban nhân dân tỉnh",
		AgencyName: "Sở Thông tin và Truyền thông", Summary: "Về việc nâng cao chỉ số PAPI", DueDate: "2022-12-31", Urgency: domain.UrgencyVeryUrgent}
	secret := doc
	secret.Confidential = true
	tests := []struct {
		name        string
		msg         Message
		title, body string
		link        string
	}{
		{"document arrived", doc.Render(), "[Thượng khẩn] Văn bản đến: 07/CT-UBND",
			"Chỉ thị số 07/CT-UBND ngày 20/12/2022 của Ủy ban nhân dân tỉnh đã đến Sở Thông tin và Truyền thông. Trích yếu: Về việc nâng cao chỉ số PAPI. Hạn xử lý: 31/12/2022. Đề nghị vào sổ văn bản đến.",
			"/documents/d-1"},
		{"confidential document: no summary", secret.Render(), "[Thượng khẩn] Văn bản mật đến: 07/CT-UBND",
			"Chỉ thị số 07/CT-UBND ngày 20/12/2022 của Ủy ban nhân dân tỉnh đã đến Sở Thông tin và Truyền thông. Văn bản mật: xem nội dung trong hệ thống. Hạn xử lý: 31/12/2022. Đề nghị vào sổ văn bản đến.",
			"/documents/d-1"},
		{"progress report", ReportSubmitted{Task: task, Progress: 40}.Render(), "Báo cáo tiến độ: Tuyên truyền PAPI",
			"Đơn vị Sở Thông tin và Truyền thông đã gửi báo cáo tiến độ nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND), tiến độ 40%. Hạn xử lý: 31/12/2022. Đề nghị xem xét, cho ý kiến.",
			"/tasks/t-1"},
		{"final report, flash", ReportSubmitted{Task: flash, Progress: 100, Final: true}.Render(), "[Hỏa tốc] Báo cáo hoàn thành: Tuyên truyền PAPI",
			"Đơn vị Sở Thông tin và Truyền thông đã gửi báo cáo hoàn thành nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND), tiến độ 100%. Hạn xử lý: 31/12/2022. Đề nghị xem xét, cho ý kiến.",
			"/tasks/t-1"},
		{"report returned", ReportReviewed{Task: task, Comment: "Bổ sung số liệu."}.Render(), "Báo cáo bị trả lại: Tuyên truyền PAPI",
			"Báo cáo của đơn vị Sở Thông tin và Truyền thông về nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND) bị trả lại, đề nghị bổ sung, hoàn thiện. Ý kiến: Bổ sung số liệu. Hạn xử lý: 31/12/2022.",
			"/tasks/t-1"},
		{"final report accepted", ReportReviewed{Task: task, Accepted: true, Final: true}.Render(), "Báo cáo được chấp nhận: Tuyên truyền PAPI",
			"Báo cáo của đơn vị Sở Thông tin và Truyền thông về nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND) đã được chấp nhận. Nhiệm vụ đã hoàn thành.",
			"/tasks/t-1"},
		{"extension approved", ExtensionDecided{Task: task, Approved: true, Requested: "2023-01-31", Previous: "2022-12-31"}.Render(), "Đồng ý gia hạn: Tuyên truyền PAPI",
			"Đề nghị gia hạn nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND) của đơn vị Sở Thông tin và Truyền thông đã được đồng ý: hạn xử lý mới 31/01/2023 (trước đây 31/12/2022).",
			"/tasks/t-1"},
		{"extension refused", ExtensionDecided{Task: task, Requested: "2023-01-31", Comment: "Không có lý do chính đáng."}.Render(), "Không đồng ý gia hạn: Tuyên truyền PAPI",
			"Đề nghị gia hạn nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND) của đơn vị Sở Thông tin và Truyền thông đến 31/01/2023 không được đồng ý. Ý kiến: Không có lý do chính đáng. Hạn xử lý: 31/12/2022.",
			"/tasks/t-1"},
		{"due soon", DueSoon{Task: task, DaysLeft: 3}.Render(), "Sắp đến hạn: Tuyên truyền PAPI",
			"Còn 3 ngày đến hạn xử lý nhiệm vụ “Tuyên truyền PAPI” (văn bản số 07/CT-UBND) giao đơn vị Sở Thông tin và Truyền thông. Hạn xử lý: 31/12/2022.",
			"/tasks/t-1"},
		{"overdue", Overdue{Task: flash, DaysOverdue: 2}.Render(), "[Hỏa tốc] Quá hạn: Tuyên truyền PAPI",
			"Nhiệm vụ “Tuyên truyền PAPI” giao đơn vị Sở Thông tin và Truyền thông đã quá hạn 2 ngày. Hạn xử lý: 31/12/2022. Văn bản: số 07/CT-UBND.",
			"/tasks/t-1"},
		{"cancelled", TaskCancelled{Task: task, Reason: "Văn bản bị thay thế."}.Render(), "Hủy nhiệm vụ: Tuyên truyền PAPI",
			"Nhiệm vụ “Tuyên truyền PAPI” giao đơn vị Sở Thông tin và Truyền thông đã bị hủy do văn bản số 07/CT-UBND bị thu hồi. Lý do: Văn bản bị thay thế.",
			"/tasks/t-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.msg.Title != tt.title {
				t.Errorf("title = %q\nwant    %q", tt.msg.Title, tt.title)
			}
			if tt.msg.Body != tt.body {
				t.Errorf("body = %q\nwant   %q", tt.msg.Body, tt.body)
			}
			if tt.msg.Link != tt.link {
				t.Errorf("link = %q, want %q", tt.msg.Link, tt.link)
			}
		})
	}
}

func TestRenderEmail(t *testing.T) {
	msg := Message{Title: "[Hỏa tốc] Nhiệm vụ mới: <script>", Body: "Đơn vị A & B.", Link: "/tasks/t-1"}
	e := RenderEmail(msg, "Trần Văn Hùng", "https://eoffice.example.vn/")
	if e.Subject != msg.Title {
		t.Errorf("subject = %q", e.Subject)
	}
	for _, want := range []string{"Kính gửi Trần Văn Hùng,", msg.Title, msg.Body, "https://eoffice.example.vn/tasks/t-1"} {
		if !strings.Contains(e.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, e.Text)
		}
	}
	// HTML escapes what the texts carry (titles come from people).
	for _, want := range []string{"&lt;script&gt;", "A &amp; B", `href="https://eoffice.example.vn/tasks/t-1"`, `lang="vi"`} {
		if !strings.Contains(e.HTML, want) {
			t.Errorf("html lacks %q:\n%s", want, e.HTML)
		}
	}
	if strings.Contains(e.HTML, "<script>") {
		t.Error("html carries a raw tag from the text")
	}
}

func TestKindNames(t *testing.T) {
	for kind, want := range map[string]string{"directive": "Chỉ thị", "plan": "Kế hoạch", "official_letter": "Công văn", "copy": "Bản sao", "unknown": "Văn bản"} {
		if got := KindName(kind); got != want {
			t.Errorf("KindName(%q) = %q, want %q", kind, got, want)
		}
	}
}
