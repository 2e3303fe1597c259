package templates

// ExtensionDecided are the facts of a task.extension_decided notification.
type ExtensionDecided struct {
	Task
	Approved  bool
	Requested string // YYYY-MM-DD asked for
	Previous  string // YYYY-MM-DD before the decision
	Comment   string
}

// Render writes the notification told to the assignee unit.
func (e ExtensionDecided) Render() Message {
	if e.Approved {
		return e.message("Đồng ý gia hạn: "+e.Title,
			"Đề nghị gia hạn "+e.subject()+" của đơn vị "+e.UnitName+" đã được đồng ý: hạn xử lý mới "+
				FormatDate(e.Requested)+" (trước đây "+FormatDate(e.Previous)+").", comment(e.Comment))
	}
	return e.message("Không đồng ý gia hạn: "+e.Title,
		"Đề nghị gia hạn "+e.subject()+" của đơn vị "+e.UnitName+" đến "+FormatDate(e.Requested)+
			" không được đồng ý.", comment(e.Comment), e.due())
}
