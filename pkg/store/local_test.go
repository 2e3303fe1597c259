package store_test

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

type keyA struct{}
type keyB struct{}

// Local keeps one value per database and key, made once.
func TestLocalKeepsOneValuePerDatabaseAndKey(t *testing.T) {
	db1, db2 := storetest.OpenSQLite(t), storetest.OpenSQLite(t)
	made := 0
	mk := func() any { made++; return new(int) }
	for _, tc := range []struct {
		name     string
		db       *store.DB
		key      any
		wantMade int
	}{
		{"first use", db1, keyA{}, 1},
		{"same database and key", db1, keyA{}, 1},
		{"another key", db1, keyB{}, 2},
		{"another database", db2, keyA{}, 3},
	} {
		v := tc.db.Local(tc.key, mk)
		if again := tc.db.Local(tc.key, mk); again != v {
			t.Errorf("%s: two answers for one key", tc.name)
		}
		if made != tc.wantMade {
			t.Errorf("%s: %d values made, want %d", tc.name, made, tc.wantMade)
		}
	}
	if db1.Local(keyA{}, mk) == db2.Local(keyA{}, mk) {
		t.Error("two databases share a value")
	}
}
