package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// TestExpiredSession: when identity refuses the refresh (the refresh token
// expired or its family was revoked), the console ends the session and
// asks the user to sign in again, coming back to the same page.
func TestExpiredSession(t *testing.T) {
	b := newBrowser(t)
	sess := b.st.New(identityapi.Token{IdentityURL: b.up.srv.URL, AccessToken: "old", RefreshToken: "used",
		ExpiresAt: time.Now().Add(-time.Minute)}, session.User{ID: "u-ld", FullName: "Phạm Quốc Dũng"})
	u, _ := url.Parse(b.base)
	b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: sess.ID}})

	p := b.get("/tasks/t-over")
	if p.status != http.StatusSeeOther || p.location != "/login?expired=1&next="+url.QueryEscape("/tasks/t-over") {
		t.Fatalf("%d %q", p.status, p.location)
	}
	if _, ok := b.st.Get(sess.ID); ok {
		t.Fatal("the dead session is still held")
	}
	if login := b.get(p.location); login.status != http.StatusOK || !strings.Contains(login.body, "Phiên đăng nhập đã hết hạn") {
		t.Fatalf("login page: %d %s", login.status, login.body)
	}
}
