package console

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// Administration ("Quản trị"): units, people and roles, integration
// clients, over identity's administrator routes. One template (admin.html)
// holds the section menu and every sub-page; Page picks the sub-page.
type adminPage struct {
	Page  string         // units, unit, users, user, clients
	Error *session.Flash // a refused form, shown above it with the values kept

	Tree    []treeNode          // every unit, inactive ones too
	Parents []treeNode          // active units, for the parent and unit pickers
	Unit    identityapi.Unit    // the unit being edited
	NewUnit identityapi.NewUnit // the create form's values

	Users      []identityapi.User
	UnitFilter string
	Next       template.URL
	User       identityapi.User // the person being edited, or the create form's values
	Roles      []string

	Scopes  []string
	Client  identityapi.NewClient
	Created *identityapi.ClientCredentials
	Key     string

	// Image is the person's signature image or the agency's seal image.
	Image *imageSection

	// Calendar is the agency's holidays and swapped days of a year.
	Calendar *calendarSection
}

var adminRoles = []string{"leader", "specialist", "clerk", "admin"}

// admin wraps a page for administrators only. On a POST the CSRF token is
// checked first (by user), then the role: either refusal sends nothing.
func (s *Server) admin(h func(*request)) http.HandlerFunc {
	return s.user(func(rq *request) {
		if !rq.sess.User.HasRole("admin") {
			s.notAdmin(rq)
			return
		}
		h(rq)
	})
}

func (s *Server) notAdmin(rq *request) {
	s.cfg.Log.InfoContext(rq.ctx(), "administration refused", "user_id", rq.sess.User.ID, "path", rq.r.URL.Path)
	s.render(rq, http.StatusForbidden, "error", "Không được phép", errorPage{Heading: "Bạn không có quyền vào trang Quản trị",
		Text: "Trang này chỉ dành cho quản trị viên hệ thống. Nếu cần thay đổi đơn vị hoặc tài khoản, vui lòng liên hệ quản trị viên."})
}

func (s *Server) showAdmin(rq *request, status int, title string, p adminPage) {
	units := s.units(rq)
	if p.Page == "units" || p.Page == "unit" {
		p.Tree = unitTree(units, "", nil, true)
	}
	p.Parents = tree(units, "", nil)
	p.Roles = adminRoles
	s.render(rq, status, "admin", title, p)
}

// adminRefusal is describe with identity's conflicts of administration
// told in Vietnamese rather than as a status.
func adminRefusal(err error) session.Flash {
	f := describe(err)
	var p *client.Problem
	if !errors.As(err, &p) {
		return f
	}
	if t, ok := labels["admin_detail"][p.Detail]; ok {
		f.Text = t
		f.Details = dropDetail(f.Details, p.Detail)
	} else if p.Status == http.StatusConflict && len(p.Errors) > 0 { // a short name, code or username in use
		f.Text = "Thông tin bị trùng với đơn vị hoặc người dùng đã có, vui lòng kiểm tra lại."
		f.Details = dropDetail(f.Details, p.Detail)
	}
	return f
}

func dropDetail(details []string, detail string) []string {
	var out []string
	for _, d := range details {
		if d != "Chi tiết: "+detail {
			out = append(out, d)
		}
	}
	return out
}

// adminDone ends an administration action like done, with adminRefusal.
func (s *Server) adminDone(rq *request, err error, success, back string) {
	if err != nil && !errors.Is(err, identityapi.ErrSessionExpired) {
		rq.sess.AddFlash(adminRefusal(err))
		http.Redirect(rq.w, rq.r, back, http.StatusSeeOther)
		return
	}
	s.done(rq, err, success, back)
}

// sessionEnded sends an expired session to the login page (true), as done
// and failed do, for a form that shows its own refusal.
func (s *Server) sessionEnded(rq *request, err error) bool {
	if !errors.Is(err, identityapi.ErrSessionExpired) {
		return false
	}
	s.done(rq, err, "", "")
	return true
}

func init() {
	labels["admin_detail"] = map[string]string{
		"the unit still has active child units or active users; move or deactivate them first": "Không thể ngừng hoạt động: đơn vị còn đơn vị thuộc cơ quan hoặc người dùng đang hoạt động. Hãy chuyển hoặc ngừng hoạt động chúng trước.",
		"the unit is deactivated":                              "Đơn vị này đã ngừng hoạt động từ trước.",
		"an administrator cannot deactivate their own account": "Quản trị viên không thể tự khóa tài khoản của chính mình.",
		"an administrator cannot remove their own admin role":  "Quản trị viên không thể tự bỏ vai trò Quản trị của chính mình.",
		"the username is already taken":                        "Tên đăng nhập này đã có người dùng.",
		"the user is deactivated":                              "Tài khoản này đã bị khóa từ trước.",
	}
}
