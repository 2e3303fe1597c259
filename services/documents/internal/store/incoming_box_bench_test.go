package store_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// BenchmarkIncomingBox measures the first page and page 200 (walked to
// by cursor) of a clerk's incoming box in an agency with 50,000 receipts
// (EOFFICE_BENCH_DOCS to change), a tenth of them still waiting, and 2,000
// documents of its own addressed to itself, on SQLite and, with
// EOFFICE_TEST_POSTGRES_DSN, on PostgreSQL:
//
//	go test -run '^$' -bench BenchmarkIncomingBox -benchtime 10x ./internal/store/
func BenchmarkIncomingBox(b *testing.B) {
	n := 50_000
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
		seedIncoming(b, s, db, n)
		b.Logf("%s: %d receipts loaded in %s", b.Name(), n, time.Since(start).Round(time.Millisecond))
		// The planner's statistics, as autovacuum keeps them in service
		// (SQLite runs none unless told to, as testenv.Seed says, and its
		// pool refuses a write outside a transaction).
		if db.Dialect == pkgstore.Postgres {
			if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
				b.Fatal(err)
			}
		}
		clerk := domain.Actor{UserID: "clerk-b", UnitID: "B", AgencyID: "B", Roles: []string{domain.RoleClerk}}
		const limit = 20
		var deep []string
		for range 199 {
			_, next, err := s.List(ctx, store.ListQuery{Box: store.BoxIncoming, Actor: clerk, Limit: limit, After: deep})
			if err != nil || next == nil {
				b.Fatalf("walking to page 200: %v", err)
			}
			deep = next
		}
		for _, page := range []struct {
			name  string
			after []string
		}{{"page1", nil}, {"page200", deep}} {
			q := store.ListQuery{Box: store.BoxIncoming, Actor: clerk, Limit: limit, After: page.after}
			plan, err := s.ListPlan(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s %s plan:\n%s", b.Name(), page.name, plan)
			b.Run(page.name, func(b *testing.B) {
				for b.Loop() {
					rows, _, err := s.List(ctx, q)
					if err != nil || len(rows) != limit {
						b.Fatalf("%d rows, %v", len(rows), err)
					}
				}
			})
		}
	})
}

// seedIncoming issues n documents of agency A to agency B (a tenth still
// waiting for registration, some urgent) and n/25 of B to itself.
func seedIncoming(b *testing.B, s *store.Store, db *pkgstore.DB, n int) {
	ctx := context.Background()
	const batch = 1000
	own := n / 25
	for i := 0; i < n+own; i += batch {
		err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			for j := i; j < i+batch && j < n+own; j++ {
				at := t0.Add(time.Duration(j) * time.Minute)
				issuer := "A"
				if j >= n {
					issuer, at = "B", t0.Add(time.Duration(j-n)*25*time.Minute+time.Second)
				}
				d := draft(fmt.Sprintf("d%07d", j), issuer, at, domain.Recipient{UnitID: "B-VP", AgencyID: "B"})
				if j%7 == 0 {
					d.Urgency = domain.UrgencyUrgent
				}
				if err := s.InsertDocument(ctx, tx, d); err != nil {
					return err
				}
				d.Status, d.IssuedAt, d.IssuedBy = domain.StatusIssued, &at, "clerk-"+issuer
				if err := s.SaveDocument(ctx, tx, d, domain.StatusDraft); err != nil {
					return err
				}
				rs := domain.NewReceipts(d, at)
				if err := s.InsertReceipts(ctx, tx, rs); err != nil {
					return err
				}
				if len(rs) == 1 && j%10 != 0 {
					r := rs[0]
					reg := at.Add(time.Hour)
					r.Status, r.IncomingNumber, r.IncomingYear, r.RegisteredAt, r.RegisteredBy = domain.ReceiptRegistered, int64(j+1), 2025, &reg, "clerk-b"
					r.Direction = &domain.Direction{LeadUnitID: "B-VP", DirectedBy: "leader-b", DirectedAt: reg}
					r.Status = domain.ReceiptDirected
					if err := s.SaveReceipt(ctx, tx, r, domain.ReceiptReceived); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
