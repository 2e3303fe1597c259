package version

import (
	"strings"
	"testing"
)

func TestPrint(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"--version"}, true},
		{[]string{"-version"}, true},
		{[]string{"version"}, true},
		{nil, false},
		{[]string{"--version", "x"}, false},
		{[]string{"rotate-keys"}, false},
	}
	for _, tt := range tests {
		var b strings.Builder
		if got := print(&b, "tasks", tt.args); got != tt.want {
			t.Errorf("print(%q) = %v, want %v", tt.args, got, tt.want)
		}
		if tt.want && !strings.HasPrefix(b.String(), "eoffice tasks ") {
			t.Errorf("print(%q) wrote %q", tt.args, b.String())
		}
		if !tt.want && b.Len() != 0 {
			t.Errorf("print(%q) wrote %q for a non-version call", tt.args, b.String())
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in   Info
		want string
	}{
		{Info{Release: "v0.4.0", Revision: "0123456789abcdef", Go: "go1.26.8"}, "eoffice web v0.4.0 (commit 0123456789ab, go1.26.8)"},
		{Info{Release: "dev", Revision: "0123456789abcdef", Modified: true, Go: "go1.26.8"}, "eoffice web dev (commit 0123456789ab+modified, go1.26.8)"},
		{Info{Release: "dev", Go: "go1.26.8"}, "eoffice web dev (go1.26.8)"},
	}
	for _, tt := range tests {
		if got := tt.in.String("web"); got != tt.want {
			t.Errorf("String = %q, want %q", got, tt.want)
		}
	}
	if got := (Info{Release: "0.3.0", Go: "go1.26.8"}).String("eoffice-broker"); got != "eoffice-broker 0.3.0 (go1.26.8)" {
		t.Errorf("String of a binary named eoffice-… = %q", got)
	}
}

func TestRevisionFromLinker(t *testing.T) {
	old := Revision
	defer func() { Revision = old }()
	Revision = "feedfacefeedface"
	if got := Read(); got.Revision != "feedfacefeedface" || got.Modified {
		t.Errorf("Read() = %+v with Revision set at link time", got)
	}
	Revision = "feedfacefeedface+modified"
	if got := Read(); got.Revision != "feedfacefeedface" || !got.Modified {
		t.Errorf("Read() = %+v with a modified work tree's revision", got)
	}
}

func TestReleaseFromLinker(t *testing.T) {
	old := Release
	defer func() { Release = old }()
	Release = "v9.9.9"
	if got := Read().Release; got != "v9.9.9" {
		t.Errorf("Read().Release = %q with Release set at link time", got)
	}
}
