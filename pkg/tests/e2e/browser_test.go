package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// browserTestDir is services/web/browsertest: the story script and its
// pinned playwright-core.
func browserTestDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "services", "web", "browsertest")
}

// needBrowser finds node and chromium, and installs playwright-core with
// `npm ci` when node_modules is missing. Without them the test is skipped,
// unless EOFFICE_REQUIRE_BROWSER=1 (CI) makes that a failure.
func needBrowser(t *testing.T, dir string) (node, chromium string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("EOFFICE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("browser tests required (EOFFICE_REQUIRE_BROWSER=1): %s", msg)
		}
		t.Skipf("browser test skipped: %s (needs /usr/bin/chromium from apt-get install chromium, and node 20+ with npm; EOFFICE_REQUIRE_BROWSER=1 makes this a failure)", msg)
	}
	chromium = os.Getenv("CHROMIUM_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		missing("no chromium at %s", chromium)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH")
	}
	// playwright-core wants node 20 or later (Debian 12's nodejs is 18).
	v, err := exec.Command(node, "-p", "process.versions.node.split('.')[0]").Output()
	if major, _ := strconv.Atoi(strings.TrimSpace(string(v))); err != nil || major < 20 {
		missing("node %s is older than 20 (%v)", strings.TrimSpace(string(v)), err)
	}
	if !installedAsLocked(dir) {
		npm, err := exec.LookPath("npm")
		if err != nil {
			missing("%s/node_modules is missing or stale and npm is not on PATH", dir)
		}
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
		}
	}
	return node, chromium
}

// TestBrowserStory plays the directive story (story.mjs) in headless
// Chromium against a started stack: draft, approve, issue, the recipient
// leader's dashboard (also at phone width), accept, a specialist's final
// report, review, and the scoreboard's "completed on time". Screenshots of
// every step go to EOFFICE_SCREENSHOT_DIR/<test name>, else to a temporary
// folder kept only when the test fails; the folder is logged.
func TestBrowserStory(t *testing.T) {
	dir := browserTestDir()
	node, chromium := needBrowser(t, dir)

	shots := screenshotDir(t)
	t.Logf("screenshots: %s", shots)

	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "story.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"STORY_BASE_URL="+s.web,
		"STORY_PASSWORD="+password,
		"STORY_RECIPIENT_UNIT="+o.units["STTTT"].ID,
		"STORY_SCREENSHOTS="+shots,
		"CHROMIUM_PATH="+chromium,
		"FORCE_COLOR=0", // plain text in the test log
	)
	// Its own process group, so a timeout also ends the Chromium processes
	// that node started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser story failed (%v); screenshots in %s:\n%s", err, shots, out)
	}
	t.Logf("browser story:\n%s", out)
}

// screenshotDir is EOFFICE_SCREENSHOT_DIR/<test name>, emptied first; else
// a temporary folder removed when the test passes and kept, for a look at
// the failed step, when it fails.
func screenshotDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("EOFFICE_SCREENSHOT_DIR"); d != "" {
		dir, err := filepath.Abs(filepath.Join(d, t.Name()))
		if err == nil {
			err = os.RemoveAll(dir) // the previous run's pictures
		}
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
	dir, err := os.MkdirTemp("", "eoffice-screenshots-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !t.Failed() {
			_ = os.RemoveAll(dir)
		}
	})
	return dir
}

// installedAsLocked tells whether node_modules holds the playwright-core
// version package-lock.json pins (a bumped pin needs `npm ci` again).
func installedAsLocked(dir string) bool {
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	var installed struct{ Version string }
	raw, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil || json.Unmarshal(raw, &lock) != nil {
		return false
	}
	raw, err = os.ReadFile(filepath.Join(dir, "node_modules", "playwright-core", "package.json"))
	if err != nil || json.Unmarshal(raw, &installed) != nil {
		return false
	}
	want := lock.Packages["node_modules/playwright-core"].Version
	return want != "" && installed.Version == want
}
