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
	// when EOFFICE_BENCH_POSTGRES_DSN names a server (or the caller gave
	// them), else SQLite files in DataDir.
	DBs    map[string]string
	dropDB func()
	env    []string
	bin    string
	// bulk: history is being loaded, whose PDFs and e-mails nobody
	// reads; WaitIdle does not wait for the e-mails.
	bulk   bool
	log    io.Writer
	cmd    *exec.Cmd
	exited chan struct{}
}

// StartStack runs binDir/eoffice-stack on dataDir and returns once every
// part answers. With pprof, each service also serves net/http/pprof on a
// free debug address of its own. The stack runs on the embedded broker and
// SQLite unless EOFFICE_KAFKA_BROKERS (with EOFFICE_KAFKA_SASL_*/TLS_*,
// passed through) names an external Kafka, and EOFFICE_BENCH_POSTGRES_DSN
// a PostgreSQL server on which each service gets a fresh database, dropped
// by Stop.
func StartStack(ctx context.Context, binDir, dataDir string, pprof bool, log io.Writer) (*Stack, error) {
	return StartStackOn(ctx, binDir, dataDir, nil, false, pprof, log)
}

// StartStackOn is StartStack with the services' databases named by dbs
// (service name → DSN; a service not named keeps its SQLite file; the
// caller drops them; nil: as StartStack) and,
// with pdfsPaused, issued documents' PDFs left queued and WaitIdle not
// waiting for the e-mails (generated history may skip rendering, signing
// and sending: they do not change what queries cost).
func StartStackOn(ctx context.Context, binDir, dataDir string, dbs map[string]string, pdfsPaused, pprof bool, log io.Writer) (*Stack, error) {
	s := &Stack{DataDir: dataDir, AdminPassword: "Quan-tri-bench-2026", Pprof: map[string]string{}, DBs: dbs, dropDB: func() {}, log: log, bulk: pdfsPaused}
	env := append(os.Environ(), "EOFFICE_BIN_DIR="+binDir, "EOFFICE_DATA_DIR="+dataDir,
		"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD="+s.AdminPassword, "EOFFICE_LOG_LEVEL=warn")
	if os.Getenv("EOFFICE_KAFKA_BROKERS") == "" {
		env = append(env, "EOFFICE_KAFKA_BROKERS=") // the embedded broker
	}
	if dbs == nil {
		made, drop, err := databases(ctx, dataDir, os.Getenv(envPostgresDSN))
		if err != nil {
			return nil, err
		}
		s.DBs, s.dropDB = made, drop
	}
	if pdfsPaused {
		env = append(env, "EOFFICE_DOCUMENTS_PDF_PAUSED=true", "EOFFICE_MAIL_PAUSED=true")
	}
	for name, dsn := range s.DBs {
		env = append(env, "EOFFICE_"+strings.ToUpper(name)+"_DB="+dsn)
	}
	// Every part on a free port, so that two benches (or a bench and a
	// running stack) on one machine do not meet.
	for _, name := range []string{"exchange", "web", "hub"} {
		a, err := freeaddr.Get()
		if err != nil {
			return nil, err
		}
		env = append(env, "EOFFICE_"+strings.ToUpper(name)+"_ADDR="+a)
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
	s.env, s.bin = env, filepath.Join(binDir, "eoffice-stack")
	if err := s.start(ctx); err != nil {
		s.dropDB()
		return nil, err
	}
	return s, nil
}

// Restart stops the stack and starts it again on the same data and ports,
// returning how long it took from the start to every part answering.
func (s *Stack) Restart(ctx context.Context) (time.Duration, error) {
	s.stop()
	t0 := time.Now()
	err := s.start(ctx)
	return time.Since(t0), err
}

// start runs the stack's launcher and returns once it says it is running.
func (s *Stack) start(ctx context.Context) error {
	log := s.log
	s.exited = make(chan struct{})
	s.cmd = exec.Command(s.bin)
	s.cmd.Env = s.env
	s.cmd.Stderr = log
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("start stack: %w", err)
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
	cmd, exited := s.cmd, s.exited
	go func() { _ = cmd.Wait(); close(exited) }()
	select {
	case <-ready:
		return nil
	case <-exited:
		return fmt.Errorf("stack exited before it was ready (logs in %s)", filepath.Join(s.DataDir, "logs"))
	case <-time.After(10 * time.Minute):
		s.stop()
		return fmt.Errorf("stack not ready within 10 minutes")
	case <-ctx.Done():
		s.stop()
		return ctx.Err()
	}
}

// Stop stops the stack, prints its databases' sizes and drops the
// databases it made.
func (s *Stack) Stop() {
	s.stop()
	s.reportSizes()
	s.dropDB()
}

// stop sends SIGTERM, as Ctrl-C would, and waits.
func (s *Stack) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(90 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// DSN is the database of service name.
func (s *Stack) DSN(name string) string {
	if d, ok := s.DBs[name]; ok {
		return d
	}
	return filepath.Join(s.DataDir, name+".db")
}

// PID is the launcher's process id; the broker and services are its
// children.
func (s *Stack) PID() int { return s.cmd.Process.Pid }
