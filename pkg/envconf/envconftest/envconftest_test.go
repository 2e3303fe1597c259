package envconftest

import (
	"errors"
	"os"
	"testing"
)

func TestOnly(t *testing.T) {
	t.Setenv("EOFFICE_ENVCONFTEST_LEFT", "from the process")
	Only(t, map[string]string{"EOFFICE_ENVCONFTEST_SET": "x"})
	if v := os.Getenv("EOFFICE_ENVCONFTEST_LEFT"); v != "" {
		t.Errorf("a variable the case does not name is still %q", v)
	}
	if v := os.Getenv("EOFFICE_ENVCONFTEST_SET"); v != "x" {
		t.Errorf("the case's variable is %q", v)
	}
}

// recorder notes whether Named failed the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func TestNamed(t *testing.T) {
	for _, c := range []struct {
		name     string
		err      error
		keys     []string
		wantFail bool
	}{
		{"all named", errors.Join(errors.New("EOFFICE_A bad"), errors.New("EOFFICE_B bad")), []string{"EOFFICE_A", "EOFFICE_B"}, false},
		{"one missing", errors.New("EOFFICE_A bad"), []string{"EOFFICE_A", "EOFFICE_B"}, true},
		{"no error", nil, []string{"EOFFICE_A"}, true},
	} {
		r := &recorder{TB: t}
		Named(r, c.err, c.keys...)
		if r.failed != c.wantFail {
			t.Errorf("%s: failed %v, want %v", c.name, r.failed, c.wantFail)
		}
	}
}
