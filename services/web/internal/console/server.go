// Package console is the web console for officials: server-rendered pages
// in Vietnamese over the four services' public APIs. It keeps no business
// data: identity keeps the sessions, the browser a handle.
package console

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// Config of the console.
type Config struct {
	URLs client.Endpoints
	HTTP *http.Client
	// SecureCookies marks cookies Secure even when the request came over
	// plain HTTP (the console behind a TLS-terminating proxy).
	SecureCookies bool
	// MaxAttachment is the upload limit shown and enforced (the documents
	// service's EOFFICE_MAX_ATTACHMENT_BYTES); 0 for its default.
	MaxAttachment int64
	// Transfer carries uploads and downloads, which stream through the
	// console and may outlast HTTP's timeout; nil for one that bounds only
	// the wait for the service's answer.
	Transfer *http.Client
	// TrustedProxies are the proxies in front of the console whose
	// X-Forwarded-For names the client (EOFFICE_WEB_TRUSTED_PROXIES); nil
	// trusts none.
	TrustedProxies []netip.Prefix
	// TransferTimeout replaces the server's read or write timeout for a
	// signed-in upload or download (0: httpx.DefaultTransferTimeout).
	TransferTimeout time.Duration
	// FlashKey signs the cookie of the next page's messages; every replica
	// needs the same (FlashKey of the client secret). Nil: a key of this
	// process.
	FlashKey []byte
	// APIURL is where integrators reach the services' APIs, the server of
	// the description at /api (EOFFICE_API_URL); "" names none ("/": the
	// host that serves the description).
	APIURL string
	Log    *slog.Logger
}

// Server serves the console.
type Server struct {
	cfg      Config
	sessions *session.Store
	pages    *pages
	api      *apiDoc // /api, rendered from apiRaw
	apiRaw   []byte  // /api/openapi.json
}

// New builds the console with its session store.
func New(cfg Config, store *session.Store) (*Server, error) {
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if len(cfg.FlashKey) == 0 {
		cfg.FlashKey = randomKey()
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	base := cfg.APIURL
	if base == "" {
		base = "/"
	}
	raw, err := apis.OpenAPI(base)
	if err != nil {
		return nil, err
	}
	doc, err := parseAPIDoc(raw)
	if err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, sessions: store, pages: p, api: doc, apiRaw: raw}, nil
}

const sessionCookie = "eoffice_session"

// cookieName is base with the __Host- prefix over https: a browser keeps
// such a cookie only when it is Secure, of this host and of path "/", so
// neither a subdomain nor a plain-http page can set or shadow it.
func (s *Server) cookieName(r *http.Request, base string) string {
	if s.secure(r) {
		return "__Host-" + base
	}
	return base
}

