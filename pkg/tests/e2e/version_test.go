package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
)

// TestEveryBinaryPrintsItsVersion: an operator asks any binary what it is
// without a configured environment; scripts/build.sh stamps the release of
// CHANGELOG.md and the commit.
func TestEveryBinaryPrintsItsVersion(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	changelog, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "..", "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\]`).FindSubmatch(changelog)
	if m == nil {
		t.Fatal("CHANGELOG.md has no release heading")
	}
	bin := binaries(t)
	for _, name := range []string{"eoffice", "eoffice-broker", "eoffice-stack", "eoffice-one", "identity", "documents",
		"tasks", "notifications", "exchange", "eoffice-hub", "web"} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(filepath.Join(bin, name), "--version")
			cmd.Env = []string{"PATH=" + os.Getenv("PATH")} // no configuration at all
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s --version: %v", name, err)
			}
			want := regexp.MustCompile(`^(eoffice )?` + regexp.QuoteMeta(name) + ` ` + regexp.QuoteMeta(string(m[1])) +
				` \((commit [0-9a-f]{12}(\+modified)?, )?go1\.\d+`)
			if !want.Match(out) {
				t.Errorf("%s --version printed %q", name, out)
			}
		})
	}
}
