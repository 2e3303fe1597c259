// Package envconftest helps the table-driven tests of the services'
// config.Load: each case runs on the settings it names alone and checks
// that a refused case names every bad setting.
package envconftest

import (
	"os"
	"strings"
	"testing"
)

// Only clears every EOFFICE_ variable of the test process (for the test's
// duration), then sets env: the loader sees the case's settings alone.
func Only(t testing.TB, env map[string]string) {
	t.Helper()
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "EOFFICE_") {
			t.Setenv(k, "")
		}
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
}

// Named fails t unless err is an error that names each of keys: a loader
// reports every bad setting at once, each by its variable.
func Named(t testing.TB, err error, keys ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one naming %s", strings.Join(keys, ", "))
		return
	}
	for _, k := range keys {
		if !strings.Contains(err.Error(), k) {
			t.Errorf("error does not name %s: %v", k, err)
		}
	}
}
