package console

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestScreenshots renders the exchange pages over the sample data in
// headless Chromium, for a person to look at: set EOFFICE_SCREENSHOTS to a
// folder (and CHROMIUM_PATH if chromium is not /usr/bin/chromium). A proxy
// in front of the console adds the signed-in session's cookie, which
// Chromium's command line cannot.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("EOFFICE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set EOFFICE_SCREENSHOTS to a folder to take screenshots")
	}
	chromium := os.Getenv("CHROMIUM_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	leader := newBrowser(t)
	leader.login()
	clerk, _ := clerkBrowser(t)
	admin, _ := adminBrowser(t)
	shots := []struct {
		b          *browser
		name, path string
	}{
		{leader, "incoming", "/incoming?q=ngoai"},
		{leader, "document-external", "/documents/d-extout"},
		{leader, "draft", "/documents/new"},
		{clerk, "document-exchange", "/documents/d-ex"},
		{clerk, "paper", "/incoming/paper"},
		{clerk, "packages", "/exchange/packages"},
		{admin, "organisations", "/admin/organisations"},
		{admin, "calendar", "/admin/calendar?year=2026"},
		{leader, "task-delegation", "/tasks/t-deleg"},
		{leader, "statistics", "/statistics?from=01/01/2026&to=31/12/2026"},
		{leader, "register", "/registers?book=incoming&year=2026"},
		{leader, "register-page-2", "/registers?book=incoming&year=2026&cursor=p2"},
	}
	for _, s := range shots {
		base, _ := url.Parse(s.b.base)
		cookies := s.b.hc.Jar.Cookies(base)
		proxy := httputil.NewSingleHostReverseProxy(base)
		director := proxy.Director
		proxy.Director = func(r *http.Request) {
			director(r)
			for _, c := range cookies {
				r.AddCookie(c)
			}
		}
		front := httptest.NewServer(proxy)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		out := filepath.Join(dir, s.name+".png")
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
			"--window-size=1280,2000", "--screenshot="+out, front.URL+s.path)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", s.name, err, msg)
		}
		cancel()
		front.Close()
	}
}
