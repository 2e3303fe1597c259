// Command eoffice-bench prints the figures of scripts/bench.sh, one
// key=value a line at the end. EOFFICE_BENCH_QUICK=1 makes every
// measurement short (the whole run within five minutes);
// EOFFICE_BIN_DIR names the stack's binaries; EOFFICE_BENCH_PROFILE_DIR,
// when set, receives CPU profiles of the services during the fan-out and
// the report submissions.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-bench/bench"
)

func main() {
	version.Handle("eoffice-bench", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-bench:", err)
		os.Exit(1)
	}
}

// figures are printed in this order at the end.
type figure struct {
	key, format string
	value       float64
}

func run(ctx context.Context) error {
	fs := flag.NewFlagSet("eoffice-bench", flag.ContinueOnError)
	province := fs.Bool("province", false, "generate a province and print its figures instead of the load figures")
	var po bench.ProvinceOptions
	fs.Float64Var(&po.Scale, "scale", 1, "the province's size as a share of the default (633 agencies, 400,000 documents)")
	fs.StringVar(&po.DB, "db", "sqlite", "the services' databases: sqlite or postgres (EOFFICE_BENCH_POSTGRES_DSN, default the local server)")
	fs.IntVar(&po.Workers, "workers", 16, "concurrent callers while generating")
	fs.IntVar(&po.Samples, "samples", 200, "timings of each query figure")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	if po.DB != "sqlite" && po.DB != "postgres" {
		return fmt.Errorf("--db %q: want sqlite or postgres", po.DB)
	}
	if po.Scale <= 0 {
		return fmt.Errorf("--scale %g: want more than 0", po.Scale)
	}
	if *province {
		binDir := os.Getenv("EOFFICE_BIN_DIR")
		if binDir == "" {
			return fmt.Errorf("EOFFICE_BIN_DIR must name the stack's binaries (scripts/bench.sh builds them)")
		}
		keys, err := bench.RunProvince(ctx, binDir, po, os.Stderr)
		if err != nil {
			return err
		}
		for _, k := range keys {
			fmt.Println(k)
		}
		return nil
	}
	quick := os.Getenv("EOFFICE_BENCH_QUICK") == "1"
	scale, soak, reportsFor, latencyN := 5, 5*time.Minute, 30*time.Second, 1500
	if quick {
		scale, soak, reportsFor, latencyN = 1, 60*time.Second, 10*time.Second, 500
	}
	if d := os.Getenv("EOFFICE_BENCH_SOAK"); d != "" {
		v, err := time.ParseDuration(d)
		if err != nil {
			return fmt.Errorf("EOFFICE_BENCH_SOAK: %w", err)
		}
		soak = v
	}
	binDir := os.Getenv("EOFFICE_BIN_DIR")
	if binDir == "" {
		return fmt.Errorf("EOFFICE_BIN_DIR must name the stack's binaries (scripts/bench.sh builds them)")
	}
	profDir := os.Getenv("EOFFICE_BENCH_PROFILE_DIR")
	dir, cleanup, err := bench.TempDir()
	if err != nil {
		return err
	}
	defer cleanup()
	var out []figure
	add := func(key, format string, v float64) {
		out = append(out, figure{key, format, v})
		fmt.Fprintf(os.Stderr, "eoffice-bench: "+key+"="+format+"\n", v)
	}

	step("raw broker")
	brokerRate, err := bench.RawBroker(ctx, dir, 20000*scale)
	if err != nil {
		return fmt.Errorf("raw broker: %w", err)
	}
	add("raw_broker_roundtrip_per_s", "%.0f", brokerRate)
	step("raw store")
	storeRate, err := bench.RawStore(ctx, dir, 4000*scale, 8)
	if err != nil {
		return fmt.Errorf("raw store: %w", err)
	}
	add("raw_store_tx_per_s", "%.0f", storeRate)

	step("stack")
	logf, err := os.Create(filepath.Join(dir, "stack.log"))
	if err != nil {
		return err
	}
	defer logf.Close()
	st, err := bench.StartStack(ctx, binDir, filepath.Join(dir, "stack"), profDir != "", logf)
	if err != nil {
		return err
	}
	defer st.Stop()
	sampler := bench.StartSampler(st.PID(), 250*time.Millisecond)
	defer sampler.Stop()
	org, err := bench.Seed(ctx, st)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}

	step("fan-out of 1,000 items × 3 units")
	var during func()
	profiled := make(chan struct{})
	if profDir != "" {
		during = func() { _ = bench.CPUProfiles(ctx, st, profDir, "fanout", 10); close(profiled) }
	} else {
		close(profiled)
	}
	fanout, planID, err := bench.Fanout(ctx, org, 1000, during)
	if err != nil {
		return fmt.Errorf("fan-out: %w", err)
	}
	add("fanout_assignments_per_s", "%.0f", fanout)
	add("fanout_vs_limit", "%.2f", fanout/min(brokerRate, storeRate/2))

	step("event latency at 50/s")
	<-profiled // a process serves one CPU profile at a time
	if profDir != "" {
		go func() { _ = bench.CPUProfiles(ctx, st, profDir, "latency", 10) }()
	}
	lat, err := bench.Latency(ctx, org, latencyN, 50)
	if err != nil {
		return fmt.Errorf("latency: %w", err)
	}
	idle("before the latency clock", lat.Waited, lat.Backlog)
	fmt.Fprintf(os.Stderr, "eoffice-bench: event latency by leg, p50/p99 ms: %s\n", lat.Hops)
	add("event_latency_p50_ms", "%.1f", lat.P50)
	add("event_latency_p99_ms", "%.1f", lat.P99)
	if profDir != "" {
		_ = bench.HeapProfiles(ctx, st, profDir, "latency")
	}

	step("report submissions, 32 clients")
	waited, backlog, err := st.WaitIdle(ctx, 5*time.Minute)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	idle("before the report submissions", waited, backlog)
	if err := org.Login(ctx); err != nil {
		return err
	}
	if profDir != "" {
		go func() { _ = bench.CPUProfiles(ctx, st, profDir, "reports", int(reportsFor.Seconds())-1) }()
	}
	cpu0, cpuBy := bench.TreeCPU(st.PID()), bench.TreeCPUByName(st.PID())
	rps, rp99, err := bench.Reports(ctx, org, planID, 32, reportsFor)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	// What a submission costs the whole stack (every process's CPU time
	// since cpu0), steadier than the rate on a shared machine.
	submissions := rps * reportsFor.Seconds()
	cpuPerSubmission := func() float64 {
		return float64(bench.TreeCPU(st.PID())-cpu0) / float64(time.Millisecond) / submissions
	}
	add("report_submit_per_s", "%.0f", rps)
	add("report_submit_p99_ms", "%.1f", rp99)
	add("cpu_ms_per_submission", "%.2f", cpuPerSubmission())
	fmt.Fprintln(os.Stderr, "eoffice-bench: CPU per submission by process (ms):", bench.CPUSince(st.PID(), cpuBy, submissions))
	// The window above leaves out what the submissions set off but the
	// stack had not done when it closed (notifications, e-mails behind);
	// a stack that falls behind would look cheaper. This one waits until
	// the stack is idle again (its quiet second included), so that it
	// counts all the work, however late.
	tail, left, err := st.WaitIdle(ctx, 5*time.Minute)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	add("cpu_ms_per_submission_drained", "%.2f", cpuPerSubmission())
	fmt.Fprintf(os.Stderr, "eoffice-bench: the stack was idle again %.1f s after the submissions (left then: %s)\n", tail.Seconds(), left)

	step(fmt.Sprintf("soak for %s at 100 operations/s", soak))
	if err := org.Login(ctx); err != nil {
		return err
	}
	res, err := bench.Soak(ctx, org, planID, sampler, 100, soak)
	if err != nil {
		return fmt.Errorf("soak: %w", err)
	}
	for _, e := range res.Examples {
		fmt.Fprintln(os.Stderr, "eoffice-bench: soak failure:", e)
	}
	add("soak_seconds", "%.0f", soak.Seconds())
	add("soak_requests", "%.0f", float64(res.Requests))
	add("soak_5xx", "%.0f", float64(res.Status5xx))
	add("soak_failures", "%.0f", float64(res.Failures))
	add("soak_rss_growth_mb", "%.1f", res.RSSGrowthMB)
	add("peak_rss_mb", "%.0f", float64(sampler.Peak())/(1<<20))
	// How much of that peak the programs' own files are (RssFile): the
	// share only fewer or smaller binaries can shrink.
	add("peak_rss_file_mb", "%.0f", float64(sampler.PeakFile())/(1<<20))
	if profDir != "" {
		_ = bench.HeapProfiles(ctx, st, profDir, "end")
	}
	fmt.Fprintln(os.Stderr, "eoffice-bench: peak memory by process (MB):", sampler.Peaks())

	for _, f := range out {
		fmt.Printf("%s="+f.format+"\n", f.key, f.value)
	}
	for _, f := range out {
		if t, ok := targets[f.key]; ok {
			fmt.Fprintf(os.Stderr, "eoffice-bench: target %s %s %g: %s\n", f.key, t.op, t.v, t.verdict(f.value))
		}
	}
	return nil
}

