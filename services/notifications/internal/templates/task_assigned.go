package templates

import (
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// TaskAssigned are the facts of a task.assigned notification.
type TaskAssigned struct {
	TaskID         string
	Title          string
	SourceNotation string // e.g. 07/CT-UBND; may be empty
	UnitName       string // the assignee unit
	Role           string // lead, cooperate or empty
	DueDate        string // YYYY-MM-DD; may be empty
	Urgency        domain.Urgency
	PersonName     string // the named person it was delegated to; may be empty
}

// Render writes the notification told to the assignee unit's leaders (and
// to the named person, if any).
func (t TaskAssigned) Render() Message {
	var b strings.Builder
	b.WriteString("Đơn vị ")
	b.WriteString(t.UnitName)
	switch t.Role {
	case "lead":
		b.WriteString(" được giao chủ trì nhiệm vụ “")
	case "cooperate":
		b.WriteString(" được giao phối hợp thực hiện nhiệm vụ “")
	default:
		b.WriteString(" được giao nhiệm vụ “")
	}
	b.WriteString(t.Title)
	b.WriteString("”")
	if t.SourceNotation != "" {
		b.WriteString(" theo văn bản số ")
		b.WriteString(t.SourceNotation)
	}
	b.WriteString(".")
	if t.DueDate != "" {
		fmt.Fprintf(&b, " Hạn xử lý: %s.", FormatDate(t.DueDate))
	}
	b.WriteString(person(t.PersonName))
	return Message{
		Title: withUrgency(t.Urgency, "Nhiệm vụ mới: "+t.Title),
		Body:  b.String(),
		Link:  "/tasks/" + t.TaskID,
	}
}
