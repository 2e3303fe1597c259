package templates

import (
	"strings"
	"testing"
)

var (
	planTask = Task{ID: "t-1", Title: "Tuyên truyền về Chỉ số PAPI", SourceNotation: "01/KH-STTTT", SourceKind: "plan",
		UnitName: "Trung tâm Truyền thông và Báo chí", DueDate: "2026-03-11"}
	digestItems = []Item{
		{ID: "t-1", Title: "Tuyên truyền về Chỉ số PAPI", SourceNotation: "01/KH-STTTT", SourceKind: "plan",
			UnitName: "Trung tâm Truyền thông và Báo chí", DueDate: "2026-02-27"},
		{ID: "t-2", Title: "Báo cáo kết quả chuyển đổi số", SourceNotation: "15/STTTT-VP", SourceKind: "official_letter",
			UnitName: "Văn phòng Sở", DueDate: "2026-03-06"},
		{ID: "t-3", Title: "Rà soát thủ tục hành chính", SourceNotation: "07/CT-UBND", UnitName: "Văn phòng Sở", DueDate: "2026-03-13"},
	}
	sampleDigest = WeeklyDigest{UnitName: "Sở Thông tin và Truyền thông", WeekStart: "2026-03-09", WeekEnd: "2026-03-15",
		Overdue: digestItems[:2], DueThisWeek: digestItems[2:], Total: 4}
)

// TestWeeklyDigestReads: the Monday digest as a leader reads it, in
// Vietnamese, with dd/mm/yyyy dates and documents cited by kind and
// number.
func TestWeeklyDigestReads(t *testing.T) {
	e := RenderEmail(sampleDigest.Render(), "Nguyễn Văn An", "https://eoffice.example")
	if e.Subject != "Tổng hợp nhiệm vụ tuần từ 09/03/2026 đến 15/03/2026" {
		t.Errorf("subject %q", e.Subject)
	}
	want := `Kính gửi Nguyễn Văn An,

Tổng hợp nhiệm vụ tuần từ 09/03/2026 đến 15/03/2026

Tình hình thực hiện nhiệm vụ của Sở Thông tin và Truyền thông và các đơn vị trực thuộc đến đầu tuần: 2 nhiệm vụ quá hạn, 1 nhiệm vụ đến hạn trong tuần.

Nhiệm vụ quá hạn (2):
1. Tuyên truyền về Chỉ số PAPI — Trung tâm Truyền thông và Báo chí; Kế hoạch số 01/KH-STTTT; hạn xử lý 27/02/2026.
2. Báo cáo kết quả chuyển đổi số — Văn phòng Sở; Công văn số 15/STTTT-VP; hạn xử lý 06/03/2026.

Nhiệm vụ đến hạn trong tuần (1):
1. Rà soát thủ tục hành chính — Văn phòng Sở; văn bản số 07/CT-UBND; hạn xử lý 13/03/2026.

Còn 1 nhiệm vụ khác chưa liệt kê; xem đầy đủ trên hệ thống.

Xem chi tiết: https://eoffice.example/tasks
`
	if !strings.HasPrefix(e.Text, want) {
		t.Errorf("text\n%s\nwant\n%s", e.Text, want)
	}
	if !strings.Contains(e.HTML, `white-space: pre-line`) || !strings.Contains(e.HTML, "Nhiệm vụ quá hạn (2):") {
		t.Errorf("html %s", e.HTML)
	}
}

func TestEscalatedReads(t *testing.T) {
	m := Escalated{Task: planTask, DaysOverdue: 5, ToAssigner: true, Items: digestItems[:1]}.Render()
	want := "Nhiệm vụ “Tuyên truyền về Chỉ số PAPI” (Kế hoạch số 01/KH-STTTT) giao đơn vị Trung tâm Truyền thông và Báo chí đã quá hạn 5 ngày làm việc (hạn xử lý 11/03/2026). Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị hoàn thành.\n\n" +
		"Các nhiệm vụ do đồng chí giao đang quá hạn (1):\n1. Tuyên truyền về Chỉ số PAPI — Trung tâm Truyền thông và Báo chí; Kế hoạch số 01/KH-STTTT; hạn xử lý 27/02/2026."
	if m.Title != "Nhiệm vụ quá hạn cần chỉ đạo: Tuyên truyền về Chỉ số PAPI" || m.Body != want || m.Link != "/tasks/t-1" {
		t.Errorf("%q\n%q\nwant %q", m.Title, m.Body, want)
	}
	head := Escalated{Task: planTask, DaysOverdue: 5, Items: digestItems[:1]}.Render()
	if !strings.Contains(head.Body, "Các nhiệm vụ của đơn vị Trung tâm Truyền thông và Báo chí đang quá hạn (1):") {
		t.Errorf("to the head: %s", head.Body)
	}
	if d := (DueSoon{Task: planTask, WorkingDays: true}).Render(); d.Title != "Đến hạn hôm nay: Tuyên truyền về Chỉ số PAPI" ||
		!strings.HasPrefix(d.Body, "Hôm nay là hạn xử lý nhiệm vụ “Tuyên truyền về Chỉ số PAPI” (Kế hoạch số 01/KH-STTTT)") {
		t.Errorf("due day: %+v", d)
	}
	if d := (DueSoon{Task: planTask, DaysLeft: 3, WorkingDays: true}).Render(); !strings.HasPrefix(d.Body, "Còn 3 ngày làm việc đến hạn") {
		t.Errorf("before: %+v", d)
	}
}
