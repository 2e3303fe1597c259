package console

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

type taskListPage struct {
	Box   string
	Tasks []tasksapi.Task
	Next  template.URL
}

func (s *Server) taskList(rq *request) {
	in := rq.r.URL.Query()
	box := in.Get("box")
	if box != "outbox" {
		box = "inbox"
	}
	q := url.Values{"box": {box}, "limit": {"50"}}
	if c := in.Get("cursor"); c != "" {
		q.Set("cursor", c)
	}
	page, err := rq.api.Tasks.Page(rq.ctx(), q)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p := taskListPage{Box: box, Tasks: page.Items}
	if page.NextCursor != "" {
		p.Next = template.URL("/tasks?" + url.Values{"box": {box}, "cursor": {page.NextCursor}}.Encode())
	}
	s.render(rq, http.StatusOK, "tasks", "Nhiệm vụ", p)
}

type taskPage struct {
	Task    tasksapi.TaskDetail
	Key     string
	More    taskExtras    // delegation and extensions (delegation.go, extensions.go)
	History []historyLine // history.go
}

func (s *Server) task(rq *request) {
	t, err := rq.api.Tasks.Get(rq.ctx(), rq.r.PathValue("id"))
	if err != nil {
		s.failed(rq, err)
		return
	}
	more := s.taskExtras(rq, t)
	known := more.People
	if a := more.Assignee; a != nil {
		known[a.ID] = *a
	}
	s.render(rq, http.StatusOK, "task", t.Title, taskPage{Task: t, Key: session.RandomToken(), More: more,
		History: s.taskHistory(rq, t, known)})
}

func (s *Server) acceptTask(rq *request) {
	id := rq.r.PathValue("id")
	err := rq.api.Tasks.Action(rq.ctx(), id, "accept", nil, "")
	s.done(rq, err, "Đã nhận việc.", "/tasks/"+id)
}

func (s *Server) report(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	progress, err := strconv.Atoi(strings.TrimSpace(f.Get("progress_percent")))
	if err != nil {
		rq.sess.AddFlash(session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.",
			Details: []string{label("field", "progress_percent") + ": phải là số từ 0 đến 100"}})
		http.Redirect(rq.w, rq.r, "/tasks/"+id, http.StatusSeeOther)
		return
	}
	body := map[string]any{"progress_percent": progress, "summary": strings.TrimSpace(f.Get("summary")),
		"final": f.Get("final") == "on"}
	if r := strings.TrimSpace(f.Get("result")); r != "" {
		body["result"] = r
	}
	err = rq.api.Tasks.Action(rq.ctx(), id, "reports", body, f.Get("key"))
	s.done(rq, err, "Đã gửi báo cáo.", "/tasks/"+id)
}

func (s *Server) review(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	r := tasksapi.ReviewRequest{Decision: f.Get("decision"), Comment: strings.TrimSpace(f.Get("comment"))}
	_, err := rq.api.Tasks.Review(rq.ctx(), id, rq.r.PathValue("rid"), r)
	msg := "Đã chấp nhận báo cáo."
	if r.Decision == "returned" {
		msg = "Đã trả lại báo cáo."
	}
	s.done(rq, err, msg, "/tasks/"+id)
}
