package store_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Commits no longer checkpoint (wal_autocheckpoint is off on the writer):
// the background checkpointer must still move committed pages from the WAL
// into the database file, or the WAL would grow without end.
func TestCheckpointerMovesWALIntoDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cp.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	migrated(t, db)
	size := func() int64 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	for i := range 20 {
		insertThings(t, db, i, 100, 1000)
	}
	// 2,000 rows of 1 kB: at least 1 MB must reach the database file.
	deadline := time.Now().Add(time.Minute)
	for size()-before < 1<<20 {
		if time.Now().After(deadline) {
			t.Fatalf("database file grew by %d bytes in a minute; the WAL was not checkpointed", size()-before)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Under steady load (readers always reading, commits back to back) a
// passive checkpoint never lets the WAL start over: the checkpointer has
// it restarted once it is longer than its limit. Each restart adds one to
// the checkpoint sequence number in the WAL's header.
func TestWALRestartsUnderSteadyLoad(t *testing.T) {
	defer store.SetWALRestartFrames(64)()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wal.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	migrated(t, db)
	stop := make(chan struct{})
	readers := make(chan error, 2)
	for range 2 {
		go func() {
			for {
				select {
				case <-stop:
					readers <- nil
					return
				default:
				}
				var n int
				if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM things`).Scan(&n); err != nil {
					readers <- err
					return
				}
			}
		}()
	}
	restarts := func() uint32 {
		f, err := os.Open(path + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var hdr [16]byte
		if _, err := io.ReadFull(f, hdr[:]); err != nil {
			t.Fatal(err)
		}
		return binary.BigEndian.Uint32(hdr[12:])
	}
	deadline := time.Now().Add(time.Minute)
	for i := 0; restarts() < 3; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("WAL restarted %d times in a minute of steady writes; want 3", restarts())
		}
		insertThings(t, db, i, 50, 2000)
	}
	close(stop)
	for range 2 {
		if err := <-readers; err != nil {
			t.Fatal(err)
		}
	}
}

// insertThings writes batch i of rows rows into things, each name padded
// to about pad bytes, in one transaction.
func insertThings(t *testing.T, db *store.DB, i, rows, pad int) {
	t.Helper()
	padding := strings.Repeat("x", pad)
	if err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		for j := range rows {
			if _, err := tx.ExecContext(ctx, `INSERT INTO things (id, name) VALUES ($1, $2)`,
				fmt.Sprintf("%d-%d", i, j), fmt.Sprintf("%d-%d-%s", i, j, padding)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
