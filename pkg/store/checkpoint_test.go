package store_test

import (
	"context"
	"fmt"
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
	pad := strings.Repeat("x", 1000)
	for i := range 20 {
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for j := range 100 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO things (id, name) VALUES ($1, $2)`,
					fmt.Sprintf("%d-%d", i, j), fmt.Sprintf("%d-%d-%s", i, j, pad)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
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
