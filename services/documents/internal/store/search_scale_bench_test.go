package store_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// searchSenders are the organisations the seeded documents come from; the
// last is rare (one document in 500).
var searchSenders = []string{"Bộ Nội vụ", "Bộ Tài chính", "Văn phòng Chính phủ", "Bộ Thông tin và Truyền thông", "Sở Tài chính", "Công an tỉnh"}

// searchYear is n documents that reached UBND in 2026 (every fifth on
// paper, the rest by exchange, each with its sender's notation and a số
// đến) and n/10 that UBND issued, 01/CT-UBND among them.
func searchYear(n int) []testenv.Seeded {
	start := time.Date(2026, 1, 1, 7, 0, 0, 0, domain.Zone)
	kinds := []string{"official_letter", "plan", "report", "decision", "notice", "invitation"}
	words := strings.Fields("nâng cao chỉ số hiệu quả quản trị hành chính công cấp tỉnh cải cách thủ tục dịch vụ trực tuyến chuyển đổi số")
	ubnd := testenv.Units["UBND"].ID
	docs := make([]testenv.Seeded, 0, n+n/10)
	for i := range n {
		at := start.Add(time.Duration(i) * (365 * 24 * time.Hour / time.Duration(n)))
		sender := searchSenders[i%5]
		if i%500 == 499 {
			sender = searchSenders[5]
		}
		channel := "exchange"
		if i%5 == 0 {
			channel = "paper"
		}
		summary := fmt.Sprintf("Về việc %s %s số %d", words[i%len(words)], words[(i*7)%len(words)], i)
		if i%1000 == 0 {
			summary += ", tiếp nhận phản ánh, kiến nghị của người dân"
		}
		docs = append(docs, testenv.Seeded{ID: fmt.Sprintf("in-%07d", i), Kind: kinds[i%len(kinds)], Channel: channel,
			Summary: summary, SenderName: sender, OriginalNotation: fmt.Sprintf("%d/%s-VP", i+1, "BNV"),
			OriginalDate: at.Add(-48 * time.Hour).In(domain.Zone).Format(domain.DateLayout), Recipients: []string{ubnd},
			ReceiptAgency: ubnd, IncomingNumber: int64(i + 1), Arrived: at, RegisteredAt: at.Add(time.Hour), RegisteredBy: "u-ubnd-vt"})
	}
	for i := range n / 10 {
		docs = append(docs, testenv.Seeded{ID: fmt.Sprintf("out-%07d", i), Kind: "directive", IssuerUnitID: ubnd,
			DraftingUnitID: testenv.Units["KT"].ID, Summary: "Chỉ thị về " + words[i%len(words)], Series: domain.SeriesGeneral,
			Number: int64(i + 1), Notation: fmt.Sprintf("%02d/CT-UBND", i+1), IssuedAt: start.Add(time.Duration(i) * time.Hour),
			SignerName: "Trần Thị Bình", Recipients: []string{testenv.Units["STTTT"].ID}})
	}
	return docs
}

// BenchmarkSearch measures the search form (GET /v1/documents without a
// box: every document the caller may see, here UBND's clerk) over an
// agency that received 100,000 documents in a year (EOFFICE_BENCH_DOCS to
// change), on SQLite and, with EOFFICE_TEST_POSTGRES_DSN, on PostgreSQL.
// With EOFFICE_BENCH_PLAN=1 it logs each query's plan.
//
//	go test -run '^$' -bench '^BenchmarkSearch$' -benchtime 20x ./internal/store/
func BenchmarkSearch(b *testing.B) {
	n := 100_000
	if v := os.Getenv("EOFFICE_BENCH_DOCS"); v != "" {
		fmt.Sscan(v, &n)
	}
	some := func(r []store.Listed) bool { return len(r) > 0 && len(r) <= 50 }
	cases := []struct {
		name string
		q    store.ListQuery
		want func(rows []store.Listed) bool
	}{
		{"notation exact", store.ListQuery{Notation: "01/CT-UBND", NotationFirst: "01/CT-UBND"}, func(r []store.Listed) bool {
			return len(r) == 1 && r[0].Document.Notation == "01/CT-UBND"
		}},
		{"notation typed in q", store.ListQuery{Q: domain.Fold("01/CT-UBND"), NotationFirst: "01/CT-UBND"}, func(r []store.Listed) bool {
			return len(r) >= 1 && r[0].Document.Notation == "01/CT-UBND"
		}},
		{"notation prefix", store.ListQuery{Notation: "777", NotationFirst: "777"}, some},
		{"incoming number", store.ListQuery{IncomingNumber: 125}, func(r []store.Listed) bool { return len(r) == 1 }},
		{"sender", store.ListQuery{Sender: domain.Fold("công an tỉnh")}, some},
		{"text", store.ListQuery{Q: domain.Fold("phản ánh, kiến nghị")}, some},
		{"combined", store.ListQuery{Kind: "official_letter", Channel: "exchange", Sender: "bo tai chinh", From: "2026-03-01", To: "2026-03-31",
			Q: "tinh"}, some},
		{"date range", store.ListQuery{From: "2026-06-01", To: "2026-06-07"}, some},
	}
	storetest.EachBench(b, func(b *testing.B, db *pkgstore.DB) {
		e := testenv.New(b, db)
		start := time.Now()
		testenv.Seed(b, db, searchYear(n))
		b.Logf("%s: %d documents loaded in %s", b.Name(), n+n/10, time.Since(start).Round(time.Millisecond))
		ctx := e.Ctx("ubnd.vt")
		if db.Dialect == pkgstore.Postgres {
			// What autovacuum does after a load of this size.
			if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
				b.Fatal(err)
			}
		}
		p, _ := auth.FromContext(ctx)
		actor := domain.Actor{UserID: p.Subject, UnitID: p.UnitID, AgencyID: p.AgencyID, Roles: p.Roles}
		for _, c := range cases {
			c.q.Actor, c.q.Limit = actor, 50
			if os.Getenv("EOFFICE_BENCH_PLAN") != "" {
				plan, err := e.Store.ListPlan(ctx, c.q)
				if err != nil {
					b.Fatal(err)
				}
				b.Logf("%s, %s:\n%s", b.Name(), c.name, plan)
			}
			b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
				for b.Loop() {
					rows, _, err := e.Store.List(ctx, c.q)
					if err != nil || !c.want(rows) {
						b.Fatalf("%d rows, %v", len(rows), err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			})
		}
	})
}
