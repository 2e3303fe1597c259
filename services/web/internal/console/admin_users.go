package console

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

const adminUsersPage = "50"

// adminUsers lists people, newest first, a page at a time; identity
// filters by unit (it has no search by name).
func (s *Server) adminUsers(rq *request) {
	in := rq.r.URL.Query()
	unit := in.Get("unit_id")
	q := url.Values{"limit": {adminUsersPage}}
	if unit != "" {
		q.Set("unit_id", unit)
	}
	if c := in.Get("cursor"); c != "" {
		q.Set("cursor", c)
	}
	page, err := rq.api.Identity.Users(rq.ctx(), q)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p := adminPage{Page: "users", Users: page.Items, UnitFilter: unit}
	if page.NextCursor != "" {
		next := url.Values{"cursor": {page.NextCursor}}
		if unit != "" {
			next.Set("unit_id", unit)
		}
		p.Next = template.URL("/admin/users?" + next.Encode())
	}
	s.showAdmin(rq, http.StatusOK, "Quản trị · Người dùng", p)
}

func (s *Server) adminNewUser(rq *request) {
	s.showAdmin(rq, http.StatusOK, "Quản trị · Thêm người dùng", adminPage{Page: "user",
		User: identityapi.User{UnitID: identityapi.Optional(rq.r.URL.Query().Get("unit_id")), Roles: []string{"specialist"}, Active: true}})
}

// userForm reads the fields the create and edit forms share.
func userForm(f url.Values) identityapi.User {
	return identityapi.User{FullName: strings.TrimSpace(f.Get("full_name")), Email: strings.TrimSpace(f.Get("email")),
		UnitID: identityapi.Optional(f.Get("unit_id")), Roles: f["roles"], Title: strings.TrimSpace(f.Get("title")),
		Position: identityapi.Optional(f.Get("position")), Active: true}
}

func (s *Server) adminCreateUser(rq *request) {
	f := rq.r.PostForm
	u := userForm(f)
	u.Username = strings.TrimSpace(f.Get("username"))
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	made, err := rq.api.Identity.CreateUser(rq.ctx(), identityapi.NewUser{Username: u.Username, FullName: u.FullName, Email: u.Email,
		UnitID: string(u.UnitID), Roles: roles, Password: f.Get("password"), Title: u.Title, Position: string(u.Position)})
	if err != nil {
		if !s.sessionEnded(rq, err) {
			fl := adminRefusal(err) // the password is not sent back to the page
			s.showAdmin(rq, statusOf(err), "Quản trị · Thêm người dùng", adminPage{Page: "user", User: u, Error: &fl})
		}
		return
	}
	s.done(rq, nil, "Đã tạo tài khoản "+made.Username+" cho "+made.FullName+".", "/admin/users/"+url.PathEscape(made.ID))
}

func (s *Server) adminUser(rq *request) {
	u, err := rq.api.Identity.User(rq.ctx(), rq.r.PathValue("id"))
	if err != nil {
		s.failed(rq, err)
		return
	}
	s.showAdmin(rq, http.StatusOK, "Quản trị · "+u.FullName, adminPage{Page: "user", User: u, Image: s.imageOf(rq, false, u.ID)})
}

// adminUpdateUser saves name, e-mail, unit, roles, title and position
// together.
func (s *Server) adminUpdateUser(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	u := userForm(f)
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	p := identityapi.UserPatch{FullName: &u.FullName, Email: &u.Email, Roles: &roles, Title: &u.Title}
	if f.Has("position") { // "" clears it
		position := string(u.Position)
		p.Position = &position
	}
	if u.UnitID != "" { // the bootstrap administrator has none, and keeps none
		unit := string(u.UnitID)
		p.UnitID = &unit
	}
	saved, err := rq.api.Identity.UpdateUser(rq.ctx(), id, p)
	if err != nil {
		if !s.sessionEnded(rq, err) {
			fl := adminRefusal(err)
			u.ID, u.Username = id, f.Get("username")
			s.showAdmin(rq, statusOf(err), "Quản trị · "+u.FullName, adminPage{Page: "user", User: u, Error: &fl})
		}
		return
	}
	s.done(rq, nil, "Đã lưu tài khoản "+saved.Username+".", "/admin/users/"+url.PathEscape(id))
}

// adminDeactivateUser stops a person signing in; tokens already issued
// die at expiry.
func (s *Server) adminDeactivateUser(rq *request) {
	id := rq.r.PathValue("id")
	err := rq.api.Identity.DeactivateUser(rq.ctx(), id)
	s.adminDone(rq, err, "Đã khóa tài khoản; người này không đăng nhập được nữa.", "/admin/users/"+url.PathEscape(id))
}
