// Package version says which build of eoffice a binary is: the release it
// was tagged with (set by scripts/build.sh through -ldflags) or, for a
// plain `go build`, the commit Go stamped into the binary's build info.
package version

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Release and Revision are set at link time by scripts/build.sh and the
// Dockerfile (-ldflags "-X github.com/eoffice-vn/eoffice/pkg/version.Release=0.3.0
// -X ….Revision=<commit>"): Go stamps no VCS data into workspace builds.
var (
	Release  = ""
	Revision = ""
)

// Info is what a binary knows about its own build.
type Info struct {
	Release  string // v0.4.0, or "dev" for an untagged build
	Revision string // the VCS commit, when Go stamped one
	Modified bool   // built from a work tree with uncommitted changes
	Go       string
}

// Read returns the build's Info from Release and runtime/debug.
func Read() Info {
	in := Info{Release: Release, Revision: Revision, Go: "unknown"}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		in.Go = bi.GoVersion
		if in.Release == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			in.Release = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if in.Revision == "" {
					in.Revision = s.Value
				}
			case "vcs.modified":
				in.Modified = s.Value == "true"
			}
		}
	}
	if rev, ok := strings.CutSuffix(in.Revision, "+modified"); ok {
		in.Revision, in.Modified = rev, true
	}
	if in.Release == "" {
		in.Release = "dev"
	}
	return in
}

// String is one line for `--version`: "eoffice tasks 0.3.0 (commit 1a2b3c4d5e6f, go1.26.8)".
func (in Info) String(name string) string {
	var extra []string
	if in.Revision != "" {
		rev := in.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if in.Modified {
			rev += "+modified"
		}
		extra = append(extra, "commit "+rev)
	}
	extra = append(extra, in.Go)
	if !strings.HasPrefix(name, "eoffice") {
		name = "eoffice " + name
	}
	return fmt.Sprintf("%s %s (%s)", name, in.Release, strings.Join(extra, ", "))
}

// Handle prints the version and exits when args (os.Args[1:]) are exactly
// --version, -version or version; every binary calls it first thing in
// main, before reading its configuration, so an operator can ask any
// binary what it is without a working environment.
func Handle(name string, args []string) {
	if print(os.Stdout, name, args) {
		os.Exit(0)
	}
}

func print(w io.Writer, name string, args []string) bool {
	if len(args) != 1 {
		return false
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintln(w, Read().String(name))
		return true
	}
	return false
}
