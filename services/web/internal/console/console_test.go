package console

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

type browser struct {
	t    *testing.T
	base string
	hc   *http.Client
	up   *upstream
	st   *session.Store
}

// newBrowser starts the console over a fake upstream; opts change its
// configuration.
func newBrowser(t *testing.T, opts ...func(*Config)) *browser {
	t.Helper()
	return openBrowser(t, httptest.NewServer, opts...)
}

// newTLSBrowser is newBrowser over https.
func newTLSBrowser(t *testing.T) *browser {
	t.Helper()
	return openBrowser(t, httptest.NewTLSServer)
}

func openBrowser(t *testing.T, start func(http.Handler) *httptest.Server, opts ...func(*Config)) *browser {
	t.Helper()
	up := newUpstream(t)
	st := session.NewStore(session.Config{URLs: up.endpoints(), HTTP: http.DefaultClient, Tokens: staticToken(consoleToken), Idle: time.Hour})
	cfg := Config{URLs: up.endpoints(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	web := start(srv.Handler())
	t.Cleanup(web.Close)
	hc := web.Client()
	hc.Jar, _ = cookiejar.New(nil)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &browser{t: t, base: web.URL, hc: hc, up: up, st: st}
}

type page struct {
	status   int
	location string
	body     string
	header   http.Header
}

func (b *browser) get(path string) page {
	b.t.Helper()
	resp, err := b.hc.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	resp, err := b.hc.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func read(t *testing.T, resp *http.Response) page {
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(raw), header: resp.Header}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, p page) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no CSRF field in page:\n%s", p.body)
	}
	return m[1]
}

// login signs in and returns the session's CSRF token.
func (b *browser) login() string {
	b.t.Helper()
	form := b.get("/login")
	p := b.post("/login", url.Values{"csrf": {csrfOf(b.t, form)}, "username": {"gd.stttt"},
		"password": {"dung-mat-khau-2026"}, "next": {"/tasks/t-over"}})
	if p.status != http.StatusSeeOther || p.location != "/tasks/t-over" {
		b.t.Fatalf("login: %d %q %s", p.status, p.location, p.body)
	}
	return csrfOf(b.t, b.get("/"))
}

// signIn posts the login form and returns the cookie called name that the
// answer sets (nil if none) and the answer.
func (b *browser) signIn(name string) (*http.Cookie, *http.Response) {
	b.t.Helper()
	form := b.get("/login")
	resp, err := b.hc.PostForm(b.base+"/login", url.Values{"csrf": {csrfOf(b.t, form)}, "username": {"gd.stttt"}, "password": {"dung-mat-khau-2026"}})
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c, resp
		}
	}
	return nil, resp
}

func TestLogin(t *testing.T) {
	t.Run("signed out pages send to the login form", func(t *testing.T) {
		b := newBrowser(t)
		p := b.get("/incoming?q=bão")
		if p.status != http.StatusSeeOther || p.location != "/login?next="+url.QueryEscape("/incoming?q=bão") {
			t.Fatalf("%d %q", p.status, p.location)
		}
	})
	t.Run("session cookie is httpOnly and SameSite, token never in the page", func(t *testing.T) {
		b := newBrowser(t)
		c, resp := b.signIn(sessionCookie)
		if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || strings.Contains(c.Value, "SECRET") {
			t.Fatalf("session cookie %+v", c)
		}
		if resp.Header.Get("Location") != "/" {
			t.Fatalf("redirect to %q, want /", resp.Header.Get("Location"))
		}
		home := b.get("/")
		if strings.Contains(home.body, "SECRET") || !strings.Contains(home.body, "Phạm Quốc Dũng") {
			t.Fatalf("home page: %s", home.body)
		}
		if b.up.liveSessions() != 1 {
			t.Fatalf("sessions: %d", b.up.liveSessions())
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		b := newBrowser(t)
		form := b.get("/login")
		p := b.post("/login", url.Values{"csrf": {csrfOf(t, form)}, "username": {"gd.stttt"}, "password": {"sai"}})
		if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
			t.Fatalf("%d %s", p.status, p.body)
		}
		if b.up.liveSessions() != 0 {
			t.Fatal("a session was created")
		}
	})
	t.Run("open redirect is refused", func(t *testing.T) {
		b := newBrowser(t)
		form := b.get("/login")
		p := b.post("/login", url.Values{"csrf": {csrfOf(t, form)}, "username": {"gd.stttt"}, "password": {"dung-mat-khau-2026"}, "next": {"//evil.example/x"}})
		if p.location != "/" {
			t.Fatalf("redirected to %q", p.location)
		}
	})
	t.Run("logout ends the session", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		p := b.post("/logout", url.Values{"csrf": {csrf}})
		if p.status != http.StatusSeeOther || p.location != "/login?out=1" || b.up.liveSessions() != 0 {
			t.Fatalf("%d %q sessions=%d", p.status, p.location, b.up.liveSessions())
		}
		if p := b.get(p.location); !strings.Contains(p.body, `<div class="flash ok" role="status"><p>Bạn đã đăng xuất.</p></div>`) {
			t.Errorf("the login page does not say the user signed out:\n%s", p.body)
		}
		if p := b.get("/"); p.status != http.StatusSeeOther {
			t.Fatalf("still signed in after logout: %d", p.status)
		}
	})
}

