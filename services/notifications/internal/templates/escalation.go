package templates

import (
	"fmt"
	"strings"
)

// Item is one task of a list (an escalation's, a digest's).
type Item struct {
	ID             string
	Title          string
	SourceNotation string
	SourceKind     string
	UnitName       string // the assignee unit; may be empty
	DueDate        string // YYYY-MM-DD
}

// line writes the item as the n-th line of a list: «1. Title — đơn vị;
// Kế hoạch số 01/KH-STTTT; hạn xử lý 30/06/2026.»
func (i Item) line(n int) string {
	parts := []string{fmt.Sprintf("%d. %s", n, i.Title)}
	var more []string
	if i.UnitName != "" {
		more = append(more, i.UnitName)
	}
	if c := (Task{SourceNotation: i.SourceNotation, SourceKind: i.SourceKind}).citation(); c != "" {
		more = append(more, c)
	}
	if i.DueDate != "" {
		more = append(more, "hạn xử lý "+FormatDate(i.DueDate))
	}
	if len(more) > 0 {
		parts = append(parts, strings.Join(more, "; "))
	}
	return strings.Join(parts, " — ") + "."
}

// list writes a heading and the items, one a line, or nothing when there
// are none.
func list(heading string, items []Item) string {
	if len(items) == 0 {
		return ""
	}
	lines := []string{fmt.Sprintf("%s (%d):", heading, len(items))}
	for i, it := range items {
		lines = append(lines, it.line(i+1))
	}
	return strings.Join(lines, "\n")
}

// Escalated are the facts of a task.escalated: a task overdue for the
// agency's set number of working days, told to the leader who assigned it
// (ToAssigner) or to the assignee unit's head, each with their overdue
// items.
type Escalated struct {
	Task
	DaysOverdue int
	ToAssigner  bool
	Items       []Item
}

// Render writes the escalation.
func (e Escalated) Render() Message {
	lead := fmt.Sprintf("%s giao đơn vị %s đã quá hạn %d ngày làm việc (hạn xử lý %s).",
		upperFirst(e.subject()), e.UnitName, max(e.DaysOverdue, 1), FormatDate(e.DueDate))
	ask, heading := " Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị hoàn thành.", "Các nhiệm vụ do đồng chí giao đang quá hạn"
	if !e.ToAssigner {
		ask, heading = " Đề nghị đồng chí chỉ đạo hoàn thành, báo cáo kết quả.", "Các nhiệm vụ của đơn vị "+e.UnitName+" đang quá hạn"
	}
	body := lead + ask
	if l := list(heading, e.Items); l != "" {
		body += "\n\n" + l
	}
	return e.message("Nhiệm vụ quá hạn cần chỉ đạo: "+e.Title, body)
}

// upperFirst capitalises the first letter (a sentence's start).
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
