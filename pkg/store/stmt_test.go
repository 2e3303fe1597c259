package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestCacheable(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"SELECT 1", true},
		{"  insert into t values ($1)", true},
		{"UPDATE t SET a = 1;", true},
		{"DELETE FROM t", true},
		{"WITH x AS (SELECT 1) SELECT * FROM x", true},
		{"CREATE TABLE t (a INT)", false},
		{"SELECT 1; SELECT 2", false},
		{"PRAGMA foo", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := cacheable(tt.q); got != tt.want {
			t.Errorf("cacheable(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// Many writers and readers running queries new to the cache at once: the
// transaction holding SQLite's one writer connection must never wait for a
// statement to be prepared on that same connection. The queries are cached
// afterwards, and results are the same as without a cache.
func TestStatementCacheUnderConcurrency(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := openKV(t, ctx)
	const workers, rounds = 6, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*2)
	for w := range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range rounds {
				// Queries differ by worker so several are new at once.
				q := fmt.Sprintf(`INSERT INTO kv (k, v) VALUES ($1, $2) /* w%d */`, w)
				if err := db.InTx(ctx, func(ctx context.Context, tx *Tx) error {
					if _, err := tx.ExecContext(ctx, q, fmt.Sprintf("%d-%d", w, i), i); err != nil {
						return err
					}
					var n int
					return tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM kv /* w%d */`, w)).Scan(&n)
				}); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range rounds {
				var n int
				if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM kv /* r%d */`, w)).Scan(&n); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatal("timed out: a transaction waited for its own connection")
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM kv`).Scan(&n); err != nil || n != workers*rounds {
		t.Fatalf("%d rows, %v; want %d", n, err, workers*rounds)
	}
	for w := range workers {
		q := fmt.Sprintf(`INSERT INTO kv (k, v) VALUES ($1, $2) /* w%d */`, w)
		if s, _ := db.writeStmts.peek(q); s == nil {
			t.Errorf("writer query of worker %d not cached", w)
		}
	}
}

// openKV opens a fresh SQLite database with a table kv (k, v); it is
// closed when the test ends.
func openKV(t *testing.T, ctx context.Context) *DB {
	t.Helper()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "kv.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.InTx(ctx, func(ctx context.Context, tx *Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return db
}
