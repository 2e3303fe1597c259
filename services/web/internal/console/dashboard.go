package console

import (
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// classOrder puts what needs attention first.
// classOrder puts what needs action first; tasks awaiting review (a final
// report in on time) are shown apart, after the open ones.
var classOrder = []string{"open_overdue", "open_within_deadline", "awaiting_review", "completed_late", "completed_on_time"}

type taskClass struct {
	Class string
	Tasks []tasksapi.Task
}

type dashboardPage struct {
	Classes       []taskClass
	TasksError    string
	Incoming      []documentsapi.Document
	IncomingError string
	Notes         []notificationsapi.Notification
	NotesError    string
}

// dashboard is "Việc của tôi": my unit's tasks by follow-up class, the
// incoming box (the service puts urgent documents first), unread
// notifications. A section that fails says so; the others still show.
func (s *Server) dashboard(rq *request) {
	var p dashboardPage
	tasks, err := rq.api.Tasks.Page(rq.ctx(), url.Values{"box": {"inbox"}, "limit": {"200"}})
	if err != nil {
		p.TasksError = describe(err).Text
	}
	p.Classes = byClass(tasks.Items)
	if docs, err := rq.api.Documents.Page(rq.ctx(), url.Values{"box": {"incoming"}, "limit": {"10"}}); err != nil {
		p.IncomingError = describe(err).Text
	} else {
		p.Incoming = docs.Items
	}
	unread := true
	if notes, err := rq.api.Notifications.Page(rq.ctx(), notificationsapi.ListNotificationsRequest{Unread: &unread, Limit: 10}); err != nil {
		p.NotesError = describe(err).Text
	} else {
		p.Notes = notes.Items
	}
	s.render(rq, http.StatusOK, "dashboard", "Việc của tôi", p)
}

// byClass groups tasks in the four classes and awaiting review; cancelled tasks are nobody's
// work any more.
func byClass(tasks []tasksapi.Task) []taskClass {
	out := make([]taskClass, len(classOrder))
	for i, c := range classOrder {
		out[i].Class = c
	}
	for _, t := range tasks {
		if t.Status == "cancelled" {
			continue
		}
		for i, c := range classOrder {
			if t.Class == c {
				out[i].Tasks = append(out[i].Tasks, t)
			}
		}
	}
	return out
}
