package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Concurrent transactions share SQLite commits: those that fail or panic
// are rolled back alone, the others commit, and each caller learns its own
// outcome; hooks run for committed ones only.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := openKV(t, ctx)
	boom := errors.New("boom")
	const n = 300
	kind := func(i int) string { // what transaction i does
		switch {
		case i%10 == 3:
			return "fails"
		case i%10 == 7:
			return "duplicate" // a unique violation after a good write
		case i%50 == 9:
			return "panics"
		}
		return "ok"
	}
	var hooks atomic.Int32
	var wg sync.WaitGroup
	results := make([]error, n)
	panics := make([]any, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			results[i] = db.InTx(ctx, func(ctx context.Context, tx *Tx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO kv (k, v) VALUES ($1, $2)`, fmt.Sprint("k", i), i); err != nil {
					return err
				}
				tx.OnCommit(func() { hooks.Add(1) })
				switch kind(i) {
				case "fails":
					return boom
				case "duplicate":
					_, err := tx.ExecContext(ctx, `INSERT INTO kv (k, v) VALUES ($1, $2)`, fmt.Sprint("k", i), i)
					return err
				case "panics":
					panic("handler bug")
				}
				return nil
			})
		}()
	}
	wg.Wait()
	committed := 0
	for i := range n {
		var v int
		err := db.QueryRowContext(ctx, `SELECT v FROM kv WHERE k = $1`, fmt.Sprint("k", i)).Scan(&v)
		switch kind(i) {
		case "ok":
			committed++
			if results[i] != nil || err != nil || v != i {
				t.Errorf("tx %d: InTx %v, read %d %v; want committed", i, results[i], v, err)
			}
		case "fails", "duplicate":
			if results[i] == nil || err == nil {
				t.Errorf("tx %d (%s): InTx %v, row found %v; want its error and no row", i, kind(i), results[i], err == nil)
			}
			if kind(i) == "fails" && !errors.Is(results[i], boom) {
				t.Errorf("tx %d: error %v, want boom", i, results[i])
			}
			if kind(i) == "duplicate" && !IsUniqueViolation(results[i]) {
				t.Errorf("tx %d: error %v, want a unique violation", i, results[i])
			}
		case "panics":
			if panics[i] == nil || err == nil {
				t.Errorf("tx %d: panic %v, row found %v; want the panic in the caller and no row", i, panics[i], err == nil)
			}
		}
	}
	if int(hooks.Load()) != committed {
		t.Errorf("%d hooks ran, want %d (committed only)", hooks.Load(), committed)
	}
}

// After Close, InTx fails instead of waiting for ever.
func TestGroupCommitAfterClose(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := db.InTx(ctx, func(context.Context, *Tx) error { return nil }); err == nil || ctx.Err() != nil {
		t.Fatalf("InTx after Close = %v (ctx %v), want an error at once", err, ctx.Err())
	}
}