// TestLoginForwardsClient: the console tells identity whose login it is
// asking for, so that identity throttles the person's address and not the
// console's. A proxy's X-Forwarded-For counts only from a trusted proxy.
func TestLoginForwardsClient(t *testing.T) {
	tests := []struct {
		name    string
		trusted []netip.Prefix
		header  string // X-Forwarded-For the browser's request arrives with
		want    string
	}{
		{"the peer", nil, "", "127.0.0.1"},
		{"a header from an untrusted peer is ignored", nil, "203.0.113.9", "127.0.0.1"},
		{"a trusted proxy names the client", httpx.Loopback, "192.0.2.1, 203.0.113.9", "203.0.113.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, func(c *Config) { c.TrustedProxies = tt.trusted })
			form := b.get("/login")
			req, _ := http.NewRequest(http.MethodPost, b.base+"/login", strings.NewReader(url.Values{"csrf": {csrfOf(t, form)},
				"username": {"gd.stttt"}, "password": {"dung-mat-khau-2026"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.header != "" {
				req.Header.Set("X-Forwarded-For", tt.header)
			}
			resp, err := b.hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			if p := read(t, resp); p.status != http.StatusSeeOther {
				t.Fatalf("login: %d %s", p.status, p.body)
			}
			b.up.mu.Lock()
			defer b.up.mu.Unlock()
			if b.up.forwardedFor != tt.want {
				t.Fatalf("identity was told %q, want %q", b.up.forwardedFor, tt.want)
			}
		})
	}
}

// TestCSRF: a state-changing request without the session's token is
// refused with 403 and reaches no service.
func TestCSRF(t *testing.T) {
	tests := []struct {
		name, path string
		form       url.Values
	}{
		{"submit without token", "/documents/d-flash/submit", url.Values{}},
		{"approve with a wrong token", "/documents/d-flash/approve", url.Values{"csrf": {"wrong"}}},
		{"direct with another session's token", "/documents/d-flash/direct", url.Values{"csrf": {"OTHER"}, "lead_unit_id": {"ttbc"}}},
		{"draft without token", "/documents", url.Values{"summary": {"x"}}},
		{"report without token", "/tasks/t-over/reports", url.Values{"progress_percent": {"100"}, "summary": {"x"}}},
		{"review with an empty token", "/tasks/t-over/reports/r2/review", url.Values{"csrf": {""}, "decision": {"accepted"}}},
		{"mark read without token", "/notifications/n1/read", url.Values{}},
		{"logout without token", "/logout", url.Values{}},
	}
	b := newBrowser(t)
	other := newBrowser(t)
	otherCSRF := other.login()
	b.login()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.form.Get("csrf") == "OTHER" {
				tt.form.Set("csrf", otherCSRF)
			}
			p := b.post(tt.path, tt.form)
			if p.status != http.StatusForbidden || !strings.Contains(p.body, "Yêu cầu bị từ chối") {
				t.Fatalf("%d %s", p.status, p.body)
			}
		})
	}
	if sent := b.up.sent(); !slices.Equal(sent, []string{"POST /v1/token"}) {
		t.Fatalf("forged requests reached the services: %v", sent)
	}
	if b.up.liveSessions() != 1 {
		t.Fatal("a forged logout ended the session")
	}
	t.Run("login form without its cookie token", func(t *testing.T) {
		n := newBrowser(t)
		p := n.post("/login", url.Values{"csrf": {"x"}, "username": {"gd.stttt"}, "password": {"dung-mat-khau-2026"}})
		if p.status != http.StatusForbidden || len(n.up.sent()) != 0 {
			t.Fatalf("%d, sent %v", p.status, n.up.sent())
		}
	})
}

