package templates

// ReportReviewed are the facts of a task.report_reviewed notification.
type ReportReviewed struct {
	Task
	Accepted bool
	Final    bool
	Comment  string
}

// Render writes the notification told to the assignee unit.
func (r ReportReviewed) Render() Message {
	if r.Accepted {
		body := "Báo cáo của đơn vị " + r.UnitName + " về " + r.subject() + " đã được chấp nhận."
		if r.Final {
			body += " Nhiệm vụ đã hoàn thành."
		}
		return r.message("Báo cáo được chấp nhận: "+r.Title, body, comment(r.Comment))
	}
	return r.message("Báo cáo bị trả lại: "+r.Title,
		"Báo cáo của đơn vị "+r.UnitName+" về "+r.subject()+" bị trả lại, đề nghị bổ sung, hoàn thiện.",
		comment(r.Comment), r.due())
}

func comment(c string) string {
	if c == "" {
		return ""
	}
	return " Ý kiến: " + c
}
