package e2e

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestWebSessionsSharedAndKept: identity keeps the console's sessions
// (issue 20), so a sign-in through one console replica works on another,
// survives a restart of the first, and a sign-out on either ends it on
// both. The replicas are real processes beside a real stack; they ask
// identity on every page (EOFFICE_WEB_SESSION_CACHE=0s), so each step
// shows identity's state, not a cache's.
func TestWebSessionsSharedAndKept(t *testing.T) {
	s := startStack(t)
	t.Setenv("EOFFICE_WEB_SESSION_CACHE", "0s")
	t.Setenv("EOFFICE_TASKS_URL", s.tasks)
	t.Setenv("EOFFICE_NOTIFICATIONS_URL", s.notifications)
	a := startReplica(t, s, "web", 1)
	b := startReplica(t, s, "web", 2)

	signedIn := func(name, base string, u *webUser) bool {
		t.Helper()
		resp, err := u.hc.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var page strings.Builder
		_, _ = io.Copy(&page, resp.Body)
		switch {
		case resp.StatusCode == http.StatusOK && strings.Contains(page.String(), `action="/logout"`):
			return true
		case resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login"):
			return false
		}
		t.Fatalf("%s: %d %s", name, resp.StatusCode, page.String())
		return false
	}

	u := webLoginAs(t, a.url, "admin", s.adminPassword)
	cookies := u.hc.Jar.Cookies(mustURL(t, a.url))
	if len(cookies) != 1 || strings.Count(cookies[0].Value, ".") > 0 || len(cookies[0].Value) < 40 {
		t.Fatalf("cookies after sign-in: %v", cookies)
	}
	// The same cookie to console B (a cookie jar keeps cookies by host,
	// not port, as a browser behind one load-balanced name would).
	u.hc.Jar.SetCookies(mustURL(t, b.url), cookies)
	if !signedIn("console A", a.url, u) || !signedIn("console B, same cookie", b.url, u) {
		t.Fatal("the sign-in is not shared")
	}

	a.stop()
	a2 := startReplica(t, s, "web", 3)
	u.hc.Jar.SetCookies(mustURL(t, a2.url), cookies)
	if !signedIn("console A restarted", a2.url, u) {
		t.Fatal("a restart of the console signed the user out")
	}

	// Sign-out on B, then the same cookie again on A (B's answer removed
	// it from this browser: a copy of it, another tab's, a thief's).
	status, loc, _ := (&webUser{t: t, base: b.url, hc: u.hc, csrf: u.csrf}).post("/logout", url.Values{})
	if status != http.StatusSeeOther || loc != "/login?out=1" {
		t.Fatalf("sign-out on B: %d %q", status, loc)
	}
	u.hc.Jar.SetCookies(mustURL(t, a2.url), cookies)
	if signedIn("console A after sign-out on B", a2.url, u) {
		t.Fatal("a sign-out on one console left the session alive on another")
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
