package store_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// seed100k writes 100,000 tasks over 200 units and 365 due dates, a tenth
// completed, plus one plan of 1,000 items × 3 units.
func seed100k(b *testing.B, db *store.DB) *taskstore.Store { return seedTasks(b, db, 100_000) }

// seedTasks writes n tasks (n ≥ 3,000) over 200 units and 365 due dates
// in 2025, created a second apart, a tenth
// completed, the last 3,000 the tasks of one plan of 1,000 items × 3
// units; on PostgreSQL it then analyzes them, as autovacuum would.
func seedTasks(b *testing.B, db *store.DB, n int) *taskstore.Store {
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
	for i := 0; i < n; i++ {
		x := task(fmt.Sprintf("t%06d", i), fmt.Sprintf("d%d", i/50), "ubnd", fmt.Sprintf("u%03d", i%200), t0.Add(time.Duration(i)*time.Second))
		x.AssigneeUserID = fmt.Sprint(i)
		x.DueDate = domain.DateOf(start.End().AddDate(0, 0, i%365))
		if i%10 == 0 {
			x.Status = domain.StatusCompleted
			done := x.DueDate.End().Add(time.Duration(i%3-1) * time.Hour)
			x.CompletedAt = &done
		}
		if i >= n-3000 {
			x.SourceDocumentID, x.Origin, x.PlanItemID = "plan-1", domain.OriginPlanItem, fmt.Sprintf("item-%d", (i-n+3000)/3)
		}
		batch = append(batch, x)
		if len(batch) == 2000 {
			flush()
		}
	}
	flush()
	if db.Dialect == store.Postgres {
		if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkScoreboard reads, over 5,000 and 100,000 tasks (seedTasks), the
// unit scoreboard of a year (as of its middle, when half its completed
// tasks are yet to be accepted, and as of its end) and of a month, a plan's progress (its 3,000
// tasks and their report requests) and the first 200 tasks of the inbox
// of an agency's leader (seedAgency: the agency and its five divisions)
// and of one division, on SQLite and PostgreSQL
// (EOFFICE_TEST_POSTGRES_DSN):
//
//	go test ./internal/store -run '^$' -bench Scoreboard -benchtime 10x
func BenchmarkScoreboard(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		for _, n := range []int{5_000, 100_000} {
			b.Run(fmt.Sprintf("%s/tasks=%d", name, n), func(b *testing.B) {
				db := storetest.OpenSQLite
				if name == "postgres" {
					db = storetest.OpenPostgres
				}
				d := db(b)
				s := seedTasks(b, d, n)
				seedAgency(b, d, 5)
				benchReads(b, s)
			})
		}
	}
}

// seedAgency makes units u000 … the divisions (n of them) of agency ubnd;
// the province generator's agencies have five.
func seedAgency(b *testing.B, db *store.DB, n int) {
	b.Helper()
	if err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		if _, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: "ubnd", Kind: identityview.KindAgency, AgencyID: "ubnd", Active: true}, identityview.Version{}); err != nil {
			return err
		}
		for i := range n {
			u := identityview.Unit{ID: fmt.Sprintf("u%03d", i), ParentID: "ubnd", Kind: identityview.KindDivision, AgencyID: "ubnd", Active: true}
			if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
}

func benchReads(b *testing.B, s *taskstore.Store) {
	ctx := context.Background()
	b.Run("stats-units-year", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			st, err := s.StatTasks(ctx, app.StatsByDue, domain.MustDate("2025-01-01"), domain.MustDate("2025-12-31"), domain.MustDate("2025-06-30").End())
			if err != nil || len(st.Tasks)+len(st.Running) == 0 {
				b.Fatalf("%d tasks, %d counts, %v", len(st.Tasks), len(st.Running), err)
			}
		}
	})
	// A past year as the app reads it: as of its last instant.
	b.Run("stats-units-year-closed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.StatTasks(ctx, app.StatsByDue, domain.MustDate("2025-01-01"), domain.MustDate("2025-12-31"), domain.MustDate("2025-12-31").End()); err != nil {
				b.Fatal(err)
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
			ids := make([]string, len(ts))
			for i, t := range ts {
				ids[i] = t.ID
			}
			if _, err := s.ReportRequests(ctx, ids...); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range []struct{ name, unit string }{{"inbox-agency-200", "ubnd"}, {"inbox-division-200", "u003"}} {
		b.Run(c.name, func(b *testing.B) {
			q := app.TaskQuery{Box: domain.BoxInbox, Viewer: domain.Viewer{UnitID: c.unit, AgencyID: "ubnd"}, Limit: 200}
			for i := 0; i < b.N; i++ {
				ts, err := s.Tasks(ctx, q)
				if err != nil || len(ts) == 0 {
					b.Fatalf("%d, %v", len(ts), err)
				}
			}
		})
	}
}

// BenchmarkTaskWrite times the writes of one task, each in its own
// transaction, over 5,000 tasks (seedTasks): a progress update (its
// running totals stay), a status change that moves it between them (in
// progress ⇄ completed), and a new task. cpu-ns/op is the CPU the test
// process spent (on SQLite, the database's work too), steadier than the
// time on a shared machine:
//
//	go test ./internal/store -run '^$' -bench TaskWrite -benchtime 2000x
func BenchmarkTaskWrite(b *testing.B) {
	storetest.EachBench(b, func(b *testing.B, db *store.DB) {
		s := seedTasks(b, db, 5_000)
		ctx := context.Background()
		id := func(i int) string { return fmt.Sprintf("t%06d", 1+i%4_000) } // not completed: i%10 != 0 for most
		b.Run("update-progress", func(b *testing.B) {
			defer cpuPerOp(b)()
			for i := 0; i < b.N; i++ {
				if err := s.Update(ctx, id(i), func(ctx context.Context, t *domain.Task, w app.Writes) error {
					t.ProgressPercent = (t.ProgressPercent + 1) % 100
					t.Version++
					return nil
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("update-status", func(b *testing.B) {
			defer cpuPerOp(b)()
			for i := 0; i < b.N; i++ {
				if err := s.Update(ctx, id(i), func(ctx context.Context, t *domain.Task, w app.Writes) error {
					if t.Status == domain.StatusCompleted {
						t.Status, t.CompletedAt = domain.StatusInProgress, nil
					} else {
						done := t.DueDate.End()
						t.Status, t.CompletedAt = domain.StatusCompleted, &done
					}
					t.Version++
					return nil
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("create", func(b *testing.B) {
			defer cpuPerOp(b)()
			for i := 0; i < b.N; i++ {
				x := task(fmt.Sprintf("n%07d", i), fmt.Sprintf("nd%d", i), "ubnd", fmt.Sprintf("u%03d", i%200), t0)
				if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					_, err := s.CreateTask(ctx, tx, x)
					return err
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// cpuPerOp reports, when the function it returns runs, the process's CPU
// time since per operation as cpu-ns/op.
func cpuPerOp(b *testing.B) func() {
	cpu := func() time.Duration {
		var r syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
			b.Fatal(err)
		}
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	start := cpu()
	return func() { b.ReportMetric(float64(cpu()-start)/float64(b.N), "cpu-ns/op") }
}
