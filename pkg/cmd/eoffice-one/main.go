// Command eoffice-one runs the one-machine stack of eoffice-stack (the
// embedded broker, the local exchange hub and the six services) as
// goroutines of one process instead of nine (EOFFICE_STACK_PROCESSES=one
// makes eoffice-stack run this as its one child). The services are the
// same, and still talk only through the broker and their HTTP APIs; what
// they share is one Go runtime and one copy of the program: the bench
// measured about 245 MB at the stack's peak against 400 MB, and 0.60–0.65
// ms of CPU per report submission against 0.85–1.11 (deploy/SIZING.md).
// It reads the same environment as eoffice-stack and prints the same
// report. Each service's spans and /metrics series stay its own
// (telemetry's tracer router and ServiceSeries). What one process cannot
// keep apart: pprof and the go_/process_ metrics are the whole process's,
// the launcher's per-part GOGC and identity's memory limit do not apply,
// and the parts log into one file. If a part stops on its own, everything
// stops and the exit status is 1; eoffice-stack, whose only child this
// process then is, starts it again (a killed process loses nothing, as any
// part of the stack: the databases and the broker's log are on disk).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-broker/brokerrun"
	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-stack/stack"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/version"
	"github.com/eoffice-vn/eoffice/services/documents/documentsrun"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangerun"
	"github.com/eoffice-vn/eoffice/services/exchange/hubrun"
	"github.com/eoffice-vn/eoffice/services/identity/identityrun"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsrun"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksrun"
	"github.com/eoffice-vn/eoffice/services/web/webrun"
)

// runs are the parts' bodies, by the name eoffice-stack gives them.
var runs = map[string]func(context.Context) error{
	"hub":           hubrun.Run,
	"identity":      identityrun.Run,
	"documents":     documentsrun.Run,
	"tasks":         tasksrun.Run,
	"notifications": notificationsrun.Run,
	"exchange":      exchangerun.Run,
	"web":           webrun.Run,
}

// psPerCPU is how many Ps (GOMAXPROCS) the process runs per CPU.
const psPerCPU = 2

// stopGrace bounds the wait for the services, then for the broker, as
// eoffice-stack's stop of a child.
const stopGrace = 30 * time.Second

// console is the process's stderr before the parts' logs are sent to the
// log file.
var console = os.Stderr

func main() {
	version.Handle("eoffice-one", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(console, "eoffice:", err)
		os.Exit(1)
	}
}

func run(sigCtx context.Context) error {
	start := time.Now()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// GOGC as the stack gives its children (the per-child exceptions,
	// stack.ChildGOGC, cannot apply to one process; nor can
	// stack.DefaultMemoryLimits). The runtime read GOGC at start, so it is
	// set here too.
	if os.Getenv("GOGC") == "" {
		if n, err := strconv.Atoi(stack.DefaultGOGC); err == nil {
			debug.SetGCPercent(n)
		}
	}
	// Twice as many Ps as CPUs, unless GOMAXPROCS says otherwise. With one
	// P per CPU a PDF being made (tens of milliseconds of CPU) and the
	// collector held the Ps while an event waited up to Go's 10 ms
	// preemption tick at each hop; with more Ps than CPUs the kernel
	// shares the CPUs out in shorter slices, as it did among the nine
	// processes of a stack of many (each with its own Ps). Measured with
	// the quick bench (deploy/SIZING.md): the event latency's p99 fell by
	// two thirds, and CPU per submission did not rise.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(psPerCPU * runtime.GOMAXPROCS(0))
	}
	c, err := stack.ConfigFromEnv(envconf.Env("EOFFICE_BIN_DIR", filepath.Dir(self)), os.Stdout)
	if err != nil {
		return err
	}
	logDir := filepath.Join(c.DataDir, "logs")
	if err := os.MkdirAll(logDir, 0o750); err != nil {
		return err
	}
	env, err := stack.PrepareEnv(c)
	if err != nil {
		return err
	}
	c.Env = env
	// The children's environment becomes the process's (the last of a
	// name wins, as with os/exec).
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			continue
		}
		if err := os.Setenv(k, v); err != nil {
			return fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	// The parts log to os.Stderr: into one file, as the stack's children
	// log into theirs.
	logPath := filepath.Join(logDir, "eoffice-one.log")
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	defer logf.Close()
	os.Stderr = logf

	// failCtx ends on a signal or when a part stops on its own.
	failCtx, fail := context.WithCancelCause(sigCtx)
	defer fail(nil)
	var stopping atomic.Bool
	svcCtx, stopSvcs := context.WithCancel(context.Background())
	defer stopSvcs()
	brokerCtx, stopBroker := context.WithCancel(context.Background())
	defer stopBroker()
	var svcWG, brokerWG sync.WaitGroup
	launch := func(wg *sync.WaitGroup, ctx context.Context, name string, fn func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The label follows every goroutine the part starts, so a CPU
			// profile of the one process splits by part
			// (go tool pprof -tagfocus part=tasks).
			var err error
			pprof.Do(ctx, pprof.Labels("part", name), func(ctx context.Context) { err = fn(ctx) })
			if stopping.Load() {
				if err != nil && !errors.Is(err, context.Canceled) {
					fmt.Fprintf(console, "eoffice: %s: %v\n", name, err)
				}
				return
			}
			if err == nil {
				err = errors.New("stopped on its own")
			}
			fmt.Fprintf(console, "eoffice: %s: %v (log: %s)\n", name, err, logPath)
			fail(fmt.Errorf("%s: %w", name, err))
		}()
	}
	shutdown := func() error {
		stopping.Store(true)
		stopSvcs()
		var errs []error
		if !waitGroup(&svcWG, stopGrace) {
			errs = append(errs, fmt.Errorf("services did not stop within %s", stopGrace))
		}
		stopBroker()
		if !waitGroup(&brokerWG, stopGrace) {
			errs = append(errs, fmt.Errorf("broker did not stop within %s", stopGrace))
		}
		return errors.Join(errs...)
	}
	// cause is why failCtx ended: a part's failure, or nil for a signal.
	cause := func() error {
		if err := context.Cause(failCtx); err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		return nil
	}

	if c.Broker {
		launch(&brokerWG, brokerCtx, "broker", brokerrun.Run)
		if err := stack.AwaitBroker(failCtx, c, logPath); err != nil {
			// The broker stopping on its own is why (nil on a signal).
			return errors.Join(cause(), err, shutdown())
		}
	}
	// All started, then each waited for in order, as stack.Run does.
	for _, p := range c.Parts() {
		launch(&svcWG, svcCtx, p.Name, runs[p.Name])
	}
	if err := stack.AwaitParts(failCtx, c, func(string) string { return logPath }); err != nil {
		// A part that stopped on its own is why (nil on a signal).
		return errors.Join(cause(), err, shutdown())
	}
	stack.Announce(failCtx, c, time.Since(start))
	<-failCtx.Done()
	failure := cause()
	fmt.Fprintln(c.Out, "eoffice: stopping…")
	err = shutdown()
	fmt.Fprintln(c.Out, "eoffice: stopped")
	return errors.Join(failure, err)
}

// waitGroup waits for wg up to d; false if it did not finish.
func waitGroup(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}