// Handler routes every page.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS)))
	mux.HandleFunc("GET /healthz", ok)
	mux.HandleFunc("GET /readyz", ok)
	mux.HandleFunc("GET /api", s.apiPage)
	mux.HandleFunc("GET /api/openapi.json", s.apiJSON)
	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.user(s.logout))
	mux.HandleFunc("GET /{$}", s.user(s.dashboard))
	mux.HandleFunc("GET /incoming", s.user(s.box("incoming")))
	mux.HandleFunc("GET /search", s.user(s.search))
	mux.HandleFunc("GET /incoming/paper", s.user(s.paperForm))
	mux.HandleFunc("POST /incoming/paper", s.user(s.registerPaper))
	mux.HandleFunc("GET /outgoing", s.user(s.box("outgoing")))
	mux.HandleFunc("GET /for_information", s.user(s.box("for_information")))
	mux.HandleFunc("GET /documents/new", s.user(s.draftForm))
	mux.HandleFunc("POST /documents", s.user(s.createDraft))
	mux.HandleFunc("GET /documents/{id}", s.user(s.document))
	mux.HandleFunc("POST /documents/{id}/{action}", s.user(s.documentAction))
	mux.HandleFunc("POST /documents/{id}/copies", s.user(s.makeCopy))
	mux.HandleFunc("GET /tasks", s.user(s.taskList))
	mux.HandleFunc("GET /tasks/{id}", s.user(s.task))
	mux.HandleFunc("POST /tasks/{id}/accept", s.user(s.acceptTask))
	mux.HandleFunc("POST /tasks/{id}/reports", s.user(s.report))
	mux.HandleFunc("POST /tasks/{id}/reports/{rid}/review", s.user(s.review))
	mux.HandleFunc("GET /notifications", s.user(s.notifications))
	mux.HandleFunc("POST /notifications/{id}/read", s.user(s.markRead))
	// Plans, progress, scoreboard, attachments.
	mux.HandleFunc("GET /plans", s.user(s.plans))
	mux.HandleFunc("GET /plans/new", s.user(s.planNew))
	mux.HandleFunc("POST /plans", s.user(s.savePlan))
	mux.HandleFunc("GET /plans/{id}/edit", s.user(s.planEdit))
	mux.HandleFunc("POST /plans/{id}", s.user(s.savePlan))
	mux.HandleFunc("GET /plans/{id}/progress", s.user(s.planProgress))
	mux.HandleFunc("GET /scoreboard", s.user(s.scoreboard))
	mux.HandleFunc("GET /registers", s.user(s.registers))
	mux.HandleFunc("GET /registers/file", s.user(s.registerFile))
	mux.HandleFunc("GET /statistics", s.user(s.statistics))
	mux.HandleFunc("GET /statistics/file", s.user(s.registerFile))
	mux.HandleFunc("GET /documents/{id}/attachments/{aid}", s.user(s.download))
	mux.HandleFunc("GET /documents/{id}/pdf", s.user(s.documentPDF))
	mux.HandleFunc("GET /exchange/packages/{id}/edxml", s.user(s.downloadEDXML))
	mux.HandleFunc("GET /exchange/packages", s.user(s.packages))
	mux.HandleFunc(packageRoute, s.uploadPackage) // checks session, CSRF and role itself, streaming
	mux.HandleFunc(uploadRoute, s.upload)         // checks session and CSRF itself, streaming
	// Delegation, extensions, administration.
	mux.HandleFunc("POST /tasks/{id}/delegate", s.user(s.delegate))
	mux.HandleFunc("POST /tasks/{id}/extension", s.user(s.requestExtension))
	mux.HandleFunc("POST /tasks/{id}/extension/decision", s.user(s.decideExtension))
	mux.HandleFunc("GET /admin", s.admin(s.adminUnits))
	mux.HandleFunc("GET /admin/units", s.admin(s.adminUnits))
	mux.HandleFunc("POST /admin/units", s.admin(s.adminCreateUnit))
	mux.HandleFunc("GET /admin/units/{id}", s.admin(s.adminUnit))
	mux.HandleFunc("POST /admin/units/{id}", s.admin(s.adminUpdateUnit))
	mux.HandleFunc("POST /admin/units/{id}/deactivate", s.admin(s.adminDeactivateUnit))
	mux.HandleFunc("GET /admin/users", s.admin(s.adminUsers))
	mux.HandleFunc("GET /admin/users/new", s.admin(s.adminNewUser))
	mux.HandleFunc("POST /admin/users", s.admin(s.adminCreateUser))
	mux.HandleFunc("GET /admin/users/{id}", s.admin(s.adminUser))
	mux.HandleFunc("POST /admin/users/{id}", s.admin(s.adminUpdateUser))
	mux.HandleFunc("POST /admin/users/{id}/deactivate", s.admin(s.adminDeactivateUser))
	mux.HandleFunc("GET "+signatureImageRoute, s.admin(s.signingImage(false)))
	mux.HandleFunc("POST "+signatureImageRoute, s.uploadImage(false)) // checks session, CSRF and role itself, streaming
	mux.HandleFunc("GET "+sealImageRoute, s.admin(s.signingImage(true)))
	mux.HandleFunc("POST "+sealImageRoute, s.uploadImage(true))
	mux.HandleFunc("GET /admin/organisations", s.admin(s.adminOrgs))
	mux.HandleFunc("POST /admin/organisations", s.admin(s.adminAddOrg))
	mux.HandleFunc("GET /admin/organisations/{code}", s.admin(s.adminOrg))
	mux.HandleFunc("POST /admin/organisations/{code}", s.admin(s.adminUpdateOrg))
	mux.HandleFunc(orgImportRoute, s.adminImportOrgs) // checks session, CSRF and role itself, streaming
	mux.HandleFunc("GET /admin/calendar", s.admin(s.adminCalendar))
	mux.HandleFunc("POST /admin/calendar", s.admin(s.adminSetCalendar))
	mux.HandleFunc("GET /admin/reminder-rules", s.admin(s.adminReminderRules))
	mux.HandleFunc("POST /admin/reminder-rules", s.admin(s.adminSetReminderRules))
	mux.HandleFunc("GET /admin/clients", s.admin(s.adminClients))
	mux.HandleFunc("POST /admin/clients", s.admin(s.adminCreateClient))
	// Authorisations (ủy quyền) and the agency's signing rules.
	mux.HandleFunc("GET /authorisations", s.user(s.authorisations))
	mux.HandleFunc("POST /authorisations", s.user(s.authorise))
	mux.HandleFunc("POST /authorisations/{id}/revoke", s.user(s.revokeAuthorisation))
	mux.HandleFunc("GET /signing-rules", s.user(s.signingRules))
	mux.HandleFunc("POST /signing-rules", s.user(s.setSigningRules))
	mux.HandleFunc("/", s.notFound)
	return s.securityHeaders(httpx.AllowTransfers(s.limitForms(mux), s.cfg.TransferTimeout))
}

func ok(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) }

