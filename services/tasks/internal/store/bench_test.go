package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// seed100k writes 100,000 tasks over 200 units and 365 due dates, a tenth
// completed, plus one plan of 1,000 items × 3 units.
func seed100k(b *testing.B, db *store.DB) *taskstore.Store {
	b.Helper()
	s := open(b, db)
	ctx := context.Background()
	start := domain.MustDate("2025-01-01")
	var batch []domain.Task
	flush := func() {
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			_, err := s.CreateTasks(ctx, tx, batch)
			return err
		}); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	for i := 0; i < 100_000; i++ {
		x := task(fmt.Sprintf("t%06d", i), fmt.Sprintf("d%d", i/50), "ubnd", fmt.Sprintf("u%03d", i%200), t0)
		x.AssigneeUserID = fmt.Sprint(i)
		x.DueDate = domain.DateOf(start.End().AddDate(0, 0, i%365))
		if i%10 == 0 {
			x.Status = domain.StatusCompleted
			done := x.DueDate.End().Add(time.Duration(i%3-1) * time.Hour)
			x.CompletedAt = &done
		}
		if i >= 97_000 {
			x.SourceDocumentID, x.Origin, x.PlanItemID = "plan-1", domain.OriginPlanItem, fmt.Sprintf("item-%d", (i-97_000)/3)
		}
		batch = append(batch, x)
		if len(batch) == 2000 {
			flush()
		}
	}
	flush()
	return s
}

// go test ./internal/store -run '^$' -bench 'Scoreboard' -benchtime 20x
func BenchmarkScoreboard(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			var db *store.DB
			if name == "sqlite" {
				db = storetest.OpenSQLite(b)
			} else {
				db = storetest.OpenPostgres(b)
			}
			s := seed100k(b, db)
			ctx := context.Background()
			b.Run("stats-units-year", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					st, err := s.StatTasks(ctx, app.StatsByDue, domain.MustDate("2025-01-01"), domain.MustDate("2025-12-31"), domain.MustDate("2025-06-30").End())
					if err != nil || len(st.Tasks)+len(st.Running) == 0 {
						b.Fatalf("%d tasks, %d counts, %v", len(st.Tasks), len(st.Running), err)
					}
				}
			})
			b.Run("stats-units-month", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := s.StatTasks(ctx, app.StatsByDue, domain.MustDate("2025-03-01"), domain.MustDate("2025-03-31"), domain.MustDate("2025-03-31").End()); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("plan-progress-3000", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					ts, err := s.PlanTasks(ctx, "plan-1")
					if err != nil || len(ts) != 3000 {
						b.Fatalf("%d, %v", len(ts), err)
					}
				}
			})
		})
	}
}
