package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/freeaddr"
)

// Stack is an eoffice-stack the bench started on free ports.
type Stack struct {
	Identity, Documents, Tasks, Notifications string // base URLs
	Pprof                                     map[string]string
	DataDir, AdminPassword                    string
	// DBs are the services' databases: PostgreSQL DSNs of fresh databases
	// when EOFFICE_BENCH_POSTGRES_DSN names a server, else SQLite files
	// in DataDir.
	DBs    map[string]string
	dropDB func()
	cmd    *exec.Cmd
	exited chan struct{}
}

// StartStack runs binDir/eoffice-stack on dataDir and returns once every
// part answers. With pprof, each service also serves net/http/pprof on a
// free debug address of its own. The stack runs on the embedded broker and
// SQLite unless EOFFICE_KAFKA_BROKERS (with EOFFICE_KAFKA_SASL_*/TLS_*,
// passed through) names an external Kafka, and EOFFICE_BENCH_POSTGRES_DSN
// a PostgreSQL server on which each service gets a fresh database.
func StartStack(ctx context.Context, binDir, dataDir string, pprof bool, log io.Writer) (*Stack, error) {
	s := &Stack{DataDir: dataDir, AdminPassword: "Quan-tri-bench-2026", Pprof: map[string]string{}, exited: make(chan struct{}), dropDB: func() {}}
	env := append(os.Environ(), "EOFFICE_BIN_DIR="+binDir, "EOFFICE_DATA_DIR="+dataDir,
		"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD="+s.AdminPassword, "EOFFICE_LOG_LEVEL=warn")
	if os.Getenv("EOFFICE_KAFKA_BROKERS") == "" {
		env = append(env, "EOFFICE_KAFKA_BROKERS=") // the embedded broker
	}
	dbs, drop, err := databases(ctx, dataDir, os.Getenv(envPostgresDSN))
	if err != nil {
		return nil, err
	}
	s.DBs, s.dropDB = dbs, drop
	for name, dsn := range dbs {
		env = append(env, "EOFFICE_"+strings.ToUpper(name)+"_DB="+dsn)
	}
	for _, name := range []string{"identity", "documents", "tasks", "notifications", "kafka"} {
		a, err := freeaddr.Get()
		if err != nil {
			return nil, err
		}
		up := strings.ToUpper(name)
		env = append(env, "EOFFICE_"+up+"_ADDR="+a)
		switch name {
		case "identity":
			s.Identity = "http://" + a
		case "documents":
			s.Documents = "http://" + a
		case "tasks":
			s.Tasks = "http://" + a
		case "notifications":
			s.Notifications = "http://" + a
		}
		if pprof && (name != "kafka" || os.Getenv("EOFFICE_KAFKA_BROKERS") == "") { // an external broker serves no pprof
			p, err := freeaddr.Get()
			if err != nil {
				return nil, err
			}
			proc := name // the process that serves pprof: the broker listens on the kafka address
			if name == "kafka" {
				proc = "broker"
			}
			s.Pprof[proc] = p
			env = append(env, "EOFFICE_"+strings.ToUpper(proc)+"_PPROF_ADDR="+p)
		}
	}
	s.cmd = exec.Command(filepath.Join(binDir, "eoffice-stack"))
	s.cmd.Env = env
	s.cmd.Stderr = log
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		s.dropDB()
		return nil, fmt.Errorf("start stack: %w", err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		once := false
		for sc.Scan() {
			fmt.Fprintln(log, "stack: "+sc.Text())
			if !once && strings.HasPrefix(sc.Text(), "eoffice is running") {
				once = true
				close(ready)
			}
		}
	}()
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	select {
	case <-ready:
		return s, nil
	case <-s.exited:
		s.dropDB()
		return nil, fmt.Errorf("stack exited before it was ready (logs in %s)", filepath.Join(dataDir, "logs"))
	case <-time.After(2 * time.Minute):
		s.Stop()
		return nil, fmt.Errorf("stack not ready within 2 minutes")
	case <-ctx.Done():
		s.Stop()
		return nil, ctx.Err()
	}
}

// Stop sends SIGTERM, as Ctrl-C would, and waits; then it reports the
// size of every service's database and drops the fresh PostgreSQL ones.
func (s *Stack) Stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(90 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	s.reportSizes()
	s.dropDB()
}

// PID is the launcher's process id; the broker and services are its
// children.
func (s *Stack) PID() int { return s.cmd.Process.Pid }