// securityHeaders: no framing (clickjacking), no script, base or form
// target but ours, no sniffing; a page frames only this console (the
// document's PDF viewer, which alone lets itself be framed); over https, HSTS keeps the browser there.
func (s *Server) securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-src 'self'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		if s.secure(r) {
			w.Header().Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// request is one signed-in request: its session and an API client acting
// as the session's user.
type request struct {
	w    http.ResponseWriter
	r    *http.Request
	sess *session.Session
	api  *apis.Clients

	units map[string]identityapi.Unit // read once per request
}

func (rq *request) ctx() context.Context { return rq.r.Context() }

// user wraps a page that needs a signed-in user. On a POST the CSRF token
// is checked first: a forged request reaches no service.
func (s *Server) user(h func(*request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, err := s.current(r)
		if err != nil && !errors.Is(err, session.ErrNoSession) {
			// Identity could not be asked: not a reason to sign anyone out.
			s.cfg.Log.WarnContext(r.Context(), "session not resolved", "err", err)
			f := describe(err)
			s.pages.renderStatus(w, http.StatusBadGateway, "error", view{Title: "Có lỗi", Data: errorPage{Heading: f.Text, Details: f.Details}})
			return
		}
		if sess == nil {
			if r.Method != http.MethodGet {
				s.forbidden(w, r)
				return
			}
			target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
			if err != nil { // a cookie identity no longer knows
				s.clearSession(w, r)
				target = "/login?expired=1&next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		if r.Method != http.MethodGet {
			if !s.readForm(w, r) {
				return
			}
			if !sess.ValidCSRF(r.PostFormValue("csrf")) {
				s.forbidden(w, r)
				return
			}
		}
		h(&request{w: s.withFlashes(w, r, sess), r: r, sess: sess, api: apis.New(&client.Client{URLs: s.cfg.URLs, HTTP: s.cfg.HTTP, Tokens: sess})})
	}
}

// current is the request's session: nil and no error without a cookie,
// session.ErrNoSession for a cookie identity no longer knows.
func (s *Server) current(r *http.Request) (*session.Session, error) {
	c, err := r.Cookie(s.cookieName(r, sessionCookie))
	if err != nil || c.Value == "" {
		return nil, nil
	}
	return s.sessions.Get(r.Context(), c.Value)
}

// clearSession removes the session cookie from the browser.
func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r, sessionCookie), Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: -1, Expires: time.Unix(0, 0)})
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.pages.renderStatus(w, http.StatusForbidden, "error", view{Title: "Không được phép",
		Data: errorPage{Heading: "Yêu cầu bị từ chối", Text: "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại."}})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.pages.renderStatus(w, http.StatusNotFound, "error", view{Title: "Không tìm thấy",
		Data: errorPage{Heading: "Không tìm thấy trang", Text: "Địa chỉ này không tồn tại."}})
}

// failed shows an error that stops a page from rendering. An expired
// session goes back to the login page.
func (s *Server) failed(rq *request, err error) {
	if errors.Is(err, identityapi.ErrSessionExpired) {
		s.sessions.Forget(rq.sess.ID)
		http.Redirect(rq.w, rq.r, "/login?expired=1&next="+url.QueryEscape(rq.r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	f := describe(err)
	status := http.StatusBadGateway
	var p *client.Problem
	if errors.As(err, &p) && p.Status < 500 {
		status = p.Status
	}
	if status != http.StatusBadGateway {
		s.cfg.Log.InfoContext(rq.ctx(), "page refused", "path", rq.r.URL.Path, "status", status)
	} else {
		s.cfg.Log.WarnContext(rq.ctx(), "page failed", "path", rq.r.URL.Path, "err", err)
	}
	s.render(rq, status, "error", "Có lỗi", errorPage{Heading: f.Text, Details: f.Details})
}

// done ends an action: success or the API's refusal, as a message on the
// page the user returns to (post, redirect, get).
func (s *Server) done(rq *request, err error, success, back string) {
	if errors.Is(err, identityapi.ErrSessionExpired) {
		s.sessions.Forget(rq.sess.ID)
		http.Redirect(rq.w, rq.r, "/login?expired=1", http.StatusSeeOther)
		return
	}
	if err != nil {
		rq.sess.AddFlash(describe(err))
	} else {
		rq.sess.AddFlash(session.Flash{OK: true, Text: success})
	}
	http.Redirect(rq.w, rq.r, back, http.StatusSeeOther)
}

// localPath keeps a redirect target on this console: a path, with no
// scheme or host, no control character or backslash (browsers drop the
// first and read the second as "/", so "/\t/evil" and "/\evil" become
// "//evil", another site), neither as given nor once percent-decoded.
// Anything else falls back to the home page.
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil {
		return "/"
	}
	for _, v := range []string{p, u.Path} {
		if !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") || strings.ContainsFunc(v, unsafeInURL) {
			return "/"
		}
	}
	return p
}

func unsafeInURL(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' || unicode.IsControl(r) }
