package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestExpiredSession: when identity no longer knows the session (it idled
// out, its sign-in was revoked, the user signed out on another replica),
// the console clears the cookie and asks the user to sign in again,
// coming back to the same page.
func TestExpiredSession(t *testing.T) {
	b := newBrowser(t)
	b.login()
	b.up.mu.Lock()
	clear(b.up.sessions)
	b.up.mu.Unlock()

	p := b.get("/tasks/t-over")
	if p.status != http.StatusSeeOther || p.location != "/login?expired=1&next="+url.QueryEscape("/tasks/t-over") {
		t.Fatalf("%d %q", p.status, p.location)
	}
	if c := p.header.Get("Set-Cookie"); !strings.Contains(c, sessionCookie+"=;") || !strings.Contains(c, "Max-Age=0") {
		t.Fatalf("the dead cookie is kept: %q", c)
	}
	if login := b.get(p.location); login.status != http.StatusOK || !strings.Contains(login.body, "Phiên đăng nhập đã hết hạn") {
		t.Fatalf("login page: %d %s", login.status, login.body)
	}
}
