package svc

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// TestWatchQueue counts the pending rows of a queue table and ages its
// oldest one at scrape time; sent rows count for nothing.
func TestWatchQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
				_, err := tx.ExecContext(ctx, q, args...)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		exec(`CREATE TABLE test_queue (id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL)`)
		name := "test-" + string(db.Dialect)
		(&Runtime{DB: db, Config: Config{Service: "notifications"}}).WatchQueue(Queue{Name: name, Table: "test_queue"})
		if n, age := scrapeQueue(t, name); n != 0 || age != 0 {
			t.Fatalf("empty queue: pending %v, oldest %v; want 0, 0", n, age)
		}
		now := time.Now()
		for _, r := range []struct {
			id, status string
			age        time.Duration
		}{{"a", "sent", 3 * time.Hour}, {"b", "pending", time.Hour}, {"c", "pending", time.Minute}} {
			exec(`INSERT INTO test_queue VALUES ($1, $2, $3)`, r.id, r.status, store.FormatTime(now.Add(-r.age)))
		}
		n, age := scrapeQueue(t, name)
		if n != 2 || age < time.Hour.Seconds() || age > 2*time.Hour.Seconds() {
			t.Errorf("pending %v, oldest %vs; want 2 and about an hour", n, age)
		}
	})
}

func scrapeQueue(t *testing.T, queue string) (pending, oldest float64) {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	pending, oldest = -1, -1
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if len(labels) != 2 || labels["queue"] != queue || labels["service"] != "notifications" {
				continue
			}
			switch mf.GetName() {
			case "eoffice_queue_pending":
				pending = m.GetGauge().GetValue()
			case "eoffice_queue_oldest_pending_seconds":
				oldest = m.GetGauge().GetValue()
			}
		}
	}
	return pending, oldest
}
