package e2e

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// webUser is one browser on the web console: its own cookie jar, no
// automatic redirects (the test follows them and checks where they go).
type webUser struct {
	t    *testing.T
	base string
	hc   *http.Client
	csrf string
}

var webCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func webLogin(t *testing.T, base, username string) *webUser {
	t.Helper()
	return webLoginAs(t, base, username, password)
}

// webLoginAs signs in with another password (the administrator's).
func webLoginAs(t *testing.T, base, username, password string) *webUser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u := &webUser{t: t, base: base, hc: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, form := u.get("/login")
	status, loc, _ := u.post("/login", url.Values{"csrf": {u.field(form)}, "username": {username}, "password": {password}})
	if status != http.StatusSeeOther || loc != "/" {
		t.Fatalf("web login %s: %d %q", username, status, loc)
	}
	_, home := u.get("/")
	u.csrf = u.field(home)
	return u
}

func (u *webUser) field(page string) string {
	u.t.Helper()
	m := webCSRF.FindStringSubmatch(page)
	if m == nil {
		u.t.Fatalf("no CSRF field in %s", page)
	}
	return m[1]
}

func (u *webUser) get(path string) (int, string) {
	u.t.Helper()
	resp, err := u.hc.Get(u.base + path)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

func (u *webUser) post(path string, form url.Values) (int, string, string) {
	u.t.Helper()
	if u.csrf != "" && form.Get("csrf") == "" {
		form.Set("csrf", u.csrf)
	}
	resp, err := u.hc.PostForm(u.base+path, form)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(raw)
}

// act posts an action and checks that the page it returns to shows the
// success message.
func (u *webUser) act(path string, form url.Values, back, success string) string {
	u.t.Helper()
	status, loc, body := u.post(path, form)
	if status != http.StatusSeeOther || loc != back {
		u.t.Fatalf("POST %s: %d %q %s", path, status, loc, body)
	}
	_, page := u.get(back)
	if !strings.Contains(page, success) {
		u.t.Fatalf("after POST %s the page does not say %q:\n%s", path, success, page)
	}
	return page
}

// TestWebConsoleFlow drives the web console over HTTP as the officials
// would: a specialist drafts a directive, the leader approves it, the
// clerk issues it, the recipient department's leader finds the task on the
// dashboard ("Việc của tôi"), takes it on and reports it done, and the
// issuing leader accepts the report.
func TestWebConsoleFlow(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	summary := "Về việc tăng cường chuyển đổi số " + time.Now().Format("150405")
	due := time.Now().AddDate(0, 1, 0)

	cv := webLogin(t, s.web, "ubnd.chuyenvien")
	_, form := cv.get("/documents/new")
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form)
	if key == nil || !strings.Contains(form, `value="`+o.units["STTTT"].ID+`"`) {
		t.Fatalf("draft form has no key or no STTTT in the recipients picker:\n%s", form)
	}
	status, loc, body := cv.post("/documents", url.Values{"key": {key[1]}, "kind": {"directive"}, "summary": {summary},
		"body": {"Các sở, ngành triển khai…"}, "urgency": {"flash"}, "recipients": {o.units["STTTT"].ID},
		"due_date": {due.Format("2006-01-02")}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/documents/") {
		t.Fatalf("draft: %d %q %s", status, loc, body)
	}
	docPath := loc
	page := cv.act(docPath+"/submit", url.Values{}, docPath, "Đã trình ký.")
	if !strings.Contains(page, "Chờ ký") {
		t.Fatalf("submitted document is not shown as pending approval:\n%s", page)
	}
	// A second submit is refused by the documents service; the console says
	// why in Vietnamese.
	cv.act(docPath+"/submit", url.Values{}, docPath, "không cho phép thao tác này")

	ld := webLogin(t, s.web, "ubnd.lanhdao")
	// The seeded leader has no position, so counts as the head and signs
	// with their own mark ("Ký trực tiếp"); a deputy's KT. is refused.
	// Signing in the console asks for the signer's password; a wrong one
	// signs nothing.
	ld.act(docPath+"/approve", url.Values{"signing_mark": {""}, "password": {"not-the-password"}}, docPath, "Mật khẩu xác nhận không đúng")
	ld.act(docPath+"/approve", url.Values{"signing_mark": {""}, "password": {password}}, docPath, "Đã ký văn bản.")

	vt := webLogin(t, s.web, "ubnd.vanthu")
	page = vt.act(docPath+"/issue", url.Values{}, docPath, "Đã cấp số, phát hành văn bản.")
	if !regexp.MustCompile(`\d+/CT-`).MatchString(page) {
		t.Fatalf("issued document shows no notation:\n%s", page)
	}

	rcpt := webLogin(t, s.web, "stttt.lanhdao")
	var dash string
	eventually(t, 30*time.Second, "the task on the recipient leader's dashboard", func() bool {
		_, dash = rcpt.get("/")
		return strings.Contains(dash, summary) && strings.Contains(dash, "Đang thực hiện trong hạn")
	})
	if !strings.Contains(dash, due.Format("02/01/2006")) || !strings.Contains(dash, "Hỏa tốc") {
		t.Fatalf("dashboard lacks the due date as dd/mm/yyyy or the urgency:\n%s", dash)
	}
	eventually(t, 30*time.Second, "the incoming document and the bell", func() bool {
		_, dash = rcpt.get("/")
		return strings.Contains(dash, `data-unread="`) && strings.Contains(dash, summary)
	})

	// The recipient takes the task on and reports it done; the assigner
	// accepts the report; the task is completed on time.
	m := regexp.MustCompile(`<a href="(/tasks/[^"]+)">Xử lý [^<]*` + regexp.QuoteMeta(summary)).FindStringSubmatch(dash)
	if m == nil {
		m = regexp.MustCompile(`<a href="(/tasks/[^"]+)">[^<]*` + regexp.QuoteMeta(summary)).FindStringSubmatch(dash)
	}
	if m == nil {
		t.Fatalf("no link to the task on the dashboard:\n%s", dash)
	}
	taskPath := m[1]
	rcpt.act(taskPath+"/accept", url.Values{}, taskPath, "Đã nhận việc.")
	_, taskPage := rcpt.get(taskPath)
	reportKey := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(taskPage)
	if reportKey == nil {
		t.Fatalf("task page has no report form:\n%s", taskPage)
	}
	rcpt.act(taskPath+"/reports", url.Values{"key": {reportKey[1]}, "progress_percent": {"100"}, "summary": {"Đã triển khai xong"},
		"result": {"Kế hoạch đã ban hành"}, "final": {"on"}}, taskPath, "Đã gửi báo cáo.")
	_, taskPage = ld.get(taskPath)
	rm := regexp.MustCompile(`action="(` + regexp.QuoteMeta(taskPath) + `/reports/[^/"]+/review)"`).FindStringSubmatch(taskPage)
	if rm == nil {
		t.Fatalf("the assigner's task page offers no review:\n%s", taskPage)
	}
	page = ld.act(rm[1], url.Values{"decision": {"accepted"}, "comment": {"Tốt"}}, taskPath, "Đã chấp nhận báo cáo.")
	if !strings.Contains(page, "Hoàn thành đúng hạn") || !strings.Contains(page, "Đã triển khai xong") {
		t.Fatalf("after the review the task is not completed on time:\n%s", page)
	}

	status, _, _ = rcpt.post("/logout", url.Values{})
	if status != http.StatusSeeOther {
		t.Fatalf("logout: %d", status)
	}
	if status, _ := rcpt.get("/"); status != http.StatusSeeOther {
		t.Fatalf("after logout the dashboard answered %d", status)
	}
}
