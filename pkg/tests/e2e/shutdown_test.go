package e2e

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestGracefulShutdown stops the stack (SIGTERM, as Ctrl-C would) in the
// middle of a burst of issue calls. Every call either is refused at the
// door or completes with 200, and a directive is issued exactly when its
// call was answered 200 (no request is cut half way); the stop takes
// bounded time; the relay has drained the outbox; and after a restart each
// issued directive has exactly one task, each refused one none.
func TestGracefulShutdown(t *testing.T) {
	dir := t.TempDir()
	s := startStackIn(t, dir)
	o := seed(t, s, login(t, s.identity, "admin", s.adminPassword))
	const burst = 40
	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	ids := make([]string, burst)
	for i := range ids {
		var d documentsapi.Document
		must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", o.users["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
			Summary: "Chỉ thị thử dừng máy", Body: "…", Recipients: []string{o.units["STTTT"].ID}, DueDate: due}, &d)
		u := s.documents + "/v1/documents/" + d.ID
		must(t, http.StatusOK, "POST", u+"/submit", o.users["ubnd.chuyenvien"], nil, nil)
		must(t, http.StatusOK, "POST", u+"/approve", o.users["ubnd.lanhdao"], nil, nil)
		ids[i] = d.ID
	}

	// Each call on its own connection: a refused dial is then the only way
	// a call may fail, never a request lost on a closing keep-alive.
	hc := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	statuses := make([]int, burst)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			time.Sleep(time.Duration(i) * 2 * time.Millisecond) // spread over the stop
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, s.documents+"/v1/documents/"+id+"/issue", nil)
			req.Header.Set("Authorization", "Bearer "+o.users["ubnd.vanthu"])
			resp, err := hc.Do(req)
			if err != nil {
				// Refused, reset in the kernel's accept queue, or closed
				// before its request was read (Shutdown closes connections
				// with no request in progress: the client then reads EOF,
				// or gets EPIPE if it was still writing the request): the
				// service never handled it. One it handled must be
				// answered (checked below).
				if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, syscall.EPIPE) && !errors.Is(err, io.EOF) {
					t.Errorf("issue %d: %v", i, err)
				}
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	close(start)
	time.Sleep(20 * time.Millisecond)
	stopAt := time.Now()
	s.stop()
	t.Logf("measured: stack stopped %s after SIGTERM", time.Since(stopAt))
	wg.Wait()

	accepted := 0
	for i, st := range statuses {
		if st != 0 && st != http.StatusOK {
			t.Errorf("issue %d answered %d", i, st)
		}
		if st == http.StatusOK {
			accepted++
		}
	}
	t.Logf("%d of %d issue calls accepted before the stop", accepted, burst)
	if db := filepath.Join(dir, "documents.db"); fileExists(db) {
		if n := unsentOutbox(t, db); n != 0 {
			t.Errorf("documents' outbox holds %d unsent events after a clean stop", n)
		}
	}

	s = startStackIn(t, dir)
	tok := map[string]string{}
	for _, u := range []string{"ubnd.lanhdao", "stttt.lanhdao"} {
		tok[u] = login(t, s.identity, u, password)
	}
	for i, id := range ids {
		var d documentsapi.Document
		must(t, http.StatusOK, "GET", s.documents+"/v1/documents/"+id, tok["ubnd.lanhdao"], nil, &d)
		if (statuses[i] == http.StatusOK) != (d.Status == "issued") {
			t.Errorf("issue %d answered %d but the document is %s: a request was cut in flight", i, statuses[i], d.Status)
		}
		want := 0
		if d.Status == "issued" {
			want = 1
		}
		var got []tasksapi.Task
		eventually(t, 30*time.Second, "the tasks of the issued directives", func() bool {
			got, _ = pages[tasksapi.Task](s.tasks+"/v1/tasks?box=inbox&source_document_id="+id, tok["stttt.lanhdao"])
			return len(got) >= want
		})
		if len(got) != want {
			t.Errorf("directive %d (%s): %d tasks, want %d", i, d.Status, len(got), want)
		}
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func unsentOutbox(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
