package templates

import (
	"regexp"
	"strings"
	"testing"
)

// periodCode is a report period's code (2026-03, 2026-Q1, 2026-W11) that
// must never reach a reader.
var periodCode = regexp.MustCompile(`\d{4}-[QW]?\d`)

// TestReportDueReadsAsVietnamese: a periodic report's reminder names the
// period, the task and the report's due date as officials write them, in
// the e-mail as in the in-app notice.
func TestReportDueReadsAsVietnamese(t *testing.T) {
	tests := []struct {
		name  string
		r     ReportDue
		title string
		body  string
	}{
		{"three working days before", ReportDue{Task: planTask, Period: "2026-03", ReportDueDate: "2026-03-31", Days: 3},
			"Sắp đến hạn báo cáo: Tuyên truyền về Chỉ số PAPI",
			"Báo cáo định kỳ Tháng 3/2026 của nhiệm vụ “Tuyên truyền về Chỉ số PAPI” (Kế hoạch số 01/KH-STTTT) giao đơn vị " +
				"Trung tâm Truyền thông và Báo chí đến hạn ngày 31/03/2026, còn 3 ngày làm việc. Hạn xử lý nhiệm vụ: 11/03/2026."},
		{"on the day", ReportDue{Task: planTask, Period: "2026-Q1", ReportDueDate: "2026-03-31"},
			"Đến hạn báo cáo hôm nay: Tuyên truyền về Chỉ số PAPI",
			"Báo cáo định kỳ Quý I/2026 của nhiệm vụ “Tuyên truyền về Chỉ số PAPI” (Kế hoạch số 01/KH-STTTT) giao đơn vị " +
				"Trung tâm Truyền thông và Báo chí đến hạn hôm nay, ngày 31/03/2026. Hạn xử lý nhiệm vụ: 11/03/2026."},
		{"overdue", ReportDue{Task: planTask, Period: "2026-W11", ReportDueDate: "2026-03-13", Overdue: true, Days: 3},
			"Quá hạn báo cáo: Tuyên truyền về Chỉ số PAPI",
			"Báo cáo định kỳ Tuần 11/2026 của nhiệm vụ “Tuyên truyền về Chỉ số PAPI” (Kế hoạch số 01/KH-STTTT) giao đơn vị " +
				"Trung tâm Truyền thông và Báo chí đến hạn ngày 13/03/2026, đã quá hạn 3 ngày làm việc mà chưa có báo cáo. Hạn xử lý nhiệm vụ: 11/03/2026."},
		{"a fixed day", ReportDue{Task: Task{ID: "t-2", Title: "PAPI", UnitName: "Sở Nội vụ", PersonName: "Hoàng Thị Em"},
			Period: "2026-06-30", ReportDueDate: "2026-06-30", Days: 1},
			"Sắp đến hạn báo cáo: PAPI",
			"Báo cáo kỳ ngày 30/06/2026 của nhiệm vụ “PAPI” giao đơn vị Sở Nội vụ đến hạn ngày 30/06/2026, còn 1 ngày làm việc. " +
				"Người thực hiện: Hoàng Thị Em."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.r.Render()
			if m.Title != tt.title || m.Body != tt.body {
				t.Fatalf("got\n%s\n%s\nwant\n%s\n%s", m.Title, m.Body, tt.title, tt.body)
			}
			e := RenderEmail(m, "Nguyễn Văn An", "https://eoffice.example")
			if !strings.Contains(e.Text, tt.body) || !strings.Contains(e.Subject, tt.title) {
				t.Errorf("e-mail lacks the notice:\n%s\n%s", e.Subject, e.Text)
			}
			for part, text := range map[string]string{"subject": e.Subject, "text": stripLinks(e.Text), "html": stripLinks(e.HTML)} {
				if w := codeOrISO.FindString(text); w != "" {
					t.Errorf("%s shows %q", part, w)
				}
				if w := periodCode.FindString(text); w != "" {
					t.Errorf("%s shows the period code %q", part, w)
				}
			}
		})
	}
}
