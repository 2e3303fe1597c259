package templates

import "fmt"

// WeeklyDigest are the facts of a task.weekly_digest: a leader's units'
// overdue tasks and those due this week, on Monday morning.
type WeeklyDigest struct {
	UnitName    string // the leader's unit; its units below are included
	WeekStart   string // YYYY-MM-DD, Monday
	WeekEnd     string // YYYY-MM-DD, Sunday
	Overdue     []Item
	DueThisWeek []Item
	// Total counts every item, those left out of the lists too.
	Total int
}

// Render writes the digest.
func (d WeeklyDigest) Render() Message {
	title := fmt.Sprintf("Tổng hợp nhiệm vụ tuần từ %s đến %s", FormatDate(d.WeekStart), FormatDate(d.WeekEnd))
	body := fmt.Sprintf("Tình hình thực hiện nhiệm vụ của %s và các đơn vị trực thuộc đến đầu tuần: %d nhiệm vụ quá hạn, %d nhiệm vụ đến hạn trong tuần.",
		d.UnitName, len(d.Overdue), len(d.DueThisWeek))
	if l := list("Nhiệm vụ quá hạn", d.Overdue); l != "" {
		body += "\n\n" + l
	}
	if l := list("Nhiệm vụ đến hạn trong tuần", d.DueThisWeek); l != "" {
		body += "\n\n" + l
	}
	if rest := d.Total - len(d.Overdue) - len(d.DueThisWeek); rest > 0 {
		body += fmt.Sprintf("\n\nCòn %d nhiệm vụ khác chưa liệt kê; xem đầy đủ trên hệ thống.", rest)
	}
	return Message{Title: title, Body: body, Link: "/tasks"}
}
