// Package layout checks rules README.md "Layout" states for every service,
// so that a new consumer or setting cannot quietly break them: a consumer
// decodes events and calls the app layer, never the store; the app layer
// declares its ports and the store implements them (seam_test.go);
// settings are read in internal/config, never in main.go.
package layout_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// services is the services folder, found from this file's location.
func services(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "services")
}

// imports are the import paths of the non-test Go files matching pattern.
func imports(t *testing.T, pattern string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[f] = append(out[f], p)
		}
	}
	return out
}

func TestConsumersCallTheAppOnly(t *testing.T) {
	found := imports(t, filepath.Join(services(t), "*", "internal", "consumer", "*.go"))
	if len(found) == 0 {
		t.Fatal("no consumer package found")
	}
	for f, paths := range found {
		for _, p := range paths {
			if strings.HasSuffix(p, "/internal/store") {
				t.Errorf("%s imports %s: a consumer calls the app layer, which stores in the consumer's transaction", f, p)
			}
		}
	}
}

func TestMainsReadNoSettings(t *testing.T) {
	found := imports(t, filepath.Join(services(t), "*", "cmd", "*", "*.go"))
	if len(found) == 0 {
		t.Fatal("no main found")
	}
	for f, paths := range found {
		for _, p := range paths {
			if p == "github.com/eoffice-vn/eoffice/pkg/envconf" {
				t.Errorf("%s reads settings through envconf: they belong in the service's internal/config", f)
			}
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, call := range []string{"os.Getenv(", "os.LookupEnv(", "os.Environ("} {
			if strings.Contains(string(src), call) {
				t.Errorf("%s calls %s: settings belong in the service's internal/config", f, call)
			}
		}
	}
}
