package store_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/followup"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// randomTasks are n tasks of four units due over three months and a half
// (across months and their ten-day parts), in every status, with their
// report, completion, acceptance and cancellation around the due date's
// last instant (on it one time in ten).
func randomTasks(r *rand.Rand, n int) []domain.Task {
	var out []domain.Task
	for i := range n {
		x := task(fmt.Sprintf("r%04d", i), fmt.Sprintf("rd%04d", i), "ubnd", fmt.Sprintf("u%d", r.IntN(4)), t0)
		x.DueDate = domain.MustDate("2025-02-20").AddDays(r.IntN(105))
		randomState(r, &x)
		out = append(out, x)
	}
	return out
}

// around is an instant within ten days of d's last instant, or that one.
func around(r *rand.Rand, d domain.Date) *time.Time {
	v := d.End()
	if r.IntN(10) > 0 {
		v = v.Add(time.Duration(r.IntN(20*24)-10*24) * time.Hour)
	}
	return &v
}

// randomState puts x in a random status with the times that go with it.
func randomState(r *rand.Rand, x *domain.Task) {
	x.FinalReportAt, x.CompletedAt, x.AcceptedAt, x.CancelledAt = nil, nil, nil, nil
	switch r.IntN(5) {
	case 0:
		x.Status = domain.StatusAssigned
	case 1:
		x.Status = domain.StatusInProgress
	case 2:
		x.Status, x.FinalReportAt = domain.StatusAwaitingReview, around(r, x.DueDate)
	case 3:
		x.Status, x.CompletedAt = domain.StatusCompleted, around(r, x.DueDate)
		x.FinalReportAt = x.CompletedAt
		if r.IntN(4) > 0 {
			a := x.CompletedAt.Add(time.Duration(r.IntN(72)) * time.Hour)
			x.AcceptedAt = &a
		}
	default:
		x.Status = domain.StatusCancelled
		if r.IntN(4) > 0 {
			x.CancelledAt = around(r, x.DueDate)
		}
		if r.IntN(2) == 0 {
			x.FinalReportAt = around(r, x.DueDate)
		}
	}
}

// perUnit is a scoreboard's counts per unit and class.
type perUnit map[string]map[string]int

func (p perUnit) add(unit, class string, n int) {
	if p[unit] == nil {
		p[unit] = map[string]int{}
	}
	p[unit][class] += n
}

// direct counts every task due in [from, to] in its class as of asOf.
func direct(all map[string]domain.Task, from, to domain.Date, asOf time.Time) perUnit {
	out := perUnit{}
	for _, x := range all {
		if (!from.IsZero() && x.DueDate.Before(from)) || (!to.IsZero() && to.Before(x.DueDate)) {
			continue
		}
		if c, counted := x.ClassAt(asOf); counted {
			out.add(x.AssigneeUnitID, string(c), 1)
		}
	}
	return out
}

// fromStats counts what StatTasks returns as the app's scoreboard does.
func fromStats(t *testing.T, d app.StatData, asOf time.Time) perUnit {
	out := perUnit{}
	for _, x := range d.Tasks {
		if c, counted := x.ClassAt(asOf); counted {
			out.add(x.AssigneeUnitID, string(c), 1)
		}
	}
	for _, r := range d.Running {
		if r.N <= 0 {
			t.Errorf("running count %+v", r)
		}
		c, _ := domain.Task{Status: r.Status, DueDate: r.DueDate}.ClassAt(asOf)
		out.add(r.UnitID, string(c), r.N)
	}
	for _, c := range d.Classed {
		if c.N <= 0 {
			t.Errorf("class count %+v", c)
		}
		out.add(c.UnitID, c.Class, c.N)
	}
	return out
}

// sameCounts checks the scoreboard from the running totals against a
// direct count, over random periods (open on either side or not) as of
// random instants and the day ends around them.
func sameCounts(t *testing.T, s *taskstore.Store, r *rand.Rand, all map[string]domain.Task, when string) {
	t.Helper()
	ctx := context.Background()
	day := func() domain.Date { return domain.MustDate("2025-02-10").AddDays(r.IntN(125)) }
	for i := range 60 {
		from, to := day(), day()
		if to.Before(from) {
			from, to = to, from
		}
		switch i % 5 {
		case 0:
			from = domain.Date{}
		case 1:
			to = domain.Date{}
		case 2:
			from, to = domain.Date{}, domain.Date{}
		}
		asOf := *around(r, day())
		if i%7 == 0 {
			asOf = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) // all settled: a live scoreboard
		}
		data, err := s.StatTasks(ctx, app.StatsByDue, from, to, asOf)
		if err != nil {
			t.Fatal(err)
		}
		got, want := fromStats(t, data, asOf), direct(all, from, to, asOf)
		if !maps.EqualFunc(got, want, maps.Equal) {
			t.Fatalf("%s: due %s..%s as of %s:\n got %v\nwant %v", when, from, to, asOf.Format(time.RFC3339Nano), got, want)
		}
	}
}

