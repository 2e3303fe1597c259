package console

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticRoot embed.FS

var staticFS, _ = fs.Sub(staticRoot, "static")

// view is what every page template gets: the frame (user, bell, messages,
// CSRF token) and the page's own Data.
type view struct {
	Title   string
	Nav     string // which menu entry is current
	User    session.User
	CSRF    string
	Unread  int
	Flashes []session.Flash
	Units   map[string]identityapi.Unit
	Data    any
}

// Unit names a unit for people: its short name, else its name; "" for a
// unit the directory does not list (an id means nothing to a person).
func (v view) Unit(id string) string {
	if u, ok := v.Units[id]; ok {
		if u.ShortName != "" {
			return u.ShortName
		}
		return u.Name
	}
	return ""
}

// UnitList names units by their short names, leaving out unknown ones.
func (v view) UnitList(ids []string) string {
	var names []string
	for _, id := range ids {
		if n := v.Unit(id); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// UnitName is a unit's full name, "" when unknown.
func (v view) UnitName(id string) string {
	if u, ok := v.Units[id]; ok {
		return u.Name
	}
	return ""
}

// Can is true when the user holds role.
func (v view) Can(role string) bool { return v.User.HasRole(role) }

type errorPage struct {
	Heading string
	Text    string
	Details []string
}

type pages struct{ byName map[string]*template.Template }

// loadPages parses each page with the shared layout.
func loadPages() (*pages, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// renderStatus writes a page, buffered so that a template error becomes a
// 500 rather than half a page.
func (p *pages) renderStatus(w http.ResponseWriter, status int, name string, v view) {
	t, ok := p.byName[name]
	if !ok {
		http.Error(w, "không có trang "+name, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		http.Error(w, "Lỗi hiển thị trang: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// render is renderStatus for a signed-in page: it adds the frame.
func (s *Server) render(rq *request, status int, name, title string, data any) {
	v := view{Title: title, Nav: name, User: rq.sess.User, CSRF: rq.sess.CSRF, Data: data,
		Flashes: rq.sess.TakeFlashes(), Units: s.units(rq)}
	if n, err := rq.api.Notifications.UnreadCount(rq.ctx()); err == nil {
		v.Unread = n
	}
	s.pages.renderStatus(rq.w, status, name, v)
}
