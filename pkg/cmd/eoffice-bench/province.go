package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-bench/bench"
)

// provinceOptions are the flags of --province.
type provinceOptions struct {
	scale   float64
	db      string // sqlite or postgres
	workers int
	samples int
}

// runProvince generates an empty system and a province of the scale on a
// fresh stack each, measures both and prints the province's figures with
// their growth (key=value on stdout).
func runProvince(ctx context.Context, binDir string, o provinceOptions) error {
	dir, cleanup, err := bench.TempDir()
	if err != nil {
		return err
	}
	defer cleanup()
	measure := func(name string, sz bench.Size) (bench.Figures, *bench.Province, time.Duration, error) {
		var dbs map[string]string
		if o.db == "postgres" {
			dsn := os.Getenv("EOFFICE_BENCH_POSTGRES_DSN")
			if dsn == "" {
				dsn = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
			}
			d, drop, err := bench.PostgresDBs(ctx, dsn, fmt.Sprintf("bench_%d_%s", os.Getpid(), name))
			if err != nil {
				return bench.Figures{}, nil, 0, err
			}
			defer drop()
			dbs = d
		}
		logf, err := os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			return bench.Figures{}, nil, 0, err
		}
		defer logf.Close()
		profDir := os.Getenv("EOFFICE_BENCH_PROFILE_DIR")
		st, err := bench.StartStackOn(ctx, binDir, filepath.Join(dir, name), dbs, true, profDir != "", logf)
		if err != nil {
			return bench.Figures{}, nil, 0, err
		}
		defer st.Stop()
		if profDir != "" && name == "province" {
			// The documents phase: after the people, for 20 seconds.
			go func() {
				time.Sleep(15 * time.Second)
				_ = bench.CPUProfiles(ctx, st, profDir, "province", 20)
			}()
		}
		step(fmt.Sprintf("%s: generating %+v on %s", name, sz, o.db))
		t0 := time.Now()
		p, err := bench.Generate(ctx, st, sz, o.workers, 2026, func(phase string, done, total int, took time.Duration) {
			fmt.Fprintf(os.Stderr, "eoffice-bench: %s %s %d/%d in %s (%.0f/s)\n", name, phase, done, total,
				took.Round(time.Second), float64(done)/max(took.Seconds(), 1e-3))
		})
		if err != nil {
			return bench.Figures{}, nil, 0, fmt.Errorf("%s: generate: %w", name, err)
		}
		took := time.Since(t0)
		step(name + ": measuring")
		f, err := p.Measure(ctx, o.samples)
		if err != nil {
			return bench.Figures{}, nil, 0, fmt.Errorf("%s: measure: %w", name, err)
		}
		return f, p, took, nil
	}
	base, _, _, err := measure("empty", bench.SizeAt(0))
	if err != nil {
		return err
	}
	f, p, took, err := measure("province", bench.SizeAt(o.scale))
	if err != nil {
		return err
	}
	s := took.Seconds()
	keys := []string{
		fmt.Sprintf("province_scale=%g", o.scale),
		fmt.Sprintf("province_agencies=%d", p.Made.Agencies),
		fmt.Sprintf("province_people=%d", p.Made.People),
		fmt.Sprintf("province_documents=%d", p.Made.Documents),
		fmt.Sprintf("province_receipts=%d", p.Recvd),
		fmt.Sprintf("province_plan_items=%d", p.Made.PlanItems),
		fmt.Sprintf("province_tasks=%d", p.Made.Tasks),
		fmt.Sprintf("province_reports=%d", p.Repts),
		fmt.Sprintf("province_generate_s=%.0f", s),
		fmt.Sprintf("province_generate_documents_per_s=%.1f", float64(p.Made.Documents)/s),
		// What the default province would take at this rate, in minutes:
		// linear in the data, which the rate at a small scale flatters.
		fmt.Sprintf("province_generate_full_estimate_min=%.0f", s/o.scale/60),
	}
	keys = append(keys, f.Keys(base)...)
	for _, b := range f.Flat(base) {
		fmt.Fprintln(os.Stderr, "eoffice-bench: not flat:", b)
	}
	for _, k := range keys {
		fmt.Println(k)
	}
	return nil
}
