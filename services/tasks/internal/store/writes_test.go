package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TestUpdate: Update stores the task fn leaves only when fn moved its
// version, commits fn's history and outbox rows with it, rolls all back on
// fn's error, and queues concurrent changes of one task so each sees the
// last one's state.
func TestUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := messaging.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		s := open(t, db)
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			_, err := s.CreateTask(ctx, tx, task("t1", "d1", "ubnd", "sttt", t0))
			return err
		})
		boom := errors.New("the use case fails after writing")
		// change accepts the task (when told to), writes a history entry
		// and an event, then fails when told to.
		change := func(accept bool, fail error) func(ctx context.Context, t *domain.Task, w app.Writes) error {
			return func(ctx context.Context, t *domain.Task, w app.Writes) error {
				next := *t
				if accept {
					var err error
					if next, err = t.Accept(t0.Add(1)); err != nil {
						return err
					}
					*t = next
				}
				if err := w.Tasks.AddHistory(ctx, domain.HistoryEntry{TaskID: t.ID, Action: domain.ActionAccepted, At: t0}); err != nil {
					return err
				}
				ev, err := envelope.New(ctx, "/eoffice/tasks", events.TaskAccepted, t.ID, &eventsv1.TaskAccepted{})
				if err != nil {
					return err
				}
				if err := w.Events.Add(ctx, ev); err != nil {
					return err
				}
				return fail
			}
		}
		tests := []struct {
			name          string
			accept        bool
			fail          error
			status        domain.Status
			version, rows int // the task's version; history and outbox rows after
		}{
			{"fn fails: nothing stays", true, boom, domain.StatusAssigned, 1, 0},
			{"version unmoved: the task is not written, the rest is", false, nil, domain.StatusAssigned, 1, 1},
			{"version moved: all commit", true, nil, domain.StatusInProgress, 2, 2},
		}
		for _, tt := range tests {
			err := s.Update(ctx, "t1", change(tt.accept, tt.fail))
			if !errors.Is(err, tt.fail) {
				t.Fatalf("%s: err = %v", tt.name, err)
			}
			got, err := s.Task(ctx, "t1")
			if err != nil || got.Status != tt.status || got.Version != tt.version {
				t.Fatalf("%s: task %s v%d, %v", tt.name, got.Status, got.Version, err)
			}
			if h, o := count(t, db, "task_history"), count(t, db, "outbox"); h != tt.rows || o != tt.rows {
				t.Fatalf("%s: %d history rows, %d outbox rows, want %d", tt.name, h, o, tt.rows)
			}
		}
		if err := s.Update(ctx, "nope", change(true, nil)); err == nil {
			t.Fatal("updated a task that does not exist")
		}

		// Concurrent changes queue on the task: each reads the last one's
		// state, so every one succeeds and the history numbers stay unique.
		const n = 4
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.Update(ctx, "t1", func(ctx context.Context, t *domain.Task, w app.Writes) error {
					t.ProgressPercent, t.Version = t.ProgressPercent+10, t.Version+1
					return w.Tasks.AddHistory(ctx, domain.HistoryEntry{TaskID: t.ID, Action: domain.ActionReportSubmitted, At: t0})
				})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("concurrent update: %v", err)
			}
		}
		if got, _ := s.Task(ctx, "t1"); got.ProgressPercent != 10*n || got.Version != 2+n {
			t.Fatalf("after %d concurrent updates: %d%%, v%d", n, got.ProgressPercent, got.Version)
		}
	})
}

func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
