package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// BenchmarkRegisterExport measures the outgoing register of a year of
// 20,000 documents (EOFFICE_BENCH_DOCS to change) as .xlsx: its time, and
// the documents service's heap while it makes one, as the most the heap
// held above its level before (peak-heap-MB, sampled every millisecond):
//
//	go test -run '^$' -bench RegisterExport -benchtime 3x ./internal/httpapi/
func BenchmarkRegisterExport(b *testing.B) {
	n := benchDocs(20_000)
	storetest.EachBench(b, func(b *testing.B, db *pkgstore.DB) {
		e := testenv.New(b, db)
		testenv.Seed(b, db, outgoingYear(n))
		token := e.Token("ubnd.vt")
		export := func() int64 {
			req, _ := http.NewRequest("GET", e.Server.URL+registerURL("outgoing", "format=xlsx"), nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			defer resp.Body.Close()
			size, err := io.Copy(io.Discard, resp.Body)
			if err != nil || resp.StatusCode != 200 {
				b.Fatalf("export: %d, %v", resp.StatusCode, err)
			}
			return size
		}
		export() // warm: caches, connections
		var peak uint64
		b.ResetTimer()
		for b.Loop() {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			base := ms.HeapAlloc
			var high atomic.Uint64
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				t := time.NewTicker(time.Millisecond)
				defer t.Stop()
				for {
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					if ms.HeapAlloc > high.Load() {
						high.Store(ms.HeapAlloc)
					}
					select {
					case <-stop:
						return
					case <-t.C:
					}
				}
			}()
			if size := export(); size < int64(n)*20 {
				b.Fatalf("a register of %d documents in %d bytes", n, size)
			}
			close(stop)
			<-done
			if h := high.Load(); h > base {
				peak = max(peak, h-base)
			}
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
	})
}

// BenchmarkRegisterPage measures one page (100 entries) of the JSON
// outgoing register of a year of 20,000 documents (EOFFICE_BENCH_DOCS):
// the first, and one from the middle of the year by its cursor.
//
//	go test -run '^$' -bench RegisterPage ./internal/httpapi/
func BenchmarkRegisterPage(b *testing.B) {
	n := benchDocs(20_000)
	storetest.EachBench(b, func(b *testing.B, db *pkgstore.DB) {
		e := testenv.New(b, db)
		testenv.Seed(b, db, outgoingYear(n))
		// One token for every call: minting one is the test's work, not the
		// service's.
		login := "raw:" + e.Token("ubnd.vt")
		for _, page := range []struct{ name, query string }{
			{"first", "limit=100"},
			{"middle", "limit=100&cursor=" + httpx.EncodeCursor(domain.SeriesGeneral, strconv.Itoa(n/2))},
		} {
			b.Run(page.name, func(b *testing.B) {
				c := client{b, e}
				for b.Loop() {
					var reg documentsapi.Register
					c.must(200, "GET", registerURL("outgoing", page.query), login, nil, &reg)
					if len(reg.Items) != 100 || reg.NextCursor == "" {
						b.Fatalf("page: %d entries, next %q", len(reg.Items), reg.NextCursor)
					}
				}
			})
		}
	})
}

// benchDocs is how many documents a benchmark seeds: EOFFICE_BENCH_DOCS,
// else def.
func benchDocs(def int) int {
	if v := os.Getenv("EOFFICE_BENCH_DOCS"); v != "" {
		fmt.Sscan(v, &def)
	}
	return def
}
