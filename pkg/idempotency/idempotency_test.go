package idempotency_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// setup migrates db and adds a business table whose rule ("one thing per
// name") makes a twin that got past the key fail, as a task's version or
// its one pending extension would.
func setup(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	for range 2 { // migrating again changes nothing
		if err := idempotency.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	exec(t, db, `CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT NOT NULL)`)
}

// exec writes through the writer pool (the SQLite reader is query only).
func exec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// maker creates things and counts how often it ran.
type maker struct {
	runs atomic.Int64
	seq  atomic.Int64
	// wait, when set, runs inside the transaction before the check.
	wait func(ctx context.Context)
}

func (m *maker) create(name string) idempotency.Create {
	return func(ctx context.Context, tx *store.Tx) (string, error) {
		m.runs.Add(1)
		if m.wait != nil {
			m.wait(ctx)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM things WHERE name = $1`, name).Scan(&n); err != nil {
			return "", err
		}
		if n > 0 {
			return "", apperr.Conflict("a thing of this name exists", "exists")
		}
		id := fmt.Sprintf("thing-%d", m.seq.Add(1))
		_, err := tx.ExecContext(ctx, `INSERT INTO things (id, name) VALUES ($1, $2)`, id, name)
		return id, err
	}
}

func key(t *testing.T, caller, value string, input any) idempotency.Key {
	t.Helper()
	k, err := idempotency.New(caller, value, "things", input)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func count(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM things`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestConcurrentClaims sends one key from many goroutines at once: the
// first runs create while the others wait on the claim (PostgreSQL: seen
// waiting on a lock) or for the writer (SQLite); exactly one creates and
// every answer is its id.
func TestConcurrentClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		const twins = 8 // under the PostgreSQL pool's 20 connections
		var started sync.WaitGroup
		started.Add(twins)
		m := &maker{}
		m.wait = func(ctx context.Context) {
			if m.runs.Load() > 1 {
				return // a twin that ran create: the check below fails it
			}
			started.Wait()
			if db.Dialect == store.Postgres {
				waitForLockWaiters(t, db, twins-1)
			}
		}
		k := key(t, "u1", "k-1", map[string]string{"name": "a"})
		type answer struct {
			id       string
			replayed bool
			err      error
		}
		answers := make([]answer, twins)
		var wg sync.WaitGroup
		for i := range twins {
			wg.Add(1)
			go func() {
				defer wg.Done()
				started.Done()
				a := &answers[i]
				a.id, a.replayed, a.err = idempotency.Do(ctx, db, k, m.create("a"))
			}()
		}
		wg.Wait()
		replays := 0
		for i, a := range answers {
			if a.err != nil || a.id == "" || a.id != answers[0].id {
				t.Errorf("answer %d: %q %v, want %q", i, a.id, a.err, answers[0].id)
			}
			if a.replayed {
				replays++
			}
		}
		if runs := m.runs.Load(); runs != 1 || replays != twins-1 || count(t, db) != 1 {
			t.Fatalf("create ran %d times, %d replays, %d things; want 1, %d, 1", runs, replays, count(t, db), twins-1)
		}
	})
}

// waitForLockWaiters waits until n sessions of the test database wait on
// a lock: the twins' INSERTs behind the first claim. It does not assert
// on time; a generous deadline only keeps a broken protocol from hanging.
func waitForLockWaiters(t *testing.T, db *store.DB, n int) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var waiting int
		err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting)
		if err != nil {
			t.Error(err)
			return
		}
		if waiting >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("fewer than %d twins waited on the claimed key", n)
}

