package deploycheck_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// instruction is one Dockerfile line with continuations joined.
type instruction struct{ cmd, args string }

func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if more, ok := strings.CutSuffix(trimmed, "\\"); ok {
			cur.WriteString(more + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, deployPath("docker", "Dockerfile"))
	work, err := os.ReadFile(filepath.Join(deploycheck.Root(), "go.work"))
	if err != nil {
		t.Fatal(err)
	}
	wf, err := modfile.ParseWork("go.work", work, nil)
	if err != nil {
		t.Fatal(err)
	}
	var stages []int // index of each FROM
	joined := map[string][]string{}
	for i, in := range ins {
		if in.cmd == "FROM" {
			stages = append(stages, i)
		}
		joined[in.cmd] = append(joined[in.cmd], in.args)
	}
	if len(stages) < 2 {
		t.Fatalf("%d stages, want a build stage and a runtime stage", len(stages))
	}

	// Build stage: a Go at least as new as go.work asks for, every
	// workspace module's go.mod copied, a static binary of the service.
	goVersion := regexp.MustCompile(`ARG GO_VERSION=(\d+\.\d+)`).FindStringSubmatch("ARG " + strings.Join(joined["ARG"], "\nARG "))
	if goVersion == nil || !strings.HasPrefix(wf.Go.Version, goVersion[1]) {
		t.Errorf("builder Go %v, go.work wants %s", goVersion, wf.Go.Version)
	}
	if !strings.HasPrefix(ins[stages[0]].args, "golang:${GO_VERSION}") {
		t.Errorf("build stage FROM %s", ins[stages[0]].args)
	}
	copies := strings.Join(joined["COPY"], "\n")
	for _, u := range wf.Use {
		mod := strings.TrimPrefix(filepath.ToSlash(filepath.Join(u.Path, "go.mod")), "./")
		if !strings.Contains(copies, mod) {
			t.Errorf("workspace module %s: go.mod not copied", u.Path)
		}
	}
	runs := strings.Join(joined["RUN"], "\n")
	if !strings.Contains(runs, "CGO_ENABLED=0") || !strings.Contains(runs, "./services/${SERVICE}/cmd/${SERVICE}") {
		t.Errorf("build is not a static build of ./services/${SERVICE}/cmd/${SERVICE}: %s", runs)
	}
	for _, s := range deploycheck.Components {
		if _, err := os.Stat(filepath.Join(deploycheck.Root(), deploycheck.Command(s))); err != nil {
			t.Errorf("SERVICE=%s would not build: %v", s, err)
		}
		if !strings.Contains(runs, s) {
			t.Errorf("the SERVICE check does not accept %s", s)
		}
		if deploycheck.Command(s) != "services/"+s+"/cmd/"+s && !strings.Contains(runs, "./"+deploycheck.Command(s)) {
			t.Errorf("SERVICE=%s does not build ./%s", s, deploycheck.Command(s))
		}
	}

	// Runtime stage: distroless static (or scratch), non-root, no shell.
	final := ins[stages[len(stages)-1]:]
	base := final[0].args
	if base != "scratch" && !regexp.MustCompile(`^gcr\.io/distroless/static(-debian\d+)?:nonroot$`).MatchString(base) {
		t.Errorf("runtime base %s, want distroless static nonroot or scratch", base)
	}
	var user, entry string
	for _, in := range final {
		switch in.cmd {
		case "USER":
			user = in.args
		case "ENTRYPOINT":
			entry = in.args
		case "RUN":
			t.Errorf("RUN in the runtime stage needs a shell: %s", in.args)
		}
	}
	if u, _, _ := strings.Cut(user, ":"); u == "" || u == "root" || u == "0" {
		t.Errorf("runtime USER %q, want a non-root user", user)
	}
	if !strings.HasPrefix(entry, "[") {
		t.Errorf("ENTRYPOINT %s is shell form; there is no shell", entry)
	}
}
