package idempotency_test

import (
	"context"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// An expired key no longer replays: the same request runs again as new;
// keys claimed after the cutoff stay.
func TestExpire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		m := &maker{}
		old, fresh := key(t, "u1", "old", "a"), key(t, "u1", "fresh", "b")
		for _, k := range []idempotency.Key{old, fresh} {
			if _, _, err := idempotency.Do(ctx, db, k, m.create(k.Value)); err != nil {
				t.Fatal(err)
			}
		}
		exec(t, db, `UPDATE idempotency_keys SET created_at = $1 WHERE key = $2`,
			store.FormatTime(time.Now().Add(-8*24*time.Hour)), old.Value)

		n, err := idempotency.Expire(ctx, db, time.Now().Add(-idempotency.DefaultRetention))
		if err != nil || n != 1 {
			t.Fatalf("expired %d, %v; want 1", n, err)
		}
		cases := []struct {
			k     idempotency.Key
			found bool
		}{{old, false}, {fresh, true}}
		for _, c := range cases {
			if _, found, err := idempotency.Lookup(ctx, db, c.k); err != nil || found != c.found {
				t.Errorf("key %s: found=%v %v, want found=%v", c.k.Value, found, err, c.found)
			}
		}
		if _, replayed, err := idempotency.Do(ctx, db, fresh, m.create("b")); err != nil || !replayed {
			t.Errorf("fresh key: replayed=%v %v, want a replay", replayed, err)
		}
	})
}
