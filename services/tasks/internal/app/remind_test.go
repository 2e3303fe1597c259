package app_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// replicas opens two connections pools on one database, as two processes
// of the service would, each with its own App.
func replicas(t *testing.T, dsn string) (*store.DB, [2]*app.App) {
	t.Helper()
	var apps [2]*app.App
	var first *store.DB
	for i := range apps {
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if i == 0 {
			first = db
			if err := messaging.Migrate(context.Background(), db); err != nil {
				t.Fatal(err)
			}
			if err := taskstore.Migrate(context.Background(), db); err != nil {
				t.Fatal(err)
			}
		}
		apps[i] = app.New(app.Config{DB: db, Repos: taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{})).Repos(), Source: "/eoffice/tasks"})
	}
	return first, apps
}

func TestRemindDeadlinesTwoReplicas(t *testing.T) {
	dsns := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "tasks.db") },
		"postgres": func(t *testing.T) string { return storetest.NewPostgresDSN(t) },
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			db, apps := replicas(t, dsn(t))
			ctx := context.Background()
			repo := taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{}))
			// Today is 2025-03-10 in Hanoi. due: days from today, status.
			rows := []struct {
				due    string
				status domain.Status
			}{
				{"2025-03-10", domain.StatusAssigned},       // due today: due soon
				{"2025-03-13", domain.StatusInProgress},     // in three days: due soon
				{"2025-03-14", domain.StatusAssigned},       // in four: not yet
				{"2025-03-09", domain.StatusAwaitingReview}, // yesterday: overdue
				{"2025-01-01", domain.StatusAssigned},       // long overdue
				{"2025-03-11", domain.StatusCompleted},      // done: nothing
				{"2025-03-08", domain.StatusCancelled},      // cancelled: nothing
			}
			created := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
			var tasks []domain.Task
			if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for i, r := range rows {
					tk := domain.Task{ID: fmt.Sprintf("t%d", i), Origin: domain.OriginDocument, SourceDocumentID: "d",
						AssignerUnitID: "ubnd", AssigneeUnitID: fmt.Sprintf("u%d", i), Role: domain.RoleLead, Title: "x",
						DueDate: domain.MustDate(r.due), Status: r.status, CreatedAt: created, UpdatedAt: created, Version: 1}
					if r.status == domain.StatusCompleted {
						tk.CompletedAt = &created
					}
					if _, err := repo.CreateTask(ctx, tx, tk); err != nil {
						return err
					}
					tasks = append(tasks, tk)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2025, 3, 10, 8, 0, 0, 0, domain.Zone)
			// Both replicas tick at once, several times, as after restarts.
			total := 0
			for round := 0; round < 3; round++ {
				var wg sync.WaitGroup
				sent := make([]int, 2)
				for i, a := range apps {
					wg.Add(1)
					go func() {
						defer wg.Done()
						n, err := a.RemindDeadlines(ctx, now.Add(time.Duration(round)*time.Hour), 3)
						if err != nil {
							t.Error(err)
						}
						sent[i] = n
					}()
				}
				wg.Wait()
				total += sent[0] + sent[1]
			}
			if total != 4 {
				t.Fatalf("sent %d reminders in all, want 4", total)
			}
			soon, overdue := reminded(t, db, events.TaskDueSoon), reminded(t, db, events.TaskOverdue)
			if fmt.Sprint(soon) != "map[t0:1 t1:1]" || fmt.Sprint(overdue) != "map[t3:1 t4:1]" {
				t.Fatalf("due_soon %v, overdue %v", soon, overdue)
			}
			// The next day t2 comes within three days, and t0 is overdue.
			// An approved extension of t4 is a new due date: due soon again.
			t4 := tasks[4]
			t4.DueDate, t4.Version = domain.MustDate("2025-03-12"), 2
			if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return repo.UpdateTask(ctx, tx, t4) }); err != nil {
				t.Fatal(err)
			}
			n, err := apps[1].RemindDeadlines(ctx, now.Add(24*time.Hour), 3)
			if err != nil || n != 3 {
				t.Fatalf("next day: sent %d, %v; want 3", n, err)
			}
			soon, overdue = reminded(t, db, events.TaskDueSoon), reminded(t, db, events.TaskOverdue)
			if fmt.Sprint(soon) != "map[t0:1 t1:1 t2:1 t4:1]" || fmt.Sprint(overdue) != "map[t0:1 t3:1 t4:1]" {
				t.Fatalf("next day: due_soon %v, overdue %v", soon, overdue)
			}
		})
	}
}

// reminded counts outbox rows of one type per task (the key).
func reminded(t *testing.T, db *store.DB, short string) map[string]int {
	t.Helper()
	rows, err := db.Query(`SELECT key FROM outbox WHERE type = $1`, events.Type(short))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		out[k]++
	}
	return out
}
