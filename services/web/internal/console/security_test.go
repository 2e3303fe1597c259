package console

import (
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

var nextField = regexp.MustCompile(`name="next" value="([^"]*)"`)

// TestLoginRedirectTarget: the attack is a link to /login?next=<target>;
// after a successful sign-in the console must redirect only to one of its
// own pages, and the sign-in still succeeds when the target is refused.
func TestLoginRedirectTarget(t *testing.T) {
	tests := []struct {
		query string // the raw value of next in the link
		want  string
	}{
		{"/%09/evil.example", "/"},              // a tab browsers drop: //evil.example
		{"/%2509/evil.example", "/"},            // the same, percent-encoded once more
		{"//evil", "/"},                         // scheme-relative
		{"%2F%2Fevil", "/"},                     // the same, encoded
		{"/%5Cevil", "/"},                       // "/\evil": browsers read \ as /
		{"/%255Cevil", "/"},                     // "/%5Cevil" as given
		{"%5C%5Cevil", "/"},                     // "\\evil"
		{"/%0D%0ALocation:%20http://evil", "/"}, // header splitting
		{"/%7F", "/"},
		{"/%C2%85evil", "/"}, // a C1 control character
		{"https://evil", "/"},
		{"https:evil", "/"},
		{"HTTPS://evil", "/"},
		{"javascript:alert(1)", "/"},
		{"//user@evil", "/"},
		{"evil.example", "/"},
		{"", "/"},
		{"/tasks/t-over", "/tasks/t-over"},
		{"/incoming?q=b%C3%A3o", "/incoming?q=b%c3%a3o"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			b := newBrowser(t)
			form := b.get("/login?next=" + tt.query)
			m := nextField.FindStringSubmatch(form.body)
			if m == nil {
				t.Fatalf("no next field:\n%s", form.body)
			}
			p := b.post("/login", url.Values{"csrf": {csrfOf(t, form)}, "username": {"gd.stttt"},
				"password": {"dung-mat-khau-2026"}, "next": {html.UnescapeString(m[1])}})
			if p.status != http.StatusSeeOther || p.location != tt.want {
				t.Fatalf("%d, redirected to %q, want %q", p.status, p.location, tt.want)
			}
			if b.up.liveSessions() != 1 {
				t.Fatal("the sign-in did not succeed")
			}
		})
	}
}

// TestLocalPath covers targets that come straight in a forged form.
func TestLocalPath(t *testing.T) {
	for _, p := range []string{"/\t/evil.example", "/\\evil", "\\/evil", "/\r\n/evil", "/\x00", "/ok/\x1b", "//evil", "https://evil", "/%5Cevil", "/%09/evil"} {
		if got := localPath(p); got != "/" {
			t.Errorf("localPath(%q) = %q, want /", p, got)
		}
	}
	for _, p := range []string{"/", "/tasks/t-1", "/incoming?q=bão&page=2", "/documents/d-1#attachments"} {
		if got := localPath(p); got != p {
			t.Errorf("localPath(%q) = %q, want it kept", p, got)
		}
	}
}

// untouched is a request body that fails the test when read.
type untouched struct{ t *testing.T }

func (u untouched) Read([]byte) (int, error) {
	u.t.Error("the body was read")
	return 0, io.ErrUnexpectedEOF
}

// TestFormBodies: every POST but an upload takes only a small
// urlencoded form, read after the session check; a body of another type
// is a 415, one over the limit a 413, and neither reaches a service.
func TestFormBodies(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	post := func(path, contentType, body string) page {
		t.Helper()
		resp, err := b.hc.Post(b.base+path, contentType, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return read(t, resp)
	}
	big := url.Values{"csrf": {csrf}, "comment": {strings.Repeat("x", maxForm)}}.Encode()
	multipart := "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n--b--\r\n"
	tests := []struct {
		name, path, contentType, body string
		want                          int
	}{
		{"form over the limit", "/tasks/t-over/accept", "application/x-www-form-urlencoded", big, http.StatusRequestEntityTooLarge},
		{"JSON", "/tasks/t-over/accept", "application/json", `{"csrf":"` + csrf + `"}`, http.StatusUnsupportedMediaType},
		{"multipart outside uploads", "/tasks/t-over/accept", "multipart/form-data; boundary=b", multipart, http.StatusUnsupportedMediaType},
		{"text", "/notifications/n1/read", "text/plain", "csrf=" + csrf, http.StatusUnsupportedMediaType},
		{"a draft's text over its larger limit", "/documents", "application/x-www-form-urlencoded",
			url.Values{"csrf": {csrf}, "body": {strings.Repeat("ẫ", maxTextForm/9+1)}}.Encode(), http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p := post(tt.path, tt.contentType, tt.body); p.status != tt.want {
				t.Fatalf("%d, want %d: %s", p.status, tt.want, p.body)
			}
		})
	}
	if sent := b.up.sent(); !slices.Equal(sent, []string{"POST /v1/token"}) {
		t.Fatalf("refused bodies reached the services: %v", sent)
	}
	t.Run("a draft's long text is within its limit", func(t *testing.T) {
		p := post("/documents", "application/x-www-form-urlencoded", url.Values{"csrf": {csrf}, "key": {"k"}, "kind": {"directive"},
			"summary": {"Về việc A"}, "body": {strings.Repeat("ẫ", 50_000)}, "recipients": {"snv"}}.Encode())
		if p.status != http.StatusSeeOther {
			t.Fatalf("%d %s", p.status, p.body)
		}
	})
}

