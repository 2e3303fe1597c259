package events_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// BenchmarkPlanFanOut issues a plan of 1,000 items with two cooperating
// units each (3,000 tasks), one handler transaction per plan.item_issued as
// the consumer runs it, and reports the time per plan.
//
//	go test ./internal/events -run '^$' -bench PlanFanOut -benchtime 3x
func BenchmarkPlanFanOut(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var db *store.DB
				if name == "sqlite" {
					db = storetest.OpenSQLite(b)
				} else {
					db = storetest.OpenPostgres(b)
				}
				f := setupTB(b, db)
				evs := make([]func() error, 0, 1000)
				for n := 1; n <= 1000; n++ {
					it := &eventsv1.PlanItemIssued{PlanDocumentId: "plan-1", ItemId: fmt.Sprintf("item-%d", n), ItemNumber: int32(n),
						Title: fmt.Sprintf("Nhiệm vụ %d", n), LeadUnitId: fmt.Sprintf("u%d", n%40), CooperatingUnitIds: []string{fmt.Sprintf("c%d", n%7), fmt.Sprintf("d%d", n%11)},
						DueDate: "2025-12-31", IssuerUnitId: "ubnd", PlanNotation: "20/KH-UBND"}
					ev := event(b, events.PlanItemIssued, "plan-1", it)
					evs = append(evs, func() error { return f.handle(f.h.PlanItemIssued, ev) })
				}
				b.StartTimer()
				start := time.Now()
				for _, h := range evs {
					if err := h(); err != nil {
						b.Fatal(err)
					}
				}
				total += time.Since(start)
				b.StopTimer()
				var n int
				if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM tasks`).Scan(&n); err != nil || n != 3000 {
					b.Fatalf("%d tasks, %v", n, err)
				}
				b.StartTimer()
			}
			b.ReportMetric(total.Seconds()/float64(b.N), "s/plan")
			b.ReportMetric(3000*float64(b.N)/total.Seconds(), "tasks/s")
		})
	}
}
