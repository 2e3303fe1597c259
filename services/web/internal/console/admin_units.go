package console

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// adminUnits is the unit tree with the create form.
func (s *Server) adminUnits(rq *request) {
	s.showAdmin(rq, http.StatusOK, "Quản trị · Đơn vị", adminPage{Page: "units",
		NewUnit: identityapi.NewUnit{Kind: "division", ParentID: rq.r.URL.Query().Get("parent_id")}})
}

func (s *Server) adminCreateUnit(rq *request) {
	f := rq.r.PostForm
	n := identityapi.NewUnit{Kind: f.Get("kind"), Name: strings.TrimSpace(f.Get("name")), ShortName: strings.TrimSpace(f.Get("short_name")),
		Code: strings.TrimSpace(f.Get("code")), ParentID: f.Get("parent_id")}
	if n.Kind == "agency" { // a division dates and signs as its agency
		n.PlaceName, n.Regime = strings.TrimSpace(f.Get("place_name")), f.Get("regime")
		n.HeadTitle, n.CollectiveName = strings.TrimSpace(f.Get("head_title")), strings.TrimSpace(f.Get("collective_name"))
	}
	u, err := rq.api.Identity.CreateUnit(rq.ctx(), n)
	if err != nil {
		if !s.sessionEnded(rq, err) {
			fl := adminRefusal(err)
			s.showAdmin(rq, statusOf(err), "Quản trị · Đơn vị", adminPage{Page: "units", NewUnit: n, Error: &fl})
		}
		return
	}
	s.done(rq, nil, "Đã tạo đơn vị "+u.Name+".", "/admin/units")
}

// adminUnit is one unit's edit form and its deactivation.
func (s *Server) adminUnit(rq *request) {
	u, ok := s.units(rq)[rq.r.PathValue("id")]
	if !ok {
		s.notFound(rq.w, rq.r)
		return
	}
	p := adminPage{Page: "unit", Unit: u}
	if u.Kind == "agency" {
		p.Image = s.imageOf(rq, true, u.ID)
	}
	s.showAdmin(rq, http.StatusOK, "Quản trị · "+u.Name, p)
}

func (s *Server) adminUpdateUnit(rq *request) {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	name, short, code := strings.TrimSpace(f.Get("name")), strings.TrimSpace(f.Get("short_name")), strings.TrimSpace(f.Get("code"))
	p := identityapi.UnitPatch{Name: &name, ShortName: &short}
	if code != "" { // a code once given is changed, not removed
		p.Code = &code
	}
	// Only an agency's form has its facts; an empty one clears the fact.
	facts := agencyFacts(f)
	if f.Has("place_name") {
		p.PlaceName, p.Regime, p.HeadTitle, p.CollectiveName = &facts[0], &facts[1], &facts[2], &facts[3]
	}
	u, err := rq.api.Identity.UpdateUnit(rq.ctx(), id, p)
	if err != nil {
		if !s.sessionEnded(rq, err) {
			fl := adminRefusal(err)
			old := s.units(rq)[id]
			old.Name, old.ShortName, old.Code = name, short, identityapi.Optional(code)
			if f.Has("place_name") {
				old.PlaceName, old.Regime = identityapi.Optional(facts[0]), identityapi.Optional(facts[1])
				old.HeadTitle, old.CollectiveName = identityapi.Optional(facts[2]), identityapi.Optional(facts[3])
			}
			s.showAdmin(rq, statusOf(err), "Quản trị · "+name, adminPage{Page: "unit", Unit: old, Error: &fl})
		}
		return
	}
	s.done(rq, nil, "Đã lưu đơn vị "+u.Name+".", "/admin/units")
}

// agencyFacts reads an agency's place name, regime, head title and
// collective name from its form, in that order.
func agencyFacts(f url.Values) [4]string {
	return [4]string{strings.TrimSpace(f.Get("place_name")), f.Get("regime"), strings.TrimSpace(f.Get("head_title")),
		strings.TrimSpace(f.Get("collective_name"))}
}

// adminDeactivateUnit closes a unit; identity refuses (409) while it has
// active child units or people, and the page names how many.
func (s *Server) adminDeactivateUnit(rq *request) {
	id := rq.r.PathValue("id")
	u, err := rq.api.Identity.DeactivateUnit(rq.ctx(), id)
	s.adminDone(rq, err, "Đã ngừng hoạt động đơn vị "+u.Name+".", "/admin/units")
}
