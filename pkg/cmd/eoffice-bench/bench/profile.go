package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// CPUProfiles takes a CPU profile of every service that serves pprof, for
// seconds, into dir/<name>-<service>.pprof (read with go tool pprof).
func CPUProfiles(ctx context.Context, st *Stack, dir, name string, seconds int) error {
	return profiles(ctx, st, dir, name+"-%s.pprof", fmt.Sprintf("profile?seconds=%d", seconds), time.Duration(seconds+30)*time.Second)
}

// HeapProfiles takes a heap profile of every service that serves pprof
// into dir/<name>-<service>.heap.pprof (go tool pprof -sample_index=inuse_space),
// and the same as text with the runtime's memory statistics at its end
// (<name>-<service>.heap.txt: HeapIdle, HeapReleased and Sys tell the Go
// heap from memory SQLite's C code took).
func HeapProfiles(ctx context.Context, st *Stack, dir, name string) error {
	return errors.Join(profiles(ctx, st, dir, name+"-%s.heap.pprof", "heap", 30*time.Second),
		profiles(ctx, st, dir, name+"-%s.heap.txt", "heap?debug=1", 30*time.Second))
}

// profiles fetches /debug/pprof/<what> of every service into dir, named
// by file (a format with the service's name).
func profiles(ctx context.Context, st *Stack, dir, file, what string, timeout time.Duration) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(st.Pprof))
	for svc, addr := range st.Pprof {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := &http.Client{Timeout: timeout}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/%s", addr, what), nil)
			resp, err := hc.Do(req)
			if err != nil {
				errs <- fmt.Errorf("profile %s: %w", svc, err)
				return
			}
			defer resp.Body.Close()
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf(file, svc)))
			if err != nil {
				errs <- err
				return
			}
			defer f.Close()
			if _, err := io.Copy(f, resp.Body); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