// TestProtocol runs requests one after another, each against the state the
// earlier ones left.
func TestProtocol(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		m := &maker{}
		failing := func(context.Context, *store.Tx) (string, error) { return "", errors.New("disk on fire") }
		steps := []struct {
			name     string
			k        idempotency.Key
			create   idempotency.Create
			wantID   string // "" when an error is wanted
			wantErr  error
			replayed bool
			things   int
		}{
			{"a failed request remembers nothing", key(t, "u1", "k", "a"), failing, "", nil, false, 0},
			{"so its key runs again", key(t, "u1", "k", "a"), m.create("a"), "thing-1", nil, false, 1},
			{"a repeat gets the first id", key(t, "u1", "k", "a"), m.create("a"), "thing-1", nil, true, 1},
			{"another request with the key is refused", key(t, "u1", "k", "b"), m.create("b"), "", apperr.ErrConflict, false, 1},
			{"another caller's key is theirs", key(t, "u2", "k", "b"), m.create("b"), "thing-2", nil, false, 2},
			{"the business rule still holds", key(t, "u1", "k2", "a"), m.create("a"), "", apperr.ErrConflict, false, 2},
			{"without a key create runs each time", idempotency.Key{}, m.create("c"), "thing-3", nil, false, 3},
		}
		for _, s := range steps {
			id, replayed, err := idempotency.Do(ctx, db, s.k, s.create)
			switch {
			case s.wantErr != nil && !errors.Is(err, s.wantErr):
				t.Fatalf("%s: %v, want %v", s.name, err, s.wantErr)
			case s.wantErr == nil && s.wantID == "" && err == nil:
				t.Fatalf("%s: no error", s.name)
			case s.wantID != "" && (err != nil || id != s.wantID || replayed != s.replayed):
				t.Fatalf("%s: %q replayed=%v %v, want %q replayed=%v", s.name, id, replayed, err, s.wantID, s.replayed)
			case count(t, db) != s.things:
				t.Fatalf("%s: %d things, want %d", s.name, count(t, db), s.things)
			}
		}
		lookups := []struct {
			name    string
			k       idempotency.Key
			id      string
			found   bool
			wantErr error
		}{
			{"a used key", key(t, "u1", "k", "a"), "thing-1", true, nil},
			{"a used key with another request", key(t, "u1", "k", "b"), "", true, apperr.ErrConflict},
			{"an unused key", key(t, "u3", "k", "a"), "", false, nil},
			{"no key", idempotency.Key{}, "", false, nil},
		}
		for _, l := range lookups {
			id, found, err := idempotency.Lookup(ctx, db, l.k)
			if id != l.id || found != l.found || !errors.Is(err, l.wantErr) {
				t.Errorf("lookup %s: %q %v %v, want %q %v %v", l.name, id, found, err, l.id, l.found, l.wantErr)
			}
		}
	})
}

func TestNew(t *testing.T) {
	cases := []struct {
		name    string
		a, b    [3]string // key, scope, input
		same    bool
		wantErr error
	}{
		{"same scope and input", [3]string{"k", "s", "x"}, [3]string{"k", "s", "x"}, true, nil},
		{"another input", [3]string{"k", "s", "x"}, [3]string{"k", "s", "y"}, false, nil},
		{"another scope", [3]string{"k", "s1", "x"}, [3]string{"k", "s2", "x"}, false, nil},
		{"a too long key", [3]string{strings.Repeat("k", 256), "s", "x"}, [3]string{"k", "s", "x"}, false, apperr.ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := idempotency.New("u", c.a[0], c.a[1], c.a[2])
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error %v, want %v", err, c.wantErr)
			}
			b, _ := idempotency.New("u", c.b[0], c.b[1], c.b[2])
			if err == nil && (a.Hash == b.Hash) != c.same {
				t.Fatalf("hashes %s, %s: same=%v", a.Hash, b.Hash, !c.same)
			}
		})
	}
	if k, err := idempotency.New("u", "", "s", "x"); err != nil || k.Set() {
		t.Fatalf("no key: %+v %v", k, err)
	}
}

// TestMigrateKeepsExistingTable: a database whose service made the table
// before this package owned it keeps its keys.
func TestMigrateKeepsExistingTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		exec(t, db, `CREATE TABLE idempotency_keys (caller_id TEXT NOT NULL, key TEXT NOT NULL,
request_hash TEXT NOT NULL, resource_id TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (caller_id, key))`)
		k := key(t, "u1", "old", "a")
		exec(t, db, `INSERT INTO idempotency_keys VALUES ($1, $2, $3, 'r1', $4)`, k.Caller, k.Value, k.Hash, store.FormatTime(time.Now()))
		if err := idempotency.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if id, found, err := idempotency.Lookup(ctx, db, k); err != nil || !found || id != "r1" {
			t.Fatalf("old key: %q %v %v", id, found, err)
		}
	})
}
