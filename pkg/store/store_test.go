package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

func migrated(t *testing.T, db *store.DB) {
	t.Helper()
	if err := db.Migrate(context.Background(), "goose_test", os.DirFS("testdata/migrations")); err != nil {
		t.Fatal(err)
	}
	// A second run is a no-op, as at every restart.
	if err := db.Migrate(context.Background(), "goose_test", os.DirFS("testdata/migrations")); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
}

func TestTx(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		migrated(t, db)
		ctx := context.Background()
		boom := errors.New("boom")
		tests := []struct {
			name      string
			id        string
			fail      error
			wantRows  int
			wantHooks int
		}{
			{"commit runs hooks", "a", nil, 1, 1},
			{"rollback runs none", "b", boom, 0, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				hooks := 0
				err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					if _, err := tx.ExecContext(ctx, `INSERT INTO things (id, name) VALUES ($1, $2)`, tt.id, "name-"+tt.id); err != nil {
						return err
					}
					tx.OnCommit(func() { hooks++ })
					return tt.fail
				})
				if !errors.Is(err, tt.fail) {
					t.Fatalf("InTx err = %v, want %v", err, tt.fail)
				}
				var n int
				if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM things WHERE id = $1`, tt.id).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != tt.wantRows || hooks != tt.wantHooks {
					t.Fatalf("rows=%d hooks=%d, want %d %d", n, hooks, tt.wantRows, tt.wantHooks)
				}
			})
		}
	})
}

func TestUniqueViolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		migrated(t, db)
		ctx := context.Background()
		ins := func(id string) error {
			return db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO things (id, name) VALUES ($1, 'same')`, id)
				return err
			})
		}
		if err := ins("x"); err != nil {
			t.Fatal(err)
		}
		err := ins("y")
		if !store.IsUniqueViolation(err) {
			t.Fatalf("IsUniqueViolation(%v) = false", err)
		}
		if store.IsUniqueViolation(errors.New("other")) {
			t.Fatal("plain error taken for a unique violation")
		}
	})
}

// TestCounterUnderConcurrency is the numbering pattern the services use: an
// upsert that increments and returns, from many goroutines at once.
func TestCounterUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		migrated(t, db)
		ctx := context.Background()
		const workers = 40
		var mu sync.Mutex
		var got []int
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					var n int
					err := tx.QueryRowContext(ctx, `INSERT INTO counters (k, n) VALUES ('c', 1)
						ON CONFLICT (k) DO UPDATE SET n = counters.n + 1 RETURNING n`).Scan(&n)
					if err == nil {
						mu.Lock()
						got = append(got, n)
						mu.Unlock()
					}
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		sort.Ints(got)
		for i, n := range got {
			if n != i+1 {
				t.Fatalf("numbers %v: want 1..%d once each", got, workers)
			}
		}
		if len(got) != workers {
			t.Fatalf("got %d numbers, want %d", len(got), workers)
		}
	})
}

func TestSQLiteFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "identity.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestOpenRejectsEmptyDSN(t *testing.T) {
	if _, err := store.Open(context.Background(), ""); err == nil {
		t.Fatal("want error")
	}
}

func TestIsPostgresDSN(t *testing.T) {
	tests := []struct {
		dsn  string
		want bool
	}{
		{"postgres://postgres@127.0.0.1:5432/x", true},
		{"postgresql://h/x", true},
		{"host=127.0.0.1 user=postgres", true},
		{"./data/tasks.db", false},
		{"file:/tmp/x.db", false},
	}
	for _, tt := range tests {
		if got := store.IsPostgresDSN(tt.dsn); got != tt.want {
			t.Errorf("IsPostgresDSN(%q) = %v", tt.dsn, got)
		}
	}
}

func TestTimeRoundTripSortsAsText(t *testing.T) {
	a := time.Date(2026, 11, 25, 9, 0, 0, 5, time.FixedZone("ICT", 7*3600))
	b := a.Add(time.Nanosecond * 995)
	sa, sb := store.FormatTime(a), store.FormatTime(b)
	if !(sa < sb) || len(sa) != len(sb) {
		t.Fatalf("%q and %q do not sort as the times do", sa, sb)
	}
	got, err := store.ParseTime(sa)
	if err != nil || !got.Equal(a) {
		t.Fatalf("round trip: %v %v", got, err)
	}
	if _, err := store.ParseTime("yesterday"); err == nil {
		t.Fatal("bad time parsed")
	}
}

// The writer's settings the store's promises and speed rest on.
func TestSQLiteSettings(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "tasks.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"synchronous", "1"},        // NORMAL: a killed process loses nothing in WAL mode
		{"temp_store", "2"},         // MEMORY: savepoint sub-journals of the group commit
		{"wal_autocheckpoint", "0"}, // checkpoints run beside the writer
		{"foreign_keys", "1"},
	} {
		var got string
		err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
			return tx.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got)
		})
		if err != nil {
			t.Fatalf("%s: %v", c.pragma, err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
}
