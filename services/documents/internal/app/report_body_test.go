package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/followup"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
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

// TestReportTotals: the consolidated report's totals are the plan's as
// the tasks service defines them (followup.Totals): every own task, lead
// and cooperating, split by role; a final report submitted on time that
// waits for review is apart, not overdue; delegated children and
// cancelled tasks do not count.
func TestReportTotals(t *testing.T) {
	now := time.Date(2026, 7, 10, 3, 0, 0, 0, time.UTC)
	tasks := []domain.TaskView{
		{TaskID: "l1", Role: "lead", DueDate: "2026-06-30", Status: "completed", Class: "completed_on_time"},
		{TaskID: "c1", Role: "cooperate", DueDate: "2026-06-30", Status: "in_progress"},
		{TaskID: "c2", Role: "cooperate", DueDate: "2026-06-30", Status: "awaiting_review", ReportAt: "2026-06-29T03:00:00.000000000Z"},
		{TaskID: "c3", Role: "cooperate", DueDate: "2026-06-30", Status: "awaiting_review", ReportAt: "2026-07-02T03:00:00.000000000Z"},
		{TaskID: "l2", Role: "lead", DueDate: "2026-12-31", Status: "assigned"},
		{TaskID: "d1", Role: "lead", ParentTaskID: "l2", DueDate: "2026-06-30", Status: "assigned"},
		{TaskID: "x1", Role: "cooperate", DueDate: "2026-12-31", Status: "cancelled", UpdatedAt: "2026-05-01T03:00:00.000000000Z"},
	}
	tot := reportTotals(tasks, now)
	if tot.Counts != (followup.Counts{CompletedOnTime: 1, OpenWithinDeadline: 1, OpenOverdue: 2, AwaitingReview: 1}) ||
		tot.ByRole["lead"] != (followup.Counts{CompletedOnTime: 1, OpenWithinDeadline: 1}) ||
		tot.ByRole["cooperate"] != (followup.Counts{OpenOverdue: 2, AwaitingReview: 1}) {
		t.Fatalf("totals %+v", tot)
	}
	var b strings.Builder
	writeTotals(&b, tot)
	want := "\nTổng hợp (5 việc đã giao, gồm đơn vị chủ trì và đơn vị phối hợp): Hoàn thành đúng hạn: 1, Hoàn thành quá hạn: 0, " +
		"Đang thực hiện trong hạn: 1, Đang thực hiện quá hạn: 2; Chờ đánh giá (đã báo cáo hoàn thành đúng hạn): 1.\n" +
		"- Đơn vị chủ trì: Hoàn thành đúng hạn: 1, Hoàn thành quá hạn: 0, Đang thực hiện trong hạn: 1, Đang thực hiện quá hạn: 0; Chờ đánh giá: 0.\n" +
		"- Đơn vị phối hợp: Hoàn thành đúng hạn: 0, Hoàn thành quá hạn: 0, Đang thực hiện trong hạn: 0, Đang thực hiện quá hạn: 2; Chờ đánh giá: 1.\n"
	if b.String() != want {
		t.Fatalf("got  %q\nwant %q", b.String(), want)
	}
}

// TestPeriodicText: the consolidated report lists each unit's reports per
// period in officials' words (period names, dd/mm/yyyy, no codes).
func TestPeriodicText(t *testing.T) {
	items := []domain.PlanItem{{ID: "i1", Title: "Tuyên truyền"}, {ID: "i2", Title: "Khảo sát"}}
	at := pkgstore.FormatTime(time.Date(2026, 3, 30, 3, 0, 0, 0, time.UTC))
	now := time.Date(2026, 4, 2, 3, 0, 0, 0, time.UTC)
	rs := []domain.ReportRequest{
		{PlanItemID: "i1", UnitID: "u1", Role: "lead", Period: "2026-03", DueDate: "2026-03-31", ReportID: "r1", ReportedAt: at, TaskStatus: "in_progress"},
		{PlanItemID: "i1", UnitID: "u2", Role: "cooperate", Period: "2026-03", DueDate: "2026-03-31", TaskStatus: "in_progress"},
		{PlanItemID: "i1", UnitID: "u1", Role: "lead", Period: "2026-Q2", DueDate: "2026-06-30", TaskStatus: "in_progress"},
	}
	names := map[string]string{"u1": "Phòng Bưu chính", "u2": "Sở Nội vụ"}
	got := periodicText(items, rs, now, func(id string) string { return names[id] })
	want := "\nBáo cáo định kỳ của các đơn vị:\n\n1. Tuyên truyền\n" +
		"- Tháng 3/2026, Phòng Bưu chính (chủ trì): hạn 31/03/2026, đã báo cáo đúng hạn ngày 30/03/2026.\n" +
		"- Tháng 3/2026, Sở Nội vụ (phối hợp): hạn 31/03/2026, quá hạn, chưa báo cáo.\n" +
		"- Quý II/2026, Phòng Bưu chính (chủ trì): hạn 30/06/2026, chưa đến hạn.\n"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if regexp.MustCompile(`\d{4}-\d\d|_`).MatchString(got) {
		t.Fatalf("a code or an ISO date: %s", got)
	}
}
