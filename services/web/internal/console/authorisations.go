package console

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

type authorisationsPage struct {
	Items []authorisationRow
	// CanGrant: a head may authorise; Grantees are the people of their
	// agency they may name.
	CanGrant bool
	Grantees []identityapi.User
	Kinds    []string
	Today    string
	Key      string
	Error    string
}

// authorisationRow is an authorisation with its state for people: in
// force, not yet in force, expired or revoked.
type authorisationRow struct {
	documentsapi.Authorisation
	State     string
	Revocable bool
}

// grants is whether the console offers u the authorisation form: the
// agency's head (a leader whose position is unset counts as the head) or
// its acting head. The service decides.
func grants(u session.User) bool {
	switch u.Position {
	case "head", "acting_head":
		return true
	case "":
		return u.HasRole("leader")
	}
	return false
}

func authorisationState(a documentsapi.Authorisation, today string) string {
	switch {
	case a.RevokedAt != nil:
		return "revoked"
	case a.InForce:
		return "in_force"
	case a.To < today:
		return "expired"
	default:
		return "pending"
	}
}

func (s *Server) authorisations(rq *request) {
	list, err := rq.api.Documents.Authorisations(rq.ctx())
	if err != nil {
		s.failed(rq, err)
		return
	}
	p := authorisationsPage{CanGrant: grants(rq.sess.User), Kinds: draftKinds, Today: today(), Key: session.RandomToken()}
	for _, a := range list {
		st := authorisationState(a, p.Today)
		p.Items = append(p.Items, authorisationRow{Authorisation: a, State: st,
			Revocable: a.GrantorID == rq.sess.User.ID && (st == "in_force" || st == "pending")})
	}
	if p.CanGrant {
		p.Grantees = s.agencyPeople(rq)
	}
	s.render(rq, http.StatusOK, "authorisations", "Ủy quyền", p)
}

// agencyPeople are the active people of the signed-in user's agency and its
// divisions, but the user, by name.
func (s *Server) agencyPeople(rq *request) []identityapi.User {
	units := s.units(rq)
	agency := agencyOf(units, rq.sess.User.UnitID)
	var out []identityapi.User
	for _, u := range units {
		if u.Active && agencyOf(units, u.ID) == agency {
			for _, p := range s.activePeople(rq, u.ID) {
				if p.ID != rq.sess.User.ID {
					out = append(out, p)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].FullName) < strings.ToLower(out[j].FullName) })
	return out
}

func (s *Server) authorise(rq *request) {
	f := rq.r.PostForm
	a := documentsapi.NewAuthorisation{GranteeID: f.Get("grantee_id"), From: f.Get("from"), To: f.Get("to"),
		Kinds: f["kinds"], Scope: f.Get("scope"), Note: strings.TrimSpace(f.Get("note"))}
	if a.Kinds == nil {
		a.Kinds = []string{}
	}
	_, err := rq.api.Documents.Authorise(rq.ctx(), a, f.Get("key"))
	s.done(rq, err, "Đã ủy quyền.", "/authorisations")
}

func (s *Server) revokeAuthorisation(rq *request) {
	_, err := rq.api.Documents.RevokeAuthorisation(rq.ctx(), rq.r.PathValue("id"))
	s.done(rq, err, "Đã thu hồi ủy quyền.", "/authorisations")
}

type signingRulesPage struct {
	Agency   identityapi.Unit
	Agencies []identityapi.Unit // an administrator picks the agency
	Kinds    []string
	TLKinds  []string
	Error    string
}

// agencyFor is the agency whose rules the page shows: the one asked for
// (an administrator's choice), else the user's own.
func (s *Server) agencyFor(rq *request, asked string) identityapi.Unit {
	units := s.units(rq)
	if u, ok := units[asked]; ok && u.Kind == "agency" {
		return u
	}
	return units[agencyOf(units, rq.sess.User.UnitID)]
}

// signingRules shows which kinds the agency's office and division heads
// sign TL. (thừa lệnh) for its head; administrators and heads set them.
func (s *Server) signingRules(rq *request) {
	if !rq.sess.User.HasRole("admin") && !grants(rq.sess.User) {
		s.forbidden(rq.w, rq.r)
		return
	}
	ag := s.agencyFor(rq, rq.r.URL.Query().Get("agency"))
	p := signingRulesPage{Agency: ag, Kinds: draftKinds}
	if rq.sess.User.HasRole("admin") {
		for _, u := range s.units(rq) {
			if u.Kind == "agency" && u.Active {
				p.Agencies = append(p.Agencies, u)
			}
		}
		sort.Slice(p.Agencies, func(i, j int) bool { return p.Agencies[i].Name < p.Agencies[j].Name })
	}
	if ag.ID != "" {
		r, err := rq.api.Documents.SigningRules(rq.ctx(), ag.ID)
		if err != nil {
			s.failed(rq, err)
			return
		}
		p.TLKinds = r.TLKinds
	}
	s.render(rq, http.StatusOK, "signing_rules", "Quy định ký thừa lệnh", p)
}

func (s *Server) setSigningRules(rq *request) {
	f := rq.r.PostForm
	ag := s.agencyFor(rq, f.Get("agency"))
	kinds := f["tl_kinds"]
	if kinds == nil {
		kinds = []string{}
	}
	_, err := rq.api.Documents.SetSigningRules(rq.ctx(), ag.ID, documentsapi.SigningRules{TLKinds: kinds})
	s.done(rq, err, "Đã lưu quy định ký thừa lệnh.", "/signing-rules?agency="+url.QueryEscape(ag.ID))
}
