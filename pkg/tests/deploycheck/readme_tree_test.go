package deploycheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// TestReadmeTreeExists fails when deploy/README.md's file tree names a
// file or folder that is not there (renamed, or documented before it was
// written), so that the tree an operator starts from stays true; SIZING.md,
// the cluster's sizing, must be in it.
func TestReadmeTreeExists(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(deploycheck.Root(), "deploy", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```\ndeploy/\n")
	if !ok {
		t.Fatal("deploy/README.md has no ``` block starting with deploy/")
	}
	tree, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("deploy/README.md's tree block is not closed")
	}
	var paths []string
	for _, line := range strings.Split(tree, "\n") {
		// A path starts at the tree's indent of two spaces; deeper
		// indents continue the previous line's description.
		if !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") {
			continue
		}
		paths = append(paths, strings.Fields(line)[0])
	}
	if len(paths) < 5 {
		t.Fatalf("only %d paths read from deploy/README.md's tree: %q", len(paths), paths)
	}
	sizing := false
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(deploycheck.Root(), "deploy", p)); err != nil {
			t.Errorf("deploy/README.md's tree names deploy/%s: %v", p, err)
		}
		sizing = sizing || p == "SIZING.md"
	}
	if !sizing {
		t.Error("deploy/README.md's tree does not name SIZING.md")
	}
}
