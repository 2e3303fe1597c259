package console

import (
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// adminClients is the registration form of integration clients. Identity
// has no list of clients, so the page says to keep each client id.
func (s *Server) adminClients(rq *request) {
	s.showAdmin(rq, http.StatusOK, "Quản trị · Ứng dụng tích hợp", adminPage{Page: "clients", Scopes: auth.Scopes})
}

// adminCreateClient registers a client and shows its secret in this one
// answer (no redirect, no flash: the secret is kept nowhere, not even in
// the session, and the page is not cached).
func (s *Server) adminCreateClient(rq *request) {
	f := rq.r.PostForm
	n := identityapi.NewClient{Name: strings.TrimSpace(f.Get("name")), Scopes: f["scopes"]}
	if n.Scopes == nil {
		n.Scopes = []string{}
	}
	p := adminPage{Page: "clients", Scopes: auth.Scopes, Client: n}
	made, err := rq.api.Identity.CreateClient(rq.ctx(), n)
	if err != nil {
		if !s.sessionEnded(rq, err) {
			fl := adminRefusal(err)
			p.Error = &fl
			s.showAdmin(rq, statusOf(err), "Quản trị · Ứng dụng tích hợp", p)
		}
		return
	}
	s.cfg.Log.InfoContext(rq.ctx(), "integration client registered", "client_id", made.ClientID)
	p.Created, p.Client = &made, identityapi.NewClient{}
	s.showAdmin(rq, http.StatusCreated, "Quản trị · Ứng dụng tích hợp", p)
}
