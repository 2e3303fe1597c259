package stack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"
)

// child is one supervised process.
type child struct {
	name, bin, logPath string
	cfg                Config

	mu       sync.Mutex
	cmd      *exec.Cmd
	exited   chan struct{}
	quitting bool
}

func newChild(name, bin string, c Config) *child {
	return &child{name: name, bin: bin, cfg: c, logPath: filepath.Join(c.DataDir, "logs", name+".log")}
}

func (ch *child) start() error {
	logf, err := os.OpenFile(ch.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	cmd := exec.Command(ch.bin)
	cmd.Env = ch.env()
	cmd.Stdout, cmd.Stderr = logf, logf
	// Own process group: a Ctrl-C in the terminal reaches only the launcher,
	// which stops the parts in order. Pdeathsig: if the launcher is killed,
	// its children die with it, as a whole stack would.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start %s: %w", ch.name, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); logf.Close(); close(exited) }()
	ch.mu.Lock()
	ch.cmd, ch.exited = cmd, exited
	ch.mu.Unlock()
	return nil
}

// env is the launcher's environment for every child, plus this child's
// own GOGC and memory limit unless the environment names them.
func (ch *child) env() []string {
	env := slices.Clip(ch.cfg.Env)
	if gogc := ChildGOGC[ch.name]; gogc != "" && os.Getenv("GOGC") == "" {
		env = append(env, "GOGC="+gogc) // the last of a name wins (os/exec)
	}
	if limit := DefaultMemoryLimits[ch.name]; limit != "" && os.Getenv("GOMEMLIMIT") == "" {
		env = append(env, "GOMEMLIMIT="+limit)
	}
	return env
}

// supervise restarts the process whenever it dies, with growing pauses,
// until quit is called.
func (ch *child) supervise(ctx context.Context) {
	pause := time.Second
	for {
		ch.mu.Lock()
		exited := ch.exited
		ch.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-exited:
		}
		ch.mu.Lock()
		quitting := ch.quitting
		ch.mu.Unlock()
		if quitting {
			return
		}
		fmt.Fprintf(ch.cfg.Out, "eoffice: %s exited; restarting in %s (log: %s)\n", ch.name, pause, ch.logPath)
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		if err := ch.start(); err != nil {
			fmt.Fprintf(ch.cfg.Out, "eoffice: %v\n", err)
		}
		pause = min(2*pause, 30*time.Second)
	}
}

func (ch *child) quit() {
	ch.mu.Lock()
	ch.quitting = true
	ch.mu.Unlock()
}

// stop sends SIGTERM and waits up to grace before SIGKILL.
func (ch *child) stop(grace time.Duration) {
	ch.quit()
	ch.mu.Lock()
	cmd, exited := ch.cmd, ch.exited
	ch.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-exited
	}
}
