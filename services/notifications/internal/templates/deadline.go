package templates

import "fmt"

// DueSoon are the facts of a task.due_soon reminder.
type DueSoon struct {
	Task
	DaysLeft int
	// WorkingDays: DaysLeft counts working days (the agency's reminder
	// rules); events from before the rules counted calendar days.
	WorkingDays bool
}

// Render writes the reminder told to the assignee unit.
func (d DueSoon) Render() Message {
	if d.WorkingDays && d.DaysLeft <= 0 {
		return d.message("Đến hạn hôm nay: "+d.Title,
			fmt.Sprintf("Hôm nay là hạn xử lý %s giao đơn vị %s.", d.subject(), d.UnitName), d.due())
	}
	return d.message("Sắp đến hạn: "+d.Title,
		fmt.Sprintf("Còn %d %s đến hạn xử lý %s giao đơn vị %s.", d.DaysLeft, dayWord(d.WorkingDays), d.subject(), d.UnitName), d.due())
}

// Overdue are the facts of a task.overdue reminder.
type Overdue struct {
	Task
	DaysOverdue int
	WorkingDays bool
}

// Render writes the warning told to the assignee unit.
func (o Overdue) Render() Message {
	return o.message("Quá hạn: "+o.Title,
		fmt.Sprintf("Nhiệm vụ “%s” giao đơn vị %s đã quá hạn %d %s.", o.Title, o.UnitName, max(o.DaysOverdue, 1), dayWord(o.WorkingDays)),
		o.due(), notation(o.Task))
}

func dayWord(working bool) string {
	if working {
		return "ngày làm việc"
	}
	return "ngày"
}

func notation(t Task) string {
	if t.SourceNotation == "" {
		return ""
	}
	if t.SourceKind == "" {
		return " Văn bản: số " + t.SourceNotation + "."
	}
	return " Văn bản: " + t.citation() + "."
}
