package console

import (
	"context"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// loginCookie carries the login form's CSRF token before there is a
// session (double submit: a forged login cannot read it).
const loginCookie = "eoffice_login"

type loginPage struct {
	Next, Username, Error, CSRF string
	Expired, LoggedOut          bool
}

func (s *Server) secure(r *http.Request) bool { return s.cfg.SecureCookies || r.TLS != nil }

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if sess, _ := s.current(r); sess != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.showLogin(w, r, http.StatusOK, loginPage{Next: r.URL.Query().Get("next"), Expired: r.URL.Query().Get("expired") != "",
		LoggedOut: r.URL.Query().Get("out") != ""})
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, p loginPage) {
	p.CSRF = session.RandomToken()
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r, loginCookie), Value: p.CSRF, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	s.pages.renderStatus(w, status, "login", view{Title: "Đăng nhập", Data: p})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(s.cookieName(r, loginCookie))
	if err != nil {
		s.forbidden(w, r)
		return
	}
	if !s.readForm(w, r) {
		return
	}
	if !(&session.Session{CSRF: c.Value}).ValidCSRF(r.PostFormValue("csrf")) {
		s.forbidden(w, r)
		return
	}
	p := loginPage{Next: r.PostFormValue("next"), Username: strings.TrimSpace(r.PostFormValue("username"))}
	password := r.PostFormValue("password")
	if p.Username == "" || password == "" {
		p.Error = "Vui lòng nhập tên đăng nhập và mật khẩu."
		s.showLogin(w, r, http.StatusBadRequest, p)
		return
	}
	tok, err := identityapi.PasswordGrant(s.forClient(r), s.cfg.HTTP, s.cfg.URLs[client.Identity], p.Username, password)
	if err != nil {
		p.Error = describe(err).Text
		s.showLogin(w, r, http.StatusUnauthorized, p)
		return
	}
	sess, err := s.sessions.New(r.Context(), tok)
	if err != nil {
		// The sign-in must not outlive a session that was never made.
		if rerr := identityapi.RevokeToken(r.Context(), s.cfg.HTTP, s.cfg.URLs[client.Identity], tok.RefreshToken); rerr != nil {
			s.cfg.Log.WarnContext(r.Context(), "sign-in without a session: refresh token not revoked", "err", rerr)
		}
		s.cfg.Log.WarnContext(r.Context(), "session not created", "err", err)
		p.Error = describe(err).Text
		s.showLogin(w, r, http.StatusBadGateway, p)
		return
	}
	s.cfg.Log.InfoContext(r.Context(), "signed in", "user_id", sess.User.ID)
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r, loginCookie), Path: "/", Secure: s.secure(r), MaxAge: -1})
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r, sessionCookie), Value: sess.ID, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(p.Next), http.StatusSeeOther)
}

// forClient is r's context with the person's address to pass on to
// identity: its login throttling must count the person, not the console
// every official signs in through.
func (s *Server) forClient(r *http.Request) context.Context {
	return identityapi.ForwardedFor(r.Context(), httpx.ClientAddr(r, s.cfg.TrustedProxies))
}

// logout ends the session at identity, which revokes its sign-in's
// refresh tokens: the cookie is dead on every replica from the next page
// (within the session cache's few seconds elsewhere). A failure is
// logged; the browser's cookie goes anyway.
func (s *Server) logout(rq *request) {
	if err := s.sessions.Delete(rq.ctx(), rq.sess.ID, false); err != nil {
		s.cfg.Log.WarnContext(rq.ctx(), "sign-out: session not ended at identity", "user_id", rq.sess.User.ID, "err", err)
	}
	s.clearSession(rq.w, rq.r)
	http.Redirect(rq.w, rq.r, "/login?out=1", http.StatusSeeOther) // the page says so
}
