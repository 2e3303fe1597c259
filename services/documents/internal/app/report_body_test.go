package app

import (
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// TestWriteLatest: what an item's lines say of its latest report, for each
// state of the task read model.
func TestWriteLatest(t *testing.T) {
	reported := func(status, summary, result string) domain.TaskView {
		return domain.TaskView{Status: status, Reported: true, Progress: 70, Summary: summary, Result: result}
	}
	for _, tc := range []struct {
		name  string
		t     domain.TaskView
		known bool
		want  string
	}{
		{"no task yet", domain.TaskView{}, false, "- Kết quả: chưa có báo cáo\n"},
		{"task, no report", domain.TaskView{Status: "assigned"}, true, "- Kết quả: chưa có báo cáo\n"},
		{"report with text", reported("in_progress", "Đã làm", "Đạt  70%\nchỉ tiêu"),
			true, "- Báo cáo gần nhất: Đã làm\n- Kết quả: Đạt 70% chỉ tiêu\n"},
		{"report without result", reported("in_progress", "Đã làm", ""), true,
			"- Báo cáo gần nhất: Đã làm\n- Kết quả: (báo cáo không nêu kết quả)\n"},
		{"not normal: no text", reported("in_progress", "", ""), true, "- Kết quả: đã báo cáo, tiến độ 70%\n"},
		{"completed, no text", reported("completed", "", ""), true, "- Kết quả: đã hoàn thành\n"},
		{"completed with text", reported("completed", "Xong", "Đạt"), true, "- Báo cáo gần nhất: Xong\n- Kết quả: Đạt\n"},
		{"cancelled", reported("cancelled", "Đã làm", "Một phần"), true, "- Kết quả: đã hủy\n"},
		{"long result cut", reported("in_progress", "x", strings.Repeat("á", maxItemResult+5)), true,
			"- Báo cáo gần nhất: x\n- Kết quả: " + strings.Repeat("á", maxItemResult-1) + "…\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			writeLatest(&b, tc.t, tc.known)
			if b.String() != tc.want {
				t.Fatalf("got %q\nwant %q", b.String(), tc.want)
			}
		})
	}
}
