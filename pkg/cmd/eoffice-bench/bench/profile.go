package bench

import (
	"context"
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
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(st.Pprof))
	for svc, addr := range st.Pprof {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := &http.Client{Timeout: time.Duration(seconds+30) * time.Second}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, seconds), nil)
			resp, err := hc.Do(req)
			if err != nil {
				errs <- fmt.Errorf("profile %s: %w", svc, err)
				return
			}
			defer resp.Body.Close()
			f, err := os.Create(filepath.Join(dir, name+"-"+svc+".pprof"))
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
