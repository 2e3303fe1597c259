package console

import (
	"net/http"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// extensionView is the extension part of the task page: the requests with
// both dates, the request form for the assignee unit and the decision for
// a leader of the assigner's agency.
type extensionView struct {
	Extensions   []tasksapi.Extension
	Pending      *tasksapi.Extension
	CanAsk       bool
	CanDecide    bool
	MinDue       string // the day after the current due date, YYYY-MM-DD
	ExtensionKey string
}

func (s *Server) extensions(rq *request, t tasksapi.TaskDetail) extensionView {
	units, u := s.units(rq), rq.sess.User
	v := extensionView{Extensions: t.Extensions, ExtensionKey: session.RandomToken()}
	for i := range t.Extensions {
		if t.Extensions[i].Status == "pending" {
			v.Pending = &t.Extensions[i]
		}
	}
	open := t.Status == "assigned" || t.Status == "in_progress" || t.Status == "awaiting_review"
	member := (u.UnitID != "" && u.UnitID == t.AssigneeUnitID) || (u.ID != "" && u.ID == t.AssigneeUserID)
	v.CanAsk = open && v.Pending == nil && member
	v.CanDecide = open && v.Pending != nil && u.HasRole("leader") && u.UnitID != "" &&
		agencyOf(units, u.UnitID) == agencyOf(units, t.AssignerUnitID)
	if d, err := time.Parse("2006-01-02", t.DueDate); err == nil {
		v.MinDue = d.AddDate(0, 0, 1).Format("2006-01-02")
	}
	return v
}

// requestExtension asks the assigner for a later due date.
func (s *Server) requestExtension(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	back := "/tasks/" + id
	r := tasksapi.ExtensionRequest{Reason: strings.TrimSpace(f.Get("reason"))}
	var bad []string
	due, ok := parseDay(f.Get("due_date"))
	switch cur := f.Get("current_due_date"); {
	case !ok:
		bad = append(bad, "Hạn mới: chưa nhập hoặc không đúng dạng ngày dd/mm/yyyy")
	case cur != "" && due <= cur: // the current date comes from the page; the service checks again
		bad = append(bad, "Hạn mới: phải sau hạn hiện tại ("+date(cur)+")")
	}
	if r.Reason == "" {
		bad = append(bad, label("field", "reason")+": bắt buộc nhập")
	}
	if len(bad) > 0 {
		rq.sess.AddFlash(session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.", Details: bad})
		http.Redirect(rq.w, rq.r, back, http.StatusSeeOther)
		return
	}
	r.DueDate = due
	_, err := rq.api.Tasks.RequestExtension(rq.ctx(), id, r, f.Get("key"))
	s.done(rq, err, "Đã gửi đề nghị gia hạn đến "+date(due)+"; chờ đơn vị giao quyết định.", back)
}

// decideExtension approves or rejects the pending request.
func (s *Server) decideExtension(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	back := "/tasks/" + id
	var approve bool
	switch f.Get("decision") {
	case "approve":
		approve = true
	case "reject":
	default:
		rq.sess.AddFlash(session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.",
			Details: []string{"Quyết định: chọn Đồng ý gia hạn hoặc Không đồng ý"}})
		http.Redirect(rq.w, rq.r, back, http.StatusSeeOther)
		return
	}
	out, err := rq.api.Tasks.DecideExtension(rq.ctx(), id, tasksapi.ExtensionDecisionRequest{Approve: &approve, Comment: strings.TrimSpace(f.Get("comment"))})
	msg := "Đã không đồng ý gia hạn; hạn hoàn thành giữ nguyên (" + date(out.Task.DueDate) + ")."
	if approve {
		msg = "Đã đồng ý gia hạn; hạn hoàn thành mới là " + date(out.Task.DueDate) + "."
	}
	s.done(rq, err, msg, back)
}
