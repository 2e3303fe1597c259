package deploycheck_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

func deployPath(parts ...string) string {
	return filepath.Join(append([]string{deploycheck.Root(), "deploy"}, parts...)...)
}

// decodeAll decodes every document of a YAML stream into T.
func decodeAll[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(false)
	var out []T
	for {
		var v T
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
}

func decodeOne[T any](t *testing.T, path string) T {
	t.Helper()
	docs := decodeAll[T](t, path)
	if len(docs) != 1 {
		t.Fatalf("%s: %d YAML documents, want 1", path, len(docs))
	}
	return docs[0]
}

func TestInterpolate(t *testing.T) {
	vars := map[string]string{"A": "x", "EMPTY": ""}
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"${A}", "x", false},
		{"p-${A}-s", "p-x-s", false},
		{"${B:-six}", "six", false},
		{"${EMPTY:-d}", "d", false},
		{"${EMPTY-d}", "", false},
		{"${B:?set B}", "", true},
		{"${B}", "", true},
		{"$$topic", "$topic", false},
	}
	for _, tt := range tests {
		got, err := deploycheck.Interpolate(tt.in, vars)
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("Interpolate(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