// TestActions: each action sends the right call and shows its success, or
// the service's refusal in Vietnamese.
func TestActions(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		form     url.Values
		refuse   *refusal
		call     string
		wantBody string // part of the JSON sent
		back     string
		wantText []string
	}{
		{"submit", "/documents/d-flash/submit", nil, nil, "POST /v1/documents/d-flash/submit", "", "/documents/d-flash", []string{"Đã trình ký."}},
		{"approve with a signing mark", "/documents/d-flash/approve", url.Values{"signing_mark": {"KT"}, "password": {"dung-mat-khau-2026"}}, nil, "POST /v1/documents/d-flash/approve", `"signing_mark":"KT"`, "/documents/d-flash", []string{"Đã ký văn bản."}},
		{"issue refused: wrong state", "/documents/d-flash/issue", nil, &refusal{409, `{"status":409,"title":"Conflict","detail":"document is issued","current_status":"issued"}`},
			"POST /v1/documents/d-flash/issue", "", "/documents/d-flash", []string{"Trạng thái hiện tại (Đã phát hành) không cho phép thao tác này.", "Chi tiết: document is issued"}},
		{"direct", "/documents/d-flash/direct", url.Values{"lead_unit_id": {"ttbc"}, "cooperating_unit_ids": {"stttt"}, "due_date": {"2026-12-01"}, "note": {"Khẩn trương"}}, nil,
			"POST /v1/documents/d-flash/direct", `"lead_unit_id":"ttbc","cooperating_unit_ids":["stttt"],"due_date":"2026-12-01","note":"Khẩn trương"`, "/documents/d-flash", []string{"Đã phân công xử lý"}},
		{"direct with a unit for information", "/documents/d-flash/direct", url.Values{"lead_unit_id": {"stttt"}, "informed_unit_ids": {"snv"}, "note": {"Sở TTTT chủ trì"}}, nil,
			"POST /v1/documents/d-flash/direct", `"lead_unit_id":"stttt","cooperating_unit_ids":[],"due_date":"","note":"Sở TTTT chủ trì","informed_unit_ids":["snv"]`, "/documents/d-flash", []string{"Đã phân công xử lý"}},
		{"forward", "/documents/d-flash/forward", url.Values{"to_user_id": {"u-cvp"}, "note": {"Kính chuyển"}}, nil,
			"POST /v1/documents/d-flash/forward", `{"to_user_id":"u-cvp","note":"Kính chuyển"}`, "/documents/d-flash", []string{"Đã chuyển văn bản."}},
		{"propose", "/documents/d-flash/propose", url.Values{"to_user_id": {"u-ct"}, "note": {"Đề xuất giao Sở TTTT"}}, nil,
			"POST /v1/documents/d-flash/propose", `{"to_user_id":"u-ct","note":"Đề xuất giao Sở TTTT"}`, "/documents/d-flash", []string{"Đã gửi đề xuất."}},
		{"assign to a division", "/documents/d-flash/assign", url.Values{"to_unit_id": {"ttbc"}, "to_user_id": {""}}, nil,
			"POST /v1/documents/d-flash/assign", `{"to_unit_id":"ttbc"}`, "/documents/d-flash", []string{"Đã giao xử lý."}},
		{"return with a reason", "/documents/d-flash/return", url.Values{"reason": {"Bổ sung số liệu"}}, nil,
			"POST /v1/documents/d-flash/return", `{"reason":"Bổ sung số liệu"}`, "/documents/d-flash", []string{"Đã trả lại văn bản."}},
		{"return refused: not the holder", "/documents/d-flash/return", url.Values{"reason": {"Bổ sung"}},
			&refusal{403, `{"status":403,"title":"Forbidden","detail":"only the person holding the document returns it"}`},
			"POST /v1/documents/d-flash/return", "", "/documents/d-flash", []string{"Chi tiết: only the person holding the document returns it"}},
		{"read", "/documents/d-flash/read", nil, nil, "POST /v1/documents/d-flash/read", "", "/documents/d-flash", []string{"Đã đánh dấu đã xem."}},
		{"direct to a lead person, with persons to cooperate and to inform", "/documents/d-flash/direct", url.Values{"lead": {"user:u-cv"},
			"cooperating_unit_ids": {"snv"}, "cooperating_user_ids": {"u-ld"}, "informed_user_ids": {"u-vt"}, "due_date": {"2026-12-01"}}, nil,
			"POST /v1/documents/d-flash/direct", `"lead_unit_id":"","cooperating_unit_ids":["snv"],"due_date":"2026-12-01","note":"","lead_user_id":"u-cv","cooperating_user_ids":["u-ld"],"informed_user_ids":["u-vt"]`, "/documents/d-flash", []string{"Đã phân công xử lý"}},
		{"direct to a lead unit from the routing form", "/documents/d-flash/direct", url.Values{"lead": {"unit:stttt"}, "due_date": {"2026-12-01"}}, nil,
			"POST /v1/documents/d-flash/direct", `"lead_unit_id":"stttt","cooperating_unit_ids":[],"due_date":"2026-12-01"`, "/documents/d-flash", []string{"Đã phân công xử lý"}},
		{"direct refused: bad field", "/documents/d-flash/direct", url.Values{"lead_unit_id": {""}}, &refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid direction","errors":[{"field":"due_date","message":"is required"}]}`},
			"POST /v1/documents/d-flash/direct", "", "/documents/d-flash", []string{"Thông tin chưa hợp lệ", "Hạn xử lý: bắt buộc nhập"}},
		{"revoke not allowed", "/documents/d-flash/revoke", url.Values{"reason": {"Sai sót"}}, &refusal{403, `{"status":403,"title":"Forbidden"}`},
			"POST /v1/documents/d-flash/revoke", `"reason":"Sai sót"`, "/documents/d-flash", []string{"Bạn không có quyền thực hiện thao tác này."}},
		{"report", "/tasks/t-over/reports", url.Values{"progress_percent": {"100"}, "summary": {"Xong"}, "final": {"on"}, "key": {"k1"}}, nil,
			"POST /v1/tasks/t-over/reports", `"final":true,"progress_percent":100,"summary":"Xong"`, "/tasks/t-over", []string{"Đã gửi báo cáo."}},
		{"review returned", "/tasks/t-over/reports/r2/review", url.Values{"decision": {"returned"}, "comment": {"Bổ sung"}}, nil,
			"POST /v1/tasks/t-over/reports/r2/review", `"decision":"returned","comment":"Bổ sung"`, "/tasks/t-over", []string{"Đã trả lại báo cáo."}},
		{"accept", "/tasks/t-over/accept", nil, nil, "POST /v1/tasks/t-over/accept", "", "/tasks/t-over", []string{"Đã nhận việc."}},
		{"mark read", "/notifications/n1/read", nil, nil, "POST /v1/notifications/n1/read", "", "/notifications", []string{"Đã đánh dấu là đã đọc."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			csrf := b.login()
			if tt.refuse != nil {
				b.up.refuse[tt.call] = *tt.refuse
			}
			form := url.Values{"csrf": {csrf}}
			for k, v := range tt.form {
				form[k] = v
			}
			p := b.post(tt.path, form)
			if p.status != http.StatusSeeOther || p.location != tt.back {
				t.Fatalf("%d %q %s", p.status, p.location, p.body)
			}
			if !slices.Contains(b.up.sent(), tt.call) {
				t.Fatalf("calls %v, want %s", b.up.sent(), tt.call)
			}
			if tt.wantBody != "" && !strings.Contains(b.up.body(tt.call), tt.wantBody) {
				t.Fatalf("sent %s, want it to contain %s", b.up.body(tt.call), tt.wantBody)
			}
			next := b.get(tt.back)
			for _, w := range tt.wantText {
				if !strings.Contains(next.body, w) {
					t.Errorf("page after the action lacks %q:\n%s", w, next.body)
				}
			}
			if again := b.get(tt.back); strings.Contains(again.body, tt.wantText[0]) {
				t.Errorf("the message %q was shown twice", tt.wantText[0])
			}
		})
	}
}

