package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/freeaddr"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// binaries returns the folder of the stack's binaries: EOFFICE_BIN_DIR when
// scripts/test.sh built them already, else a build of its own.
func binaries(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if d := os.Getenv("EOFFICE_BIN_DIR"); d != "" {
			binDir = d
			return
		}
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..", "..")
		binDir, buildErr = os.MkdirTemp("", "eoffice-bin-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command(filepath.Join(root, "scripts", "build.sh"))
		cmd.Env = append(os.Environ(), "EOFFICE_BIN_DIR="+binDir)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir
}

func freeAddr(t *testing.T) string {
	t.Helper()
	a, err := freeaddr.Get()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// stack is a running one-machine system started by a test.
type stack struct {
	identity, documents, tasks, notifications string // base URLs
	exchange, hub                             string // exchange's and the local exchange hub's base URLs
	web                                       string // the web console's base URL
	kafka                                     string // embedded broker address
	adminPassword                             string
	dataDir                                   string
	started                                   time.Duration
	stop                                      func() // SIGTERM and wait, as Ctrl-C would; idempotent
	pid                                       int    // the launcher's (crash_test.go kills it)
}

// startStack runs eoffice-stack on free ports in a temporary folder and
// stops it (SIGTERM, as Ctrl-C would) when the test ends.
func startStack(t *testing.T, extraEnv ...string) *stack {
	t.Helper()
	return startStackIn(t, t.TempDir(), extraEnv...)
}

// startStackIn is startStack on a given data folder.
func startStackIn(t *testing.T, dataDir string, extraEnv ...string) *stack {
	t.Helper()
	bin := binaries(t)
	s := &stack{dataDir: dataDir, adminPassword: "Quan-tri-he-thong-2026"}
	addrs := map[string]string{}
	for _, name := range []string{"IDENTITY", "DOCUMENTS", "TASKS", "NOTIFICATIONS", "EXCHANGE", "HUB", "WEB", "KAFKA"} {
		addrs[name] = freeAddr(t)
	}
	s.identity = "http://" + addrs["IDENTITY"]
	s.documents = "http://" + addrs["DOCUMENTS"]
	s.tasks = "http://" + addrs["TASKS"]
	s.notifications = "http://" + addrs["NOTIFICATIONS"]
	s.exchange = "http://" + addrs["EXCHANGE"]
	s.hub = "http://" + addrs["HUB"]
	s.kafka = addrs["KAFKA"]
	s.web = "http://" + addrs["WEB"]

	cmd := exec.Command(filepath.Join(bin, "eoffice-stack"))
	cmd.Env = append(os.Environ(),
		"EOFFICE_BIN_DIR="+bin,
		"EOFFICE_DATA_DIR="+s.dataDir,
		"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD="+s.adminPassword,
		"EOFFICE_KAFKA_BROKERS=",
	)
	for name, a := range addrs {
		cmd.Env = append(cmd.Env, "EOFFICE_"+name+"_ADDR="+a)
	}
	cmd.Env = append(cmd.Env, databaseEnv(t, s.dataDir)...) // postgres_test.go
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.pid = cmd.Process.Pid
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		signalled := false
		for sc.Scan() {
			t.Log("stack: " + sc.Text())
			if !signalled && strings.HasPrefix(sc.Text(), "eoffice is running") {
				signalled = true
				ready <- nil
			}
		}
		if !signalled {
			ready <- fmt.Errorf("stack exited before it was ready")
		}
	}()
	var stopOnce sync.Once
	s.stop = func() {
		stopOnce.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				_ = cmd.Process.Kill()
				t.Error("stack did not stop within 60s of SIGTERM")
			}
			if t.Failed() {
				dumpLogs(t, s.dataDir)
			}
		})
	}
	t.Cleanup(s.stop)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	select {
	case err := <-ready:
		if err != nil {
			dumpLogs(t, s.dataDir)
			t.Fatal(err)
		}
	case <-ctx.Done():
		dumpLogs(t, s.dataDir)
		t.Fatal("stack not ready within 2 minutes")
	}
	s.started = time.Since(begin)
	return s
}

func dumpLogs(t *testing.T, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "logs", "*.log"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if len(b) > 8000 {
			b = b[len(b)-8000:]
		}
		t.Logf("=== %s ===\n%s", filepath.Base(f), b)
	}
}