// targets are the goals of issue 21 (point 4) for some figures: "<=" a
// ceiling or ">=" a floor. Missing one is reported, not a failure: the
// figures move with what else a shared machine runs.
var targets = map[string]target{
	"cpu_ms_per_submission": {"<=", 0.55},
	"report_submit_per_s":   {">=", 3000},
	"report_submit_p99_ms":  {"<=", 20},
	"event_latency_p99_ms":  {"<=", 15},
	"peak_rss_mb":           {"<=", 300},
	"fanout_vs_limit":       {">=", 0.5},
}

type target struct {
	op string // "<=" or ">="
	v  float64
}

func (t target) verdict(got float64) string {
	if (t.op == "<=" && got <= t.v) || (t.op == ">=" && got >= t.v) {
		return fmt.Sprintf("met (%g)", got)
	}
	return fmt.Sprintf("missed (%g)", got)
}

// idle says how long a phase waited for the stack to be idle, and for what.
func idle(before string, waited time.Duration, backlog string) {
	if backlog == "" {
		backlog = "nothing queued; events may still have been in flight"
	}
	fmt.Fprintf(os.Stderr, "eoffice-bench: waited %s for the stack to be idle %s (found: %s)\n", waited.Round(time.Millisecond), before, backlog)
}

func step(what string) {
	fmt.Fprintf(os.Stderr, "eoffice-bench: %s %s…\n", time.Now().Format("15:04:05"), what)
}