func TestDraft(t *testing.T) {
	t.Run("created", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		form := b.get("/documents/new")
		key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form.body)
		if key == nil || !strings.Contains(form.body, `name="recipients" value="snv"`) {
			t.Fatalf("draft form: %s", form.body)
		}
		p := b.post("/documents", url.Values{"csrf": {csrf}, "key": {key[1]}, "kind": {"directive"}, "summary": {"Về việc A"},
			"body": {"Nội dung"}, "urgency": {"urgent"}, "recipients": {"snv", "stttt"}, "due_date": {"2026-12-31"}})
		if p.status != http.StatusSeeOther || p.location != "/documents/d-new" {
			t.Fatalf("%d %q %s", p.status, p.location, p.body)
		}
		want := `{"kind":"directive","summary":"Về việc A","body":"Nội dung","urgency":"urgent","recipients":["snv","stttt"],"due_date":"2026-12-31"}`
		if got := b.up.body("POST /v1/documents"); got != want {
			t.Fatalf("sent %s\nwant %s", got, want)
		}
	})
	t.Run("refused: the form comes back with the values and the reason", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		b.up.refuse["POST /v1/documents"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid document","errors":[{"field":"summary","message":"is required"}]}`}
		p := b.post("/documents", url.Values{"csrf": {csrf}, "key": {"k"}, "kind": {"plan"}, "summary": {""}, "body": {"Giữ lại nội dung"}, "recipients": {"snv"}})
		for _, w := range []string{"Thông tin chưa hợp lệ", "Trích yếu: bắt buộc nhập", "Giữ lại nội dung", `value="snv" checked`, `<option value="plan" selected>`} {
			if !strings.Contains(p.body, w) {
				t.Errorf("lacks %q", w)
			}
		}
		if p.status != http.StatusBadRequest {
			t.Fatalf("status %d", p.status)
		}
	})
}
