package templates

// TaskCancelled are the facts of a task.cancelled notification.
type TaskCancelled struct {
	Task
	Reason string
}

// Render writes the notification told to the assignee unit's leaders.
func (c TaskCancelled) Render() Message {
	body := "Nhiệm vụ “" + c.Title + "” giao đơn vị " + c.UnitName + " đã bị hủy"
	if c.SourceNotation != "" {
		body += " do văn bản số " + c.SourceNotation + " bị thu hồi"
	}
	body += "."
	if c.Reason != "" {
		body += " Lý do: " + c.Reason
	}
	return c.message("Hủy nhiệm vụ: "+c.Title, body)
}
