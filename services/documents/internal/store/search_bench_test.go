package store_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// BenchmarkSearch100k measures one page of `q` search in the outgoing box
// of an agency with 100,000 documents (EOFFICE_BENCH_DOCS to change), on
// SQLite and, with EOFFICE_TEST_POSTGRES_DSN, on PostgreSQL:
//
//	go test -run '^$' -bench Search100k -benchtime 20x ./internal/store/
func BenchmarkSearch100k(b *testing.B) {
	n := 100_000
	if v := os.Getenv("EOFFICE_BENCH_DOCS"); v != "" {
		fmt.Sscan(v, &n)
	}
	storetest.EachBench(b, func(b *testing.B, db *pkgstore.DB) {
		ctx := context.Background()
		if err := store.Migrate(ctx, db); err != nil {
			b.Fatal(err)
		}
		s := store.New(db)
		start := time.Now()
		words := strings.Fields("nâng cao chỉ số hiệu quả quản trị hành chính công cấp tỉnh cải cách thủ tục dịch vụ trực tuyến chuyển đổi số")
		const batch = 1000
		for i := 0; i < n; i += batch {
			err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
				for j := i; j < i+batch && j < n; j++ {
					d := draft(fmt.Sprintf("d%07d", j), "A", t0.Add(time.Duration(j)*time.Second))
					d.Summary = fmt.Sprintf("Về việc %s %s số %d", words[j%len(words)], words[(j*7)%len(words)], j)
					d.Body = strings.Repeat(d.Summary+". ", 20)
					if j%1000 == 0 {
						d.Body += " Tiếp nhận phản ánh, kiến nghị của người dân."
					}
					if err := s.InsertDocument(ctx, tx, d); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("%s: %d documents loaded in %s", b.Name(), n, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		if os.Getenv("EOFFICE_BENCH_NO_INDEX") == "" {
			if err := s.PrepareSearch(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("%s: search index built in %s", b.Name(), time.Since(start).Round(time.Millisecond))
		a := domain.Actor{UserID: "x", UnitID: "A", AgencyID: "A"}
		b.ResetTimer()
		for b.Loop() {
			rows, _, err := s.List(ctx, store.ListQuery{Box: store.BoxOutgoing, Actor: a, Q: domain.Fold("phan anh"), Limit: 50})
			if err != nil || len(rows) != min(50, (n+999)/1000) {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
	})
}
