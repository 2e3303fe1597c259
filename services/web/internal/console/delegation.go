package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// taskExtras is what the task page shows beyond the task itself: the
// person it names, its delegated children, the delegation form and the
// extension requests. The console decides which forms to offer by the
// rules of API.md; the service decides again and its refusal is shown.
type taskExtras struct {
	Assignee   *identityapi.User
	Children   []tasksapi.Task
	People     map[string]identityapi.User // named people of the children
	ChildUnits []childUnit                 // delegation picker; empty when not offered

	DelegateKey string
	extensionView
}

// childUnit is a direct child of the assignee unit with its active people,
// for the delegation picker; Own marks the assignee unit itself, to which
// a task is handed only with a named person.
type childUnit struct {
	identityapi.Unit
	Own    bool
	People []identityapi.User
}

func (s *Server) taskExtras(rq *request, t tasksapi.TaskDetail) taskExtras {
	units := s.units(rq)
	c := rq.api
	x := taskExtras{People: map[string]identityapi.User{}, DelegateKey: session.RandomToken(),
		extensionView: s.extensions(rq, t)}
	if t.AssigneeUserID != "" {
		if u, err := c.Identity.User(rq.ctx(), t.AssigneeUserID); err == nil {
			x.Assignee = &u
		}
	}
	x.Children = s.childTasks(rq, t.Task)
	open := t.Status == "assigned" || t.Status == "in_progress"
	if open && mayDelegate(units, rq.sess.User, t.Task) {
		for _, n := range tree(units, t.AssigneeUnitID, nil) {
			switch {
			case n.Depth == 0:
				if people := s.activePeople(rq, n.ID); len(people) > 0 {
					x.ChildUnits = append(x.ChildUnits, childUnit{Unit: n.Unit, Own: true, People: people})
				}
			case n.Depth == 1: // the service delegates to direct children only
				x.ChildUnits = append(x.ChildUnits, childUnit{Unit: n.Unit, People: s.activePeople(rq, n.ID)})
			}
		}
		if len(x.ChildUnits) == 1 && x.ChildUnits[0].Own {
			x.ChildUnits = nil // no child unit: the task stays with the unit's own process
		}
	}
	for _, cu := range x.ChildUnits {
		for _, p := range cu.People {
			x.People[p.ID] = p
		}
	}
	for _, ch := range x.Children {
		if _, ok := x.People[ch.AssigneeUserID]; ch.AssigneeUserID != "" && !ok {
			if u, err := c.Identity.User(rq.ctx(), ch.AssigneeUserID); err == nil {
				x.People[u.ID] = u
			}
		}
	}
	return x
}

// mayDelegate: a leader of the assignee unit or of a unit above it in the
// assignee's agency.
func mayDelegate(units map[string]identityapi.Unit, u session.User, t tasksapi.Task) bool {
	if !u.HasRole("leader") || u.UnitID == "" {
		return false
	}
	agency := agencyOf(units, t.AssigneeUnitID)
	id := t.AssigneeUnitID
	for i := 0; i < 32 && id != ""; i++ {
		if id == u.UnitID {
			return true
		}
		if id == agency {
			return false
		}
		id = string(units[id].ParentID)
	}
	return false
}

// childTasks finds the tasks delegated from t: the list has no parent
// filter, so both boxes are read for t's source document (a child is in
// the delegating unit's outbox and in the inbox above its assignee).
func (s *Server) childTasks(rq *request, t tasksapi.Task) []tasksapi.Task {
	seen := map[string]bool{}
	var out []tasksapi.Task
	for _, box := range []string{"outbox", "inbox"} {
		q := url.Values{"box": {box}, "source_document_id": {t.SourceDocumentID}}
		list, err := client.All[tasksapi.Task](rq.ctx(), rq.api.Client, client.Tasks, "/v1/tasks?"+q.Encode(), 500)
		if err != nil {
			continue // the page still shows the task
		}
		for _, c := range list {
			if c.ParentTaskID == t.ID && !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// activePeople lists a unit's active people (at most one page: a unit is
// small).
func (s *Server) activePeople(rq *request, unitID string) []identityapi.User {
	p, err := rq.api.Identity.Users(rq.ctx(), url.Values{"unit_id": {unitID}, "limit": {"200"}})
	if err != nil {
		return nil
	}
	var out []identityapi.User
	for _, u := range p.Items {
		if u.Active {
			out = append(out, u)
		}
	}
	return out
}

// delegate hands the task down. The due date and the person are checked
// here first so that the usual mistakes are explained in Vietnamese
// without a call; the service checks everything again.
func (s *Server) delegate(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	back := "/tasks/" + id
	d := tasksapi.Delegation{AssigneeUnitID: f.Get("assignee_unit_id"), AssigneeUserID: f.Get("assignee_user_id"),
		DueDate: strings.TrimSpace(f.Get("due_date")), Note: strings.TrimSpace(f.Get("note"))}
	var bad []string
	if d.AssigneeUnitID == "" {
		bad = append(bad, label("field", "assignee_unit_id")+": chưa chọn đơn vị")
	}
	due, ok := parseDay(d.DueDate)
	if f.Get("due_kind") == "working_days" {
		// The service counts the days over the agency's calendar and
		// checks the parent's date itself.
		n, err := strconv.Atoi(strings.TrimSpace(f.Get("due_working_days")))
		if err != nil || n < 1 || n > 400 {
			bad = append(bad, label("field", "due_working_days")+": nhập một số từ 1 đến 400")
		}
		d.DueWorkingDays, due, ok = n, "", true
	}
	switch parent := f.Get("parent_due_date"); {
	case !ok:
		bad = append(bad, label("field", "due_date")+": chưa nhập hoặc không đúng dạng ngày dd/mm/yyyy")
	case parent != "" && due != "" && due > parent: // the parent's date comes from the page; the service checks again
		bad = append(bad, label("field", "due_date")+": không được muộn hơn hạn của nhiệm vụ được giao ("+date(parent)+")")
	}
	d.DueDate = due
	if d.AssigneeUserID == "" && d.AssigneeUnitID != "" && d.AssigneeUnitID == f.Get("own_unit_id") {
		bad = append(bad, label("field", "assignee_user_id")+": giao trong chính đơn vị thì phải chọn người được giao")
	}
	if d.AssigneeUserID != "" && d.AssigneeUnitID != "" {
		u, err := rq.api.Identity.User(rq.ctx(), d.AssigneeUserID)
		if err == nil && string(u.UnitID) != d.AssigneeUnitID {
			bad = append(bad, label("field", "assignee_user_id")+": người này không thuộc đơn vị đã chọn")
		}
	}
	if len(bad) > 0 {
		rq.sess.AddFlash(session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.", Details: bad})
		http.Redirect(rq.w, rq.r, back, http.StatusSeeOther)
		return
	}
	child, err := rq.api.Tasks.Delegate(rq.ctx(), id, d, f.Get("key"))
	msg := "Đã phân công cho " + s.unitLabel(rq, child.AssigneeUnitID) + ", hạn " + dueLabel(child) + "."
	s.done(rq, err, msg, back)
}

// unitLabel is a unit's full name, else a plain word for it.
func (s *Server) unitLabel(rq *request, id string) string {
	if u, ok := s.units(rq)[id]; ok {
		return u.Name
	}
	return "đơn vị cấp dưới"
}
