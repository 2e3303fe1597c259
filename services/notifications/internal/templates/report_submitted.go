package templates

import "fmt"

// ReportSubmitted are the facts of a task.report_submitted notification.
type ReportSubmitted struct {
	Task
	Progress int
	Final    bool
}

// Render writes the notification told to the assigner unit's leaders.
func (r ReportSubmitted) Render() Message {
	kind, title := "báo cáo tiến độ", "Báo cáo tiến độ: "
	if r.Final {
		kind, title = "báo cáo hoàn thành", "Báo cáo hoàn thành: "
	}
	return r.message(title+r.Title,
		fmt.Sprintf("Đơn vị %s đã gửi %s %s, tiến độ %d%%.", r.UnitName, kind, r.subject(), r.Progress),
		r.due(), " Đề nghị xem xét, cho ý kiến.")
}
