package store_test

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The scoreboard's counts, whichever way each task comes (counted in SQL
// or whole), give every task the class domain.Task.ClassAt gives it: each
// task here is alone in its unit, over every side of its due date's last
// instant, acceptance and cancellation, at instants around them.
func TestStatTasksClassAsClassAt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		due := domain.MustDate("2025-03-10")
		end := due.End()
		at := func(d time.Duration) *time.Time { x := end.Add(d); return &x }
		instants := []*time.Time{nil, at(-time.Hour), at(0), at(time.Nanosecond), at(48 * time.Hour)}
		var all []domain.Task
		add := func(x domain.Task) {
			x.ID = fmt.Sprintf("t%03d", len(all))
			x.AssigneeUnitID, x.SourceDocumentID = x.ID, x.ID
			x.DueDate = due
			all = append(all, x)
		}
		for _, done := range instants {
			for _, accepted := range []time.Duration{-1, 0, time.Minute, 72 * time.Hour} {
				x := task("", "", "ubnd", "", t0)
				x.Status, x.CompletedAt, x.FinalReportAt = domain.StatusCompleted, done, done
				if done == nil {
					x.CompletedAt = at(-time.Hour) // required; its acceptance is unknown below
				}
				if accepted >= 0 {
					a := x.CompletedAt.Add(accepted)
					x.AcceptedAt = &a
				}
				add(x)
			}
		}
		for _, st := range []domain.Status{domain.StatusAssigned, domain.StatusInProgress, domain.StatusAwaitingReview, domain.StatusCancelled} {
			for _, final := range instants {
				for _, cancelled := range instants {
					if st != domain.StatusCancelled && cancelled != nil {
						continue
					}
					x := task("", "", "ubnd", "", t0)
					x.Status, x.FinalReportAt, x.CancelledAt = st, final, cancelled
					if st == domain.StatusAwaitingReview && final == nil {
						continue
					}
					add(x)
				}
			}
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			_, err := s.CreateTasks(ctx, tx, all)
			return err
		})
		for _, asOf := range []time.Time{*at(-2 * time.Hour), *at(-time.Hour), end, *at(time.Nanosecond), *at(time.Minute), *at(72 * time.Hour)} {
			want := map[string]string{}
			for _, x := range all {
				if c, counted := x.ClassAt(asOf); counted {
					want[x.ID] = string(c)
				}
			}
			for _, by := range []app.StatsBy{app.StatsByDue, app.StatsByCompleted} {
				data, err := s.StatTasks(ctx, by, domain.Date{}, domain.Date{}, asOf)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]string{}
				class := func(unit, c string, n int) {
					if _, twice := got[unit]; twice || n != 1 {
						t.Errorf("%s at %s: unit %s counted again (%s ×%d)", by, asOf, unit, c, n)
					}
					got[unit] = c
				}
				for _, x := range data.Tasks {
					if c, counted := x.ClassAt(asOf); counted {
						class(x.AssigneeUnitID, string(c), 1)
					}
				}
				for _, r := range data.Running {
					c, _ := domain.Task{Status: r.Status, DueDate: r.DueDate}.ClassAt(asOf)
					class(r.UnitID, string(c), r.N)
				}
				for _, c := range data.Classed {
					class(c.UnitID, c.Class, c.N)
				}
				if by == app.StatsByCompleted {
					maps.DeleteFunc(want, func(id string, _ string) bool { return !completed(all, id) })
				}
				for id, c := range want {
					if got[id] != c {
						t.Errorf("%s at %s: %s is %q, want %q", by, asOf.Format(time.RFC3339Nano), id, got[id], c)
					}
				}
				if len(got) != len(want) {
					t.Errorf("%s at %s: %d counted, want %d", by, asOf, len(got), len(want))
				}
			}
		}
	})
}

func completed(all []domain.Task, id string) bool {
	for _, x := range all {
		if x.ID == id {
			return x.Status == domain.StatusCompleted
		}
	}
	return false
}
