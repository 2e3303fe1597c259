package deploycheck_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// release is the version CHANGELOG.md's first heading names.
func release(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(deploycheck.Root(), "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\]`).FindSubmatch(b)
	if m == nil {
		t.Fatal("CHANGELOG.md has no '## [x.y.z]' heading")
	}
	return string(m[1])
}

func TestLicence(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(deploycheck.Root(), "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Apache License") || !strings.Contains(string(b), "Version 2.0, January 2004") {
		t.Error("LICENSE is not the Apache License 2.0")
	}
}

// TestImagesPinnedToRelease: every eoffice image the manifests and Compose
// run carries the release's tag, and nothing in deploy/ runs :latest, so a
// rollout is a known build and a rollback is a tag change.
func TestImagesPinnedToRelease(t *testing.T) {
	v := release(t)
	image := regexp.MustCompile(`(?:ghcr\.io/eoffice-vn/)?eoffice-[a-z]+:(\S+)`)
	files := 0
	err := filepath.WalkDir(deployPath(), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".example") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, ":latest") {
				t.Errorf("%s: %s", p, strings.TrimSpace(line))
			}
			if m := image.FindStringSubmatch(line); m != nil && strings.Contains(line, "image:") {
				if tag := m[1]; tag != v && tag != "${EOFFICE_IMAGE_TAG:-"+v+"}" {
					t.Errorf("%s: image tag %s, want %s (CHANGELOG.md)", p, tag, v)
				}
			}
			if tag, ok := strings.CutPrefix(strings.TrimSpace(line), "newTag:"); ok && strings.Trim(strings.TrimSpace(tag), `"`) != v {
				t.Errorf("%s: newTag %s, want %s", p, strings.TrimSpace(tag), v)
			}
			if tag, ok := strings.CutPrefix(line, "EOFFICE_IMAGE_TAG="); ok && tag != v {
				t.Errorf("%s: EOFFICE_IMAGE_TAG=%s, want %s", p, tag, v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("no manifests found under deploy/")
	}
}
