package templates

import (
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Task is what every task notification names: the task, its source
// document's notation, the unit concerned and the due date in force.
type Task struct {
	ID             string
	Title          string
	SourceNotation string // may be empty
	// SourceKind is the source document's kind code ("" when not known):
	// the document is then cited by its kind's name.
	SourceKind string
	UnitName   string // the assignee unit
	DueDate    string // YYYY-MM-DD; may be empty
	Urgency    domain.Urgency
	// PersonName is the named person the task was delegated to; empty
	// when the task is the unit's as a whole.
	PersonName string
}

// subject is «nhiệm vụ “T” (văn bản số N)», the way every text names the task.
func (t Task) subject() string {
	s := "nhiệm vụ “" + t.Title + "”"
	if c := t.citation(); c != "" {
		s += " (" + c + ")"
	}
	return s
}

// citation cites the source document as officials do («Kế hoạch số
// 01/KH-STTTT»), or «văn bản số …» when its kind is not known; "" without
// a notation.
func (t Task) citation() string {
	if t.SourceNotation == "" {
		return ""
	}
	if t.SourceKind == "" {
		return "văn bản số " + t.SourceNotation
	}
	return wording.Reference(wording.Ref{Kind: t.SourceKind, Notation: t.SourceNotation})
}

// person names who does the work of a task delegated to a person.
func person(name string) string {
	if name == "" {
		return ""
	}
	return " Người thực hiện: " + name + "."
}

func (t Task) due() string {
	if t.DueDate == "" {
		return ""
	}
	return fmt.Sprintf(" Hạn xử lý: %s.", FormatDate(t.DueDate))
}

func (t Task) message(title string, body ...string) Message {
	return Message{
		Title: withUrgency(t.Urgency, title),
		Body:  strings.Join(body, "") + person(t.PersonName),
		Link:  "/tasks/" + t.ID,
	}
}