// The scoreboard from the running totals is a direct count of the tasks
// in their classes (followup.ClassAt), after tasks are created one by one
// or many at once and after changes of status, deadline, completion and
// cancellation through each way the store updates a task.
func TestScoreboardCountsAsDirectCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		r := rand.New(rand.NewPCG(21, 3))
		tasks := randomTasks(r, 400)
		all := map[string]domain.Task{}
		for _, x := range tasks {
			all[x.ID] = x
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			if _, err := s.CreateTasks(ctx, tx, tasks[:300]); err != nil {
				return err
			}
			for _, x := range tasks[300:] {
				if _, err := s.CreateTask(ctx, tx, x); err != nil {
					return err
				}
			}
			return nil
		})
		sameCounts(t, s, r, all, "created")
		for round := range 3 {
			for i := range 150 {
				id := tasks[r.IntN(len(tasks))].ID
				change := func(x *domain.Task) {
					if r.IntN(3) == 0 {
						x.DueDate = x.DueDate.AddDays(r.IntN(40) - 10) // an extension, or a correction
					}
					if r.IntN(4) > 0 {
						randomState(r, x)
					}
					x.Version++
				}
				var err error
				switch i % 3 {
				case 0: // the use cases' Update
					err = s.Update(ctx, id, func(ctx context.Context, x *domain.Task, w app.Writes) error {
						change(x)
						all[id] = *x
						return nil
					})
				case 1: // the write ports of a transaction
					err = s.InTx(ctx, func(ctx context.Context, w app.Writes) error {
						x, err := w.Tasks.TaskForUpdate(ctx, id)
						if err != nil {
							return err
						}
						first := x
						change(&x)
						all[id] = x
						if err := w.Tasks.UpdateTask(ctx, first, x); err != nil {
							return err
						}
						// Twice in one transaction, told the first read: a
						// stale version, so every column is set and the
						// totals move from the stored row, read again.
						change(&x)
						all[id] = x
						return w.Tasks.UpdateTask(ctx, first, x)
					})
				default: // the store's own, reading nothing first
					err = db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
						x := all[id]
						change(&x)
						all[id] = x
						return s.UpdateTask(ctx, tx, x)
					})
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			sameCounts(t, s, r, all, fmt.Sprintf("changed (round %d)", round))
		}
		// A stale version changes nothing, the totals included.
		x := all[tasks[0].ID]
		x.Status = domain.StatusCancelled
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			if err := s.UpdateTask(ctx, tx, x); err == nil {
				t.Error("stale version updated")
			}
			return nil
		})
		sameCounts(t, s, r, all, "after a conflict")
	})
}

// The migration fills the running totals from the tasks already there.
func TestMigrateCountsExistingTasks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := identityview.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx, "goose_tasks", storetest.MigrationsBefore(t, taskstore.Migrations, "00016")); err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(21, 16))
		all := map[string]domain.Task{}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, x := range randomTasks(r, 300) {
				all[x.ID] = x
				if _, err := tx.ExecContext(ctx, `INSERT INTO tasks (id, origin, source_document_id, source_kind, source_notation,
    confidentiality, urgency, plan_item_id, parent_task_id, assigner_unit_id, assignee_unit_id, assignee_user_id, role, title,
    due_date, status, progress_percent, created_at, updated_at, version, completed_at, cancelled_at, final_report_at, accepted_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
					x.ID, string(x.Origin), x.SourceDocumentID, x.SourceKind, x.SourceNotation, x.Confidentiality, string(x.Urgency),
					x.PlanItemID, x.ParentTaskID, x.AssignerUnitID, x.AssigneeUnitID, x.AssigneeUserID, string(x.Role), x.Title,
					x.DueDate.String(), string(x.Status), x.ProgressPercent, store.FormatTime(x.CreatedAt), store.FormatTime(x.UpdatedAt),
					x.Version, optTime(x.CompletedAt), optTime(x.CancelledAt), optTime(x.FinalReportAt), optTime(x.AcceptedAt)); err != nil {
					return err
				}
			}
			return nil
		})
		s := open(t, db)
		sameCounts(t, s, r, all, "migrated")
		var late int
		if err := db.QueryRowContext(ctx, `SELECT COALESCE(SUM(n), 0) FROM task_counts WHERE lvl = 2 AND kind = $1`,
			followup.CompletedLate).Scan(&late); err != nil || late == 0 {
			t.Fatalf("late tasks counted per month: %d, %v", late, err)
		}
	})
}

func optTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return store.FormatTime(*t)
}
