package templates

import (
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/wording"
)

// ReportDue are the facts of a task.report_due reminder: a periodic report
// of the task due in Days working days (0: today) or, Overdue, Days
// working days past its due date.
type ReportDue struct {
	Task
	Period        string // the period's code; named by wording.PeriodName
	ReportDueDate string // YYYY-MM-DD, the report's own due date
	Overdue       bool
	Days          int
}

// Render writes the reminder told to the assignee unit: «Báo cáo định kỳ
// Tháng 3/2026 của nhiệm vụ “…” đến hạn ngày 31/03/2026 …».
func (r ReportDue) Render() Message {
	what := fmt.Sprintf("%s của %s giao đơn vị %s", r.report(), r.subject(), r.UnitName)
	due := FormatDate(r.ReportDueDate)
	switch {
	case r.Overdue:
		return r.message("Quá hạn báo cáo: "+r.Title,
			fmt.Sprintf("%s đến hạn ngày %s, đã quá hạn %d ngày làm việc mà chưa có báo cáo.", what, due, max(r.Days, 1)), r.taskDue())
	case r.Days <= 0:
		return r.message("Đến hạn báo cáo hôm nay: "+r.Title,
			fmt.Sprintf("%s đến hạn hôm nay, ngày %s.", what, due), r.taskDue())
	}
	return r.message("Sắp đến hạn báo cáo: "+r.Title,
		fmt.Sprintf("%s đến hạn ngày %s, còn %d ngày làm việc.", what, due, r.Days), r.taskDue())
}

// report names the report: «Báo cáo định kỳ Tháng 3/2026», or for a fixed
// date «Báo cáo kỳ ngày 30/06/2026».
func (r ReportDue) report() string {
	name := wording.PeriodName(r.Period)
	if rest, ok := strings.CutPrefix(name, "Kỳ báo cáo "); ok {
		return "Báo cáo kỳ " + rest
	}
	return "Báo cáo định kỳ " + name
}

// taskDue is the task's own deadline, told apart from the report's.
func (r ReportDue) taskDue() string {
	if r.DueDate == "" {
		return ""
	}
	return " Hạn xử lý nhiệm vụ: " + FormatDate(r.DueDate) + "."
}
