package consumer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// BenchmarkPlanFanOut issues a plan of 1,000 items with two cooperating
// units each (3,000 tasks) and reports the time per plan: one handler
// transaction per plan.item_issued (a consumer fed one message at a time),
// and batch256, the consumer's batches when the items arrive together
// (pkg/messaging handles up to 256 fetched messages in one transaction).
//
//	go test ./internal/consumer -run '^$' -bench PlanFanOut -benchtime 3x
func BenchmarkPlanFanOut(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres", "sqlite-batch256", "postgres-batch256"} {
		batch := 1
		if strings.HasSuffix(name, "-batch256") {
			batch = 256
		}
		b.Run(name, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var db *store.DB
				if strings.HasPrefix(name, "sqlite") {
					db = storetest.OpenSQLite(b)
				} else {
					db = storetest.OpenPostgres(b)
				}
				f := setupTB(b, db)
				evs := make([]envelope.Event, 0, 1000)
				for n := 1; n <= 1000; n++ {
					it := &eventsv1.PlanItemIssued{PlanDocumentId: "plan-1", ItemId: fmt.Sprintf("item-%d", n), ItemNumber: int32(n),
						Title: fmt.Sprintf("Nhiệm vụ %d", n), LeadUnitId: fmt.Sprintf("u%d", n%40), CooperatingUnitIds: []string{fmt.Sprintf("c%d", n%7), fmt.Sprintf("d%d", n%11)},
						DueDate: "2025-12-31", IssuerUnitId: "ubnd", PlanNotation: "20/KH-UBND"}
					ev := event(b, events.PlanItemIssued, "plan-1", it)
					evs = append(evs, ev)
				}
				b.StartTimer()
				start := time.Now()
				for len(evs) > 0 {
					n := min(batch, len(evs))
					if err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
						for _, ev := range evs[:n] {
							if err := f.h.PlanItemIssued(ctx, tx, ev); err != nil {
								return err
							}
						}
						return nil
					}); err != nil {
						b.Fatal(err)
					}
					evs = evs[n:]
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
