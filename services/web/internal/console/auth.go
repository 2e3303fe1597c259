package console

import (
	"context"
	"net/http"
	"strings"
	"time"

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
	if s.current(r) != nil {
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
	u, err := s.me(r.Context(), tok)
	if err != nil {
		p.Error = describe(err).Text
		s.showLogin(w, r, http.StatusBadGateway, p)
		return
	}
	sess := s.sessions.New(tok, u)
	s.cfg.Log.InfoContext(r.Context(), "signed in", "user_id", u.ID)
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

// me reads who the token belongs to.
func (s *Server) me(ctx context.Context, tok identityapi.Token) (session.User, error) {
	c := &client.Client{URLs: s.cfg.URLs, HTTP: s.cfg.HTTP, Tokens: staticToken(tok.AccessToken)}
	var u session.User
	err := c.Do(ctx, client.Identity, http.MethodGet, "/v1/me", nil, &u)
	return u, err
}

type staticToken string

func (t staticToken) AccessToken(context.Context) (string, error) { return string(t), nil }

// logout ends the session here and its sign-in at identity: the refresh
// token is revoked, so a copy of it (a log, a memory dump) refreshes
// nothing. A failed revocation is logged; the user is signed out anyway.
func (s *Server) logout(rq *request) {
	s.sessions.Delete(rq.sess.ID)
	if rt := rq.sess.RefreshToken(); rt != "" {
		if err := identityapi.RevokeToken(rq.ctx(), s.cfg.HTTP, s.cfg.URLs[client.Identity], rt); err != nil {
			s.cfg.Log.WarnContext(rq.ctx(), "sign-out: refresh token not revoked", "user_id", rq.sess.User.ID, "err", err)
		}
	}
	http.SetCookie(rq.w, &http.Cookie{Name: s.cookieName(rq.r, sessionCookie), Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure(rq.r), SameSite: http.SameSiteLaxMode, MaxAge: -1, Expires: time.Unix(0, 0)})
	http.Redirect(rq.w, rq.r, "/login?out=1", http.StatusSeeOther) // the page says so
}
