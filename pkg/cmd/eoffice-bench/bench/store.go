package bench

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"testing/fstest"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

var businessSchema fs.FS = fstest.MapFS{"00001_bench.sql": {Data: []byte(`-- +goose Up
CREATE TABLE bench_tasks (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL);
-- +goose Down
DROP TABLE bench_tasks;
`)}}

// RawStore runs n transactions on the service store settings (SQLite, WAL,
// one writer), each writing what a consumer writes for one event: an inbox
// row, a business row and an outbox row. workers goroutines submit them, as
// concurrent requests and consumers would. It returns transactions/s.
func RawStore(ctx context.Context, dir string, n, workers int) (float64, error) {
	db, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if err := messaging.Migrate(ctx, db); err != nil {
		return 0, err
	}
	if err := db.Migrate(ctx, "goose_bench", businessSchema); err != nil {
		return 0, err
	}
	ob := messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}})
	jobs := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				if err := oneTx(ctx, db, ob); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range n {
		select {
		case jobs <- i:
		case err := <-errs:
			close(jobs)
			wg.Wait()
			return 0, err
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

func oneTx(ctx context.Context, db *store.DB, ob *messaging.Outbox) error {
	id := uuid.NewString()
	ev, err := envelope.New(ctx, "/eoffice/bench", "task.assigned", id, &eventsv1.TaskAssigned{TaskId: id, Title: "Tuyên truyền về Chỉ số PAPI"})
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inbox (consumer_group, event_id, handled_at) VALUES ($1, $2, $3)`,
			"bench", uuid.NewString(), store.FormatTime(time.Now())); err != nil {
			return fmt.Errorf("inbox row: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bench_tasks (id, title, created_at) VALUES ($1, $2, $3)`,
			id, "Tuyên truyền về Chỉ số PAPI", store.FormatTime(time.Now())); err != nil {
			return fmt.Errorf("business row: %w", err)
		}
		return ob.Add(ctx, tx, ev)
	})
}
