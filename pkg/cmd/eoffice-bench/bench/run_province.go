package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ProvinceOptions are the flags of --province.
type ProvinceOptions struct {
	Scale   float64
	DB      string // sqlite or postgres
	Workers int
	Samples int
	// Check, when set, is called on the generated province while its
	// stack still runs (the test counts what the APIs show).
	Check func(ctx context.Context, p *Province) error
}

// RunProvince generates an empty system and a province of the scale on a
// fresh stack each, measures both and returns the province's figures with
// their growth as key=value lines. Progress goes to log.
func RunProvince(ctx context.Context, binDir string, o ProvinceOptions, log io.Writer) ([]string, error) {
	dir, cleanup, err := TempDir()
	if err != nil {
		return nil, err
	}
	// EOFFICE_BENCH_KEEP=1 keeps the data and databases, to look into.
	keep := os.Getenv("EOFFICE_BENCH_KEEP") == "1"
	if keep {
		fmt.Fprintln(log, "eoffice-bench: keeping", dir)
	} else {
		defer cleanup()
	}
	measure := func(name string, sz Size) (Figures, *Province, time.Duration, time.Duration, error) {
		server := "" // SQLite files in the stack's folder
		if o.DB == "postgres" {
			server = os.Getenv(envPostgresDSN)
			if server == "" {
				server = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
			}
		}
		dbs, drop, err := databases(ctx, filepath.Join(dir, name), server)
		if err != nil {
			return Figures{}, nil, 0, 0, err
		}
		if !keep {
			defer drop()
		}
		logf, err := os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			return Figures{}, nil, 0, 0, err
		}
		defer logf.Close()
		profDir := os.Getenv("EOFFICE_BENCH_PROFILE_DIR")
		st, err := StartStackOn(ctx, binDir, filepath.Join(dir, name), dbs, true, profDir != "", logf)
		if err != nil {
			return Figures{}, nil, 0, 0, err
		}
		defer st.Stop()
		if profDir != "" && name == "province" {
			// The documents phase: after the people, for 20 seconds;
			// EOFFICE_BENCH_PROFILE_AT=15,300 also 300 s in (named
			// province-300s-<service>), to see what grows with the data.
			for k, at := range profileAt() {
				label := "province"
				if k > 0 {
					label = fmt.Sprintf("province-%ds", at)
				}
				go func() {
					select {
					case <-time.After(time.Duration(at) * time.Second):
						_ = CPUProfiles(ctx, st, profDir, label, 20)
					case <-ctx.Done():
					}
				}()
			}
		}
		fmt.Fprintf(log, "eoffice-bench: %s %s: generating %+v on %s\n", time.Now().Format("15:04:05"), name, sz, o.DB)
		t0 := time.Now()
		// Each progress line after a phase's first also says the stack's
		// CPU per item since the line before, by program: unlike the
		// rate, it barely moves with what else the machine runs, so it
		// shows what grows with the data.
		var mu sync.Mutex
		lastPhase, lastDone, lastCPU := "", 0, TreeCPUByName(st.PID())
		cpu0 := TreeCPU(st.PID()) + selfCPU()
		p, err := Generate(ctx, st, sz, o.Workers, 2026, func(phase string, done, total int, took time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			cpu := ""
			if phase == lastPhase && done > lastDone {
				cpu = "; CPU ms per item: " + CPUSince(st.PID(), lastCPU, float64(done-lastDone))
			}
			lastPhase, lastDone, lastCPU = phase, done, TreeCPUByName(st.PID())
			fmt.Fprintf(log, "eoffice-bench: %s %s %d/%d in %s (%.0f/s)%s\n", name, phase, done, total,
				took.Round(time.Second), float64(done)/max(took.Seconds(), 1e-3), cpu)
		})
		if err != nil {
			return Figures{}, nil, 0, 0, fmt.Errorf("%s: generate: %w", name, err)
		}
		took, cpu := time.Since(t0), TreeCPU(st.PID())+selfCPU()-cpu0
		if o.Check != nil {
			if err := o.Check(ctx, p); err != nil {
				return Figures{}, nil, 0, 0, fmt.Errorf("%s: check: %w", name, err)
			}
		}
		if err := analyze(ctx, dbs); err != nil {
			return Figures{}, nil, 0, 0, fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(log, "eoffice-bench: %s %s: measuring\n", time.Now().Format("15:04:05"), name)
		var afterQueries func()
		if profDir != "" {
			// what each service holds after the queries, before the
			// restart: the resting level that grows with the data
			// (<name>-queries-<service>.heap.pprof and .heap.txt)
			afterQueries = func() { _ = HeapProfiles(ctx, st, profDir, name+"-queries") }
		}
		f, err := p.Measure(ctx, o.Samples, afterQueries)
		if err != nil {
			return Figures{}, nil, 0, 0, fmt.Errorf("%s: measure: %w", name, err)
		}
		fmt.Fprintf(log, "eoffice-bench: %s: peak memory by process while measuring (MB): %s\n", name, f.PeakByProcess)
		for _, q := range f.Queries {
			fmt.Fprintf(log, "eoffice-bench: %s: %s: the stack's peak memory %.0f MB\n", name, q.Name, q.PeakMB)
		}
		return f, p, took, cpu, nil
	}
	base, _, _, _, err := measure("empty", SizeAt(0))
	if err != nil {
		return nil, err
	}
	f, p, took, cpu, err := measure("province", SizeAt(o.Scale))
	if err != nil {
		return nil, err
	}
	s := took.Seconds()
	cpuPerDoc := float64(cpu.Microseconds()) / 1000 / float64(max(1, p.Made.Documents))
	keys := []string{
		fmt.Sprintf("province_scale=%g", o.Scale),
		fmt.Sprintf("province_agencies=%d", p.Made.Agencies),
		fmt.Sprintf("province_people=%d", p.Made.People),
		fmt.Sprintf("province_documents=%d", p.Made.Documents),
		fmt.Sprintf("province_receipts=%d", p.Recvd),
		fmt.Sprintf("province_plan_items=%d", p.Made.PlanItems),
		fmt.Sprintf("province_tasks=%d", p.Made.Tasks),
		fmt.Sprintf("province_reports=%d", p.Repts),
		fmt.Sprintf("province_generate_s=%.0f", s),
		fmt.Sprintf("province_generate_documents_per_s=%.1f", float64(p.Made.Documents)/s),
		// The CPU per document of the stack and the generator, all
		// phases included, and the time the default province would take
		// if they had the machine's cores to themselves: on a shared
		// machine the rate says more about the neighbours than the data.
		fmt.Sprintf("province_generate_cpu_ms_per_document=%.1f", cpuPerDoc),
		fmt.Sprintf("province_generate_full_cpu_estimate_min=%.0f", cpuPerDoc*float64(SizeAt(1).Documents)/1000/float64(runtime.NumCPU())/60),
		// What the default province would take at this rate, in minutes:
		// linear in the data, which the rate at a small scale flatters.
		fmt.Sprintf("province_generate_full_estimate_min=%.0f", s/o.Scale/60),
	}
	keys = append(keys, f.Keys(base)...)
	for _, b := range f.Flat(base) {
		fmt.Fprintln(log, "eoffice-bench: not flat:", b)
	}
	return keys, nil
}

// profileAt is when the province's CPU profiles start, in seconds after
// the stack (EOFFICE_BENCH_PROFILE_AT, default 15).
func profileAt() []int {
	var at []int
	for _, f := range strings.Split(os.Getenv("EOFFICE_BENCH_PROFILE_AT"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n >= 0 {
			at = append(at, n)
		}
	}
	if len(at) == 0 {
		at = []int{15}
	}
	return at
}

// selfCPU is the CPU time this process (the generator) has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
