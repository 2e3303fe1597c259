package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The scoreboard's SQL must agree with domain.Classify on every boundary.
func TestUnitStatsAgreeWithClassify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		now := time.Date(2025, 3, 31, 20, 0, 0, 0, domain.Zone) // evening of the 31st in Hanoi
		completions := []string{"", "2025-03-31T16:59:59.999999999Z", "2025-03-31T17:00:00Z", "2025-03-30T01:00:00Z", "2025-04-02T00:00:00Z"}
		dues := []string{"2025-03-30", "2025-03-31", "2025-04-01"}
		statuses := []domain.Status{domain.StatusAssigned, domain.StatusAwaitingReview, domain.StatusCompleted, domain.StatusCancelled}
		want := map[string]map[domain.Class]int{}
		var all []domain.Task
		n := 0
		for ui, unit := range []string{"a", "b"} {
			for _, due := range dues {
				for _, st := range statuses {
					for ci, c := range completions {
						if (st == domain.StatusCompleted) != (c != "") || (ui == 1 && ci%2 == 0) {
							continue
						}
						n++
						x := task(fmt.Sprintf("t%d", n), fmt.Sprintf("d%d", n), "ubnd", unit, t0)
						x.DueDate, x.Status = domain.MustDate(due), st
						if c != "" {
							ct, _ := time.Parse(time.RFC3339Nano, c)
							x.CompletedAt = &ct
						}
						if st == domain.StatusCancelled {
							x.CancelledAt = &t0
						}
						all = append(all, x)
						if domain.Counted(st) {
							if want[unit] == nil {
								want[unit] = map[domain.Class]int{}
							}
							want[unit][x.Class(now)]++
						}
					}
				}
			}
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, x := range all {
				if _, err := s.CreateTask(ctx, tx, x); err != nil {
					return err
				}
			}
			return nil
		})
		got, err := s.UnitStats(ctx, domain.Date{}, domain.Date{}, domain.OverdueBefore(now))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("stats = %+v", got)
		}
		for _, u := range got {
			w := want[u.UnitID]
			if u.CompletedOnTime != w[domain.ClassCompletedOnTime] || u.CompletedLate != w[domain.ClassCompletedLate] ||
				u.OpenWithinDeadline != w[domain.ClassOpenWithinDeadline] || u.OpenOverdue != w[domain.ClassOpenOverdue] {
				t.Errorf("unit %s: %+v, Classify says %v", u.UnitID, u, w)
			}
		}
		// The window filters on the due date.
		got, err = s.UnitStats(ctx, domain.MustDate("2025-04-01"), domain.MustDate("2025-04-30"), domain.OverdueBefore(now))
		if err != nil || len(got) != 2 || got[0].OpenOverdue != 0 || got[0].CompletedLate == 0 {
			t.Fatalf("April: %+v, %v", got, err)
		}
		if got, _ := s.UnitStats(ctx, domain.MustDate("2026-01-01"), domain.Date{}, domain.OverdueBefore(now)); len(got) != 0 {
			t.Fatalf("2026: %+v", got)
		}
	})
}

func TestLifecycleStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		seedTree(t, db, s)
		parent := task("p", "d1", "ubnd", "sttt", t0)
		child := domain.Delegated(parent, "c", "sttt-bc", parent.DueDate, t0.Add(time.Second))
		plan := task("pl", "plan-1", "ubnd", "sttt", t0)
		plan.Origin, plan.PlanItemID = domain.OriginPlanItem, "i1"
		planChild := domain.Delegated(plan, "pc", "sttt-bc", plan.DueDate, t0.Add(time.Second))
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, x := range []domain.Task{parent, child, plan, planChild} {
				if _, err := s.CreateTask(ctx, tx, x); err != nil {
					return err
				}
			}
			return nil
		})
		// Optimistic locking: a stale version is a conflict and writes nothing.
		moved, _ := parent.Accept(t0.Add(time.Minute))
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error { return s.UpdateTask(ctx, tx, moved) })
		err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return s.UpdateTask(ctx, tx, moved) })
		if !errors.Is(err, apperr.ErrConflict) {
			t.Fatalf("stale update: %v", err)
		}
		if got, _ := s.Task(ctx, "p"); got.Status != domain.StatusInProgress || got.Version != 2 {
			t.Fatalf("after update: %+v", got)
		}
		// Open tasks of a document include delegated children.
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			open, err := s.OpenTasksOfDocument(ctx, tx, "d1")
			if ids := idsOf(open); err != nil || !slices.Equal(ids, []string{"p", "c"}) {
				return fmt.Errorf("open tasks %v, %v", ids, err)
			}
			// Reply targets: top-level tasks of the agency, by unit or by tree.
			for agency, want := range map[string][]string{"sttt": {"p"}, "ubnd": nil} {
				got, err := s.ReplyTargets(ctx, tx, "d1", agency)
				if ids := idsOf(got); err != nil || !slices.Equal(ids, want) {
					return fmt.Errorf("reply targets of %s: %v, %v", agency, ids, err)
				}
			}
			return nil
		})
		// A plan's own tasks exclude delegated children.
		if got, err := s.PlanTasks(ctx, "plan-1"); err != nil || !slices.Equal(idsOf(got), []string{"pl"}) {
			t.Fatalf("plan tasks %v, %v", idsOf(got), err)
		}
		for unit, want := range map[string][]string{"vp-tk": {"vp-tk", "vp", "ubnd"}, "ubnd": {"ubnd"}, "sttt-bc": {"sttt-bc", "sttt"}, "ghost": {"ghost"}} {
			agency := map[string]string{"vp-tk": "ubnd", "ubnd": "ubnd", "sttt-bc": "sttt", "ghost": "ghost"}[unit]
			if got, err := s.AssigneeChain(ctx, unit, agency); err != nil || !slices.Equal(got, want) {
				t.Errorf("chain of %s: %v, %v; want %v", unit, got, err, want)
			}
		}
		// Reports: a reply files once per task.
		r := domain.Report{ID: "r1", TaskID: "p", AuthorUserID: "u", AuthorUnitID: "sttt", ProgressPercent: 100, Summary: "s", Final: true, SubmittedAt: t0, ReplyDocumentID: "reply"}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for i, want := range []bool{true, false} {
				r.ID = fmt.Sprintf("r%d", i+1)
				if ok, err := s.AddReport(ctx, tx, r); err != nil || ok != want {
					return fmt.Errorf("add report %d: %v, %v", i, ok, err)
				}
			}
			got, err := s.In(tx).Reports.Report(ctx, "p", "r1")
			if err != nil || got.ReplyDocumentID != "reply" || !got.Final {
				return fmt.Errorf("report %+v, %v", got, err)
			}
			got.Decision, got.ReviewedBy, got.ReviewedAt = domain.ReviewAccepted, "rev", &t0
			if err := s.ReviewReport(ctx, tx, got); err != nil {
				return err
			}
			if err := s.ReviewReport(ctx, tx, got); !errors.Is(err, apperr.ErrConflict) {
				return fmt.Errorf("second review: %v", err)
			}
			return nil
		})
		if _, err := s.Report(ctx, "c", "r1"); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("a report read through another task: %v", err)
		}
		// Extensions: one pending at a time; both dates kept.
		e := domain.Extension{ID: "e1", TaskID: "p", PreviousDueDate: parent.DueDate, RequestedDueDate: domain.MustDate("2025-04-30"), Reason: "r", RequestedBy: "u", RequestedAt: t0}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error { return s.AddExtension(ctx, tx, e) })
		e2 := e
		e2.ID = "e2"
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return s.AddExtension(ctx, tx, e2) }); !errors.Is(err, apperr.ErrConflict) {
			t.Fatalf("second pending: %v", err)
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			p, err := s.PendingExtension(ctx, tx, "p")
			if err != nil || p.ID != "e1" {
				return fmt.Errorf("pending %+v, %v", p, err)
			}
			p.Decision, p.DecidedBy, p.DecidedAt = domain.ExtensionApproved, "l", &t0
			return s.DecideExtension(ctx, tx, p)
		})
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error { return s.AddExtension(ctx, tx, e2) })
		exts, err := s.Extensions(ctx, "p")
		if err != nil || len(exts) != 2 || exts[0].Decision != domain.ExtensionApproved || exts[0].PreviousDueDate != parent.DueDate ||
			exts[0].RequestedDueDate.String() != "2025-04-30" || !exts[1].Pending() {
			t.Fatalf("extensions %+v, %v", exts, err)
		}
		// Reminders: claimed once per task, step and due date.
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for i, want := range []bool{true, false} {
				if ok, err := s.MarkReminder(ctx, tx, "p", "overdue", "overdue_1", parent.DueDate, t0); err != nil || ok != want {
					return fmt.Errorf("mark %d: %v %v", i, ok, err)
				}
			}
			ok, err := s.MarkReminder(ctx, tx, "p", "overdue", "overdue_3", parent.DueDate, t0)
			if err != nil || !ok {
				return fmt.Errorf("another step: %v %v", ok, err)
			}
			ok, err = s.MarkReminder(ctx, tx, "p", "overdue", "overdue_1", domain.MustDate("2025-04-30"), t0)
			if err != nil || !ok {
				return fmt.Errorf("another due date: %v %v", ok, err)
			}
			return nil
		})
		// A task looked at today for its due date is no candidate today.
		today := domain.MustDate("2025-06-02")
		p, err := s.Task(ctx, "p")
		if err != nil {
			t.Fatal(err)
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			return s.MarkChecked(ctx, tx, "p", p.DueDate, today)
		})
		cands, err := s.ReminderCandidates(ctx, today, domain.MustDate("2025-12-31"), 10)
		var ids []string
		for _, c := range cands {
			ids = append(ids, c.ID)
		}
		if err != nil || !slices.Equal(ids, []string{"c", "pc", "pl"}) {
			t.Fatalf("candidates %v, %v", ids, err)
		}
	})
}