// TestLoginBody: the sign-in form is parsed only after its cookie is
// checked, a multipart body (once parsed to disk whatever its size) is a
// 415, and a body over the limit a 413; no attempt reaches identity.
func TestLoginBody(t *testing.T) {
	tests := []struct {
		name, contentType string
		body              func(csrf string) string
		want              int
	}{
		{"multipart", "multipart/form-data; boundary=b", func(csrf string) string {
			return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n" + strings.Repeat("x", 1<<20) + "\r\n--b--\r\n"
		}, http.StatusUnsupportedMediaType},
		{"over the limit", "application/x-www-form-urlencoded", func(csrf string) string {
			return url.Values{"csrf": {csrf}, "username": {"gd.stttt"}, "password": {"dung-mat-khau-2026"}, "pad": {strings.Repeat("x", maxForm)}}.Encode()
		}, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			csrf := csrfOf(t, b.get("/login"))
			resp, err := b.hc.Post(b.base+"/login", tt.contentType, strings.NewReader(tt.body(csrf)))
			if err != nil {
				t.Fatal(err)
			}
			if p := read(t, resp); p.status != tt.want {
				t.Fatalf("%d, want %d: %s", p.status, tt.want, p.body)
			}
			if len(b.up.sent()) != 0 || b.up.liveSessions() != 0 {
				t.Fatalf("sent %v, %d sessions", b.up.sent(), b.up.liveSessions())
			}
		})
	}
	t.Run("no sign-in cookie: refused unread", func(t *testing.T) {
		srv, err := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, session.NewStore(session.Config{HTTP: http.DefaultClient, Idle: time.Hour}))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/login", "/documents", "/tasks/t-1/reports"} {
			r := httptest.NewRequest(http.MethodPost, path, untouched{t})
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.ContentLength = 4 << 30
			w := httptest.NewRecorder()
			srv.Handler().ServeHTTP(w, r)
			if w.Code != http.StatusForbidden {
				t.Errorf("%s: %d, want 403", path, w.Code)
			}
		}
	})
}

// TestHTTPSCookiesAndHeaders: over https the cookies carry the __Host-
// prefix (Secure, path /, no domain: no subdomain can plant or shadow
// them) and HSTS is sent; every page has a CSP that pins base and form
// targets.
func TestHTTPSCookiesAndHeaders(t *testing.T) {
	b := newTLSBrowser(t)
	form := b.get("/login")
	if hsts := form.header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("HSTS %q", hsts)
	}
	sess, resp := b.signIn("__Host-" + sessionCookie)
	if sess == nil || !sess.Secure || sess.Path != "/" || sess.Domain != "" || !sess.HttpOnly {
		t.Fatalf("session cookie %+v in %v", sess, resp.Cookies())
	}
	if p := b.get("/"); p.status != http.StatusOK {
		t.Fatalf("not signed in over https: %d", p.status)
	}
	// A cookie without the prefix (one a subdomain could set) is no session.
	other := *b
	other.hc = &http.Client{Transport: b.hc.Transport, CheckRedirect: b.hc.CheckRedirect}
	other.hc.Jar, _ = cookiejar.New(nil)
	u, _ := url.Parse(b.base)
	other.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: sess.Value}})
	if p := other.get("/"); p.status != http.StatusSeeOther {
		t.Fatalf("an unprefixed cookie was taken: %d", p.status)
	}

	plain := newBrowser(t)
	p := plain.get("/login")
	if p.header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain http")
	}
	for _, page := range []page{form, p} {
		csp := page.header.Get("Content-Security-Policy")
		for _, want := range []string{"base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %s", csp, want)
			}
		}
	}
}

// TestLogoutEndsTheSession: signing out ends the session at identity
// (which revokes its sign-in), so the cookie is dead on every replica; a
// failed call still clears the browser's cookie.
func TestLogoutEndsTheSession(t *testing.T) {
	for _, fail := range []bool{false, true} {
		b := newBrowser(t)
		csrf := b.login()
		if fail {
			b.up.refuse["POST /v1/console/sessions/end"] = refusal{503, `{"status":503}`}
		}
		c, _ := url.Parse(b.base)
		handle := b.hc.Jar.Cookies(c)[0].Value
		p := b.post("/logout", url.Values{"csrf": {csrf}})
		if p.status != http.StatusSeeOther || (!fail && b.up.liveSessions() != 0) {
			t.Fatalf("%d, %d sessions", p.status, b.up.liveSessions())
		}
		if !slices.Contains(b.up.sent(), "POST /v1/console/sessions/end") || !strings.Contains(b.up.body("POST /v1/console/sessions/end"), handle) {
			t.Fatalf("calls %v: the session was not ended at identity", b.up.sent())
		}
		if slices.Contains(b.up.sent(), "POST /v1/token/revoke") {
			t.Fatal("the console revoked a refresh token it should not hold")
		}
		if got := b.get("/"); got.status != http.StatusSeeOther {
			t.Fatalf("fail=%v: still signed in: %d", fail, got.status)
		}
	}
}
