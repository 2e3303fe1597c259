package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// BenchmarkAnalytics reads the processing-time analytics of an agency of
// 200 units holding 100,000 tasks (seed100k: a tenth completed), for a
// year, a month and one unit (its open tasks listed too), on SQLite and
// PostgreSQL
// (EOFFICE_TEST_POSTGRES_DSN):
//
//	go test ./internal/store -run '^$' -bench Analytics -benchtime 5x
func BenchmarkAnalytics(b *testing.B) {
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
			seedAgency(b, db, 200)
			period := func(from, to string) (f, t time.Time) {
				return domain.MustDate(from).Start(), domain.MustDate(to).End()
			}
			for _, c := range []struct {
				name, root, from, to string
				completed, open      int
				list                 bool
			}{
				{"agency-year", "ubnd", "2025-01-01", "2025-12-31", 10_000, 90_000, false},
				{"agency-month", "ubnd", "2025-03-01", "2025-03-31", 0, 90_000, false},
				{"unit-year", "u010", "2025-01-01", "2025-12-31", 500, 0, false},
				{"unit-year-listed", "u011", "2025-01-01", "2025-12-31", 0, 500, true},
			} {
				b.Run(c.name, func(b *testing.B) {
					f, t := period(c.from, c.to)
					q := app.AnalyticsQuery{Root: c.root, Agency: "ubnd", From: f, To: t, OpenTasks: c.list}
					for b.Loop() {
						d, err := s.TaskAnalytics(ctx, q)
						open := len(d.Open)
						for _, n := range d.OpenCounts {
							open += n.N
						}
						if err != nil || open != c.open || (c.completed > 0 && len(d.Completed) != c.completed) {
							b.Fatalf("%d completed, %d open, %v", len(d.Completed), open, err)
						}
					}
				})
			}
		})
	}
}
