package stack

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("EOFFICE_DATA_DIR", dir)
	t.Setenv("EOFFICE_TASKS_ADDR", "127.0.0.1:9993")
	t.Setenv("EOFFICE_KAFKA_BROKERS", "")
	t.Setenv("EOFFICE_IDENTITY_URL", "")
	c, err := ConfigFromEnv("/bin", &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Broker || c.DataDir != dir || c.Addrs["tasks"] != "127.0.0.1:9993" || c.Addrs["identity"] != "127.0.0.1:8081" {
		t.Fatalf("%+v", c)
	}
	for _, want := range []string{"EOFFICE_DATA_DIR=" + dir, "EOFFICE_IDENTITY_URL=http://127.0.0.1:8081", "EOFFICE_TASKS_ADDR=127.0.0.1:9993"} {
		if !slices.Contains(c.Env, want) {
			t.Errorf("child env lacks %s", want)
		}
	}
	// GOGC: the launcher's default unless the environment names one.
	for _, gogc := range []struct{ env, want string }{{"", "GOGC=" + DefaultGOGC}, {"50", ""}} {
		t.Setenv("GOGC", gogc.env)
		c, _ := ConfigFromEnv("/bin", &bytes.Buffer{})
		if got := slices.Contains(c.Env, "GOGC="+DefaultGOGC); got != (gogc.want != "") {
			t.Errorf("GOGC=%q in the environment: launcher's default added = %v", gogc.env, got)
		}
	}
	t.Setenv("EOFFICE_KAFKA_BROKERS", "kafka-1:9092")
	if c, _ := ConfigFromEnv("/bin", &bytes.Buffer{}); c.Broker {
		t.Error("an external cluster must not start the embedded broker")
	}
}

// TestRunFailsClearlyWhenABinaryIsMissing: a stack that cannot start says
// which part failed instead of hanging.
func TestRunFailsClearlyWhenABinaryIsMissing(t *testing.T) {
	dir := t.TempDir()
	c := Config{BinDir: filepath.Join(dir, "nothing-here"), DataDir: dir, Out: &bytes.Buffer{}, Broker: true,
		KafkaAddr: "127.0.0.1:1", Addrs: map[string]string{}, Env: os.Environ(), ReadyTimeout: time.Second}
	err := Run(context.Background(), c)
	if err == nil || !strings.Contains(err.Error(), "broker") {
		t.Fatalf("err = %v, want a start error naming the broker", err)
	}
}

// Identity gets the launcher's memory limit and documents its own GOGC,
// the others neither, and a GOMEMLIMIT or GOGC in the environment wins.
func TestChildMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		env, gogc, child string
		added            []string
	}{
		{"", "", "identity", []string{"GOMEMLIMIT=" + DefaultMemoryLimits["identity"]}},
		{"", "", "tasks", nil},
		{"", "", "documents", []string{"GOGC=" + ChildGOGC["documents"]}},
		{"200MiB", "", "identity", nil},
		{"", "300", "documents", nil},
	} {
		t.Setenv("GOMEMLIMIT", c.env)
		t.Setenv("GOGC", c.gogc)
		cfg, err := ConfigFromEnv("/bin", &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		env := newChild(c.child, "/bin/"+c.child, cfg).env()
		if added := env[len(cfg.Env):]; !slices.Equal(added, c.added) {
			t.Errorf("GOMEMLIMIT=%q GOGC=%q, %s: the launcher added %q, want %q", c.env, c.gogc, c.child, added, c.added)
		}
	}
}

// Every service of the stack gets the same secret key, and the same one
// after a restart; a key in the environment wins.
func TestStackSecretKey(t *testing.T) {
	dir := t.TempDir()
	first, err := withSecretKey([]string{"A=1", "EOFFICE_SECRET_KEY="}, dir)
	if err != nil {
		t.Fatal(err)
	}
	again, err := withSecretKey([]string{"A=1"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	key := first[len(first)-1]
	if !strings.HasPrefix(key, "EOFFICE_SECRET_KEY=") || len(key) < len("EOFFICE_SECRET_KEY=")+40 || again[len(again)-1] != key {
		t.Fatalf("first %q, after a restart %q", key, again[len(again)-1])
	}
	if st, err := os.Stat(filepath.Join(dir, "secret-key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	given := []string{"EOFFICE_SECRET_KEY=operator's"}
	if got, _ := withSecretKey(given, dir); !slices.Equal(got, given) {
		t.Errorf("a key in the environment was replaced: %q", got)
	}
}

// TestStackProcesses reads EOFFICE_STACK_PROCESSES: one process unless
// it says many, and a clear refusal of anything else.
func TestStackProcesses(t *testing.T) {
	t.Setenv("EOFFICE_DATA_DIR", t.TempDir())
	for _, c := range []struct {
		env     string
		one     bool
		refused bool
	}{{"", true, false}, {"one", true, false}, {"many", false, false}, {"two", false, true}, {"ONE", false, true}} {
		t.Run("value "+c.env, func(t *testing.T) {
			t.Setenv("EOFFICE_STACK_PROCESSES", c.env)
			cfg, err := ConfigFromEnv("/bin", &bytes.Buffer{})
			if c.refused {
				if err == nil || !strings.Contains(err.Error(), "EOFFICE_STACK_PROCESSES") {
					t.Fatalf("err = %v, want a refusal naming the variable", err)
				}
				return
			}
			if err != nil || cfg.OneProcess != c.one {
				t.Fatalf("OneProcess = %v, err %v; want %v", cfg.OneProcess, err, c.one)
			}
		})
	}
}

// TestRunOneFailsClearlyWhenItsBinaryIsMissing: one process that cannot
// start is named as such.
func TestRunOneFailsClearlyWhenItsBinaryIsMissing(t *testing.T) {
	dir := t.TempDir()
	c := Config{BinDir: filepath.Join(dir, "nothing-here"), DataDir: dir, Out: &bytes.Buffer{}, Broker: true,
		KafkaAddr: "127.0.0.1:1", Addrs: map[string]string{}, Env: os.Environ(), ReadyTimeout: time.Second, OneProcess: true}
	err := Run(context.Background(), c)
	if err == nil || !strings.Contains(err.Error(), OneBinary) {
		t.Fatalf("err = %v, want a start error naming %s", err, OneBinary)
	}
}
