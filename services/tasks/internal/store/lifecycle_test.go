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
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The scoreboard selects tasks by due date, or by completion in Viet
// Nam's days (the instant at the boundaries counts in the right day).
func TestStatTasksSelect(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		var all []domain.Task
		for i, c := range []struct{ due, completed string }{
			{"2025-03-31", ""},
			{"2025-04-01", ""},
			{"2025-03-10", "2025-03-31T16:59:59.999999999Z"}, // 31/3 23:59 in Hanoi
			{"2025-03-10", "2025-03-31T17:00:00Z"},           // 1/4 00:00 in Hanoi
			{"2025-04-10", "2025-02-28T17:00:00Z"},           // 1/3 00:00 in Hanoi
		} {
			x := task(fmt.Sprintf("t%d", i), fmt.Sprintf("d%d", i), "ubnd", "a", t0)
			x.DueDate = domain.MustDate(c.due)
			if c.completed != "" {
				ct, _ := time.Parse(time.RFC3339Nano, c.completed)
				x.Status, x.CompletedAt, x.AcceptedAt = domain.StatusCompleted, &ct, &ct
			}
			all = append(all, x)
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, x := range all {
				if _, err := s.CreateTask(ctx, tx, x); err != nil {
					return err
				}
			}
			return nil
		})
		march, april := domain.MustDate("2025-03-01"), domain.MustDate("2025-03-31")
		// Open tasks (t0, t1: assigned) come as counts of tasks assigned or
		// in progress (status in_progress), overdue (dated the day before
		// asOf's) or not (dated asOf's day); completed ones as counts per
		// class; none here whole.
		first, may := domain.MustDate("2025-04-01").Start(), domain.MustDate("2025-05-01").Start()
		for _, c := range []struct {
			by       app.StatsBy
			from, to domain.Date
			asOf     time.Time
			want     []string
			running  []string
		}{
			{app.StatsByDue, march, april, first, []string{"completed_late 2"}, []string{"in_progress 2025-03-31 1"}},
			{app.StatsByDue, domain.Date{}, domain.Date{}, first, []string{"completed_late 2", "completed_on_time 1"}, []string{"in_progress 2025-03-31 1", "in_progress 2025-04-01 1"}},
			{app.StatsByDue, domain.Date{}, domain.Date{}, may, []string{"completed_late 2", "completed_on_time 1"}, []string{"in_progress 2025-04-30 2"}},
			{app.StatsByCompleted, march, april, first, []string{"completed_late 1", "completed_on_time 1"}, nil},
			{app.StatsByCompleted, domain.MustDate("2025-04-01"), domain.Date{}, first, []string{"completed_late 1"}, nil},
		} {
			got, err := s.StatTasks(ctx, c.by, c.from, c.to, c.asOf)
			if err != nil {
				t.Fatal(err)
			}
			var ids, running []string
			for _, x := range got.Tasks {
				ids = append(ids, x.ID)
			}
			for _, c := range got.Classed {
				if c.UnitID != "a" {
					t.Errorf("count of unit %q, want a", c.UnitID)
				}
				ids = append(ids, fmt.Sprintf("%s %d", c.Class, c.N))
			}
			slices.Sort(ids)
			for _, r := range got.Running {
				if r.UnitID != "a" {
					t.Errorf("count of unit %q, want a", r.UnitID)
				}
				running = append(running, fmt.Sprintf("%s %s %d", r.Status, r.DueDate, r.N))
			}
			slices.Sort(running)
			if !slices.Equal(ids, c.want) || !slices.Equal(running, c.running) {
				t.Errorf("%s %s..%s: %v and %v, want %v and %v", c.by, c.from, c.to, ids, running, c.want, c.running)
			}
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
