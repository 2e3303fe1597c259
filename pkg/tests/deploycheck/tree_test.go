package deploycheck_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// maxTracked is the largest file the tree may hold outside testdata: a
// source file never comes near it, a build output always does.
const maxTracked = 2 << 20

// binaryMagic are the first bytes of programs and libraries (ELF, Windows
// PE, Mach-O in both byte orders and fat, Java archives are zips and are
// caught by mode or name instead).
var binaryMagic = [][]byte{
	[]byte("\x7fELF"), []byte("MZ"),
	{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf},
	{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe}, {0xca, 0xfe, 0xba, 0xbe},
}

// TestNoBuildOutputsTracked fails when git tracks a program (by its magic
// bytes, or an executable mode without a #! line) or a file over 2 MB
// outside a testdata folder: build outputs never land in the tree.
func TestNoBuildOutputsTracked(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := deploycheck.Root()
	out, err := exec.Command("git", "-C", root, "ls-files", "-s", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	n := 0
	for _, rec := range strings.Split(string(out), "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		mode := strings.Fields(meta)[0]
		for _, problem := range trackedProblems(t, root, path, mode) {
			t.Errorf("%s: %s", path, problem)
		}
		n++
	}
	if n < 100 {
		t.Fatalf("only %d tracked files listed; the check did not read the tree", n)
	}
}

func trackedProblems(t *testing.T, root, path, mode string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(root, path))
	if os.IsNotExist(err) {
		return nil // deleted in the work tree, not yet committed
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 4)
	k, _ := f.Read(head)
	head = head[:k]
	var problems []string
	if st.Size() > maxTracked && !underTestdata(path) {
		problems = append(problems, "larger than 2 MB outside testdata")
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, m) {
			problems = append(problems, "a compiled program or library")
			break
		}
	}
	if mode == "100755" && !bytes.HasPrefix(head, []byte("#!")) {
		problems = append(problems, "executable without a #! line")
	}
	return problems
}

func underTestdata(path string) bool {
	return strings.HasPrefix(path, "testdata/") || strings.Contains(path, "/testdata/")
}

func TestTrackedProblemsCatchesOutputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte, perm os.FileMode) {
		if err := os.WriteFile(filepath.Join(dir, name), b, perm); err != nil {
			t.Fatal(err)
		}
	}
	write("identity", append([]byte("\x7fELF"), make([]byte, 64)...), 0o755)
	write("run.sh", []byte("#!/bin/sh\necho\n"), 0o755)
	write("big.json", make([]byte, maxTracked+1), 0o644)
	write("tool.exe", []byte("MZ\x90\x00"), 0o644)
	cases := []struct {
		path, mode string
		bad        bool
	}{
		{"identity", "100755", true},
		{"run.sh", "100755", false},
		{"big.json", "100644", true},
		{"tool.exe", "100644", true},
	}
	for _, c := range cases {
		got := len(trackedProblems(t, dir, c.path, c.mode)) > 0
		if got != c.bad {
			t.Errorf("%s: flagged %v, want %v", c.path, got, c.bad)
		}
	}
	if !underTestdata("services/x/testdata/big.pdf") || underTestdata("services/x/data.json") {
		t.Error("underTestdata")
	}
}
