package templates

import "fmt"

// DueSoon are the facts of a task.due_soon reminder.
type DueSoon struct {
	Task
	DaysLeft int
}

// Render writes the reminder told to the assignee unit.
func (d DueSoon) Render() Message {
	return d.message("Sắp đến hạn: "+d.Title,
		fmt.Sprintf("Còn %d ngày đến hạn xử lý %s giao đơn vị %s.", d.DaysLeft, d.subject(), d.UnitName), d.due())
}

// Overdue are the facts of a task.overdue reminder.
type Overdue struct {
	Task
	DaysOverdue int
}

// Render writes the warning told to the assignee unit.
func (o Overdue) Render() Message {
	return o.message("Quá hạn: "+o.Title,
		fmt.Sprintf("Nhiệm vụ “%s” giao đơn vị %s đã quá hạn %d ngày.", o.Title, o.UnitName, max(o.DaysOverdue, 1)),
		o.due(), notation(o.SourceNotation))
}

func notation(n string) string {
	if n == "" {
		return ""
	}
	return " Văn bản: số " + n + "."
}
