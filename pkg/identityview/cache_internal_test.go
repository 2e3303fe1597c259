package identityview

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// A read that began before a write committed is not kept after it.
func TestKeepsOnlyReadsOfTheCurrentGeneration(t *testing.T) {
	for _, tc := range []struct {
		name    string
		between func(c *cache)
		kept    bool
	}{
		{"nothing written meanwhile", func(*cache) {}, true},
		{"a write committed meanwhile", func(c *cache) { c.clear() }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &cache{units: map[string]Unit{}, roles: map[roleKey][]Person{}}
			gen := c.generation()
			tc.between(c)
			keep(c, gen, c.units, "vp", Unit{ID: "vp"})
			keep(c, gen, c.roles, roleKey{"p.unit_id", "vp", "leader"}, []Person{{ID: "ld"}})
			if _, ok := c.unit("vp"); ok != tc.kept {
				t.Errorf("unit kept: %v, want %v", ok, tc.kept)
			}
			if _, ok := c.people(roleKey{"p.unit_id", "vp", "leader"}); ok != tc.kept {
				t.Errorf("people kept: %v, want %v", ok, tc.kept)
			}
		})
	}
}

func TestCacheStaysBounded(t *testing.T) {
	c := &cache{units: map[string]Unit{}, roles: map[roleKey][]Person{}}
	for i := range cacheLimit + 10 {
		keep(c, c.generation(), c.units, fmt.Sprint(i), Unit{ID: fmt.Sprint(i)})
	}
	if n := len(c.units); n > cacheLimit {
		t.Errorf("%d units kept, limit %d", n, cacheLimit)
	}
	if _, ok := c.unit(fmt.Sprint(cacheLimit + 9)); !ok {
		t.Error("the last unit read is not kept")
	}
}

// The chain walked through the cache is the one the query finds.
func TestUnitChainAsTheQuery(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	// ubnd ⊃ so ⊃ p1 ⊃ t1 ⊃ n1; ubnd ⊃ vp; so is an agency of its own.
	units := []Unit{
		{ID: "ubnd", Kind: KindAgency},
		{ID: "vp", ParentID: "ubnd", Kind: KindDivision},
		{ID: "so", ParentID: "ubnd", Kind: KindAgency},
		{ID: "p1", ParentID: "so", Kind: KindDivision},
		{ID: "t1", ParentID: "p1", Kind: KindDivision},
		{ID: "n1", ParentID: "t1", Kind: KindDivision},
	}
	err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for _, u := range units {
			if _, err := PutUnit(ctx, tx, u, Version{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		unit, agency string
		want         []string
	}{
		{"n1", "so", []string{"n1", "t1", "p1", "so"}},
		{"p1", "so", []string{"p1", "so"}},
		{"so", "so", []string{"so"}},
		{"vp", "ubnd", []string{"vp", "ubnd"}},
		{"n1", "ubnd", []string{"n1"}}, // another agency's unit
		{"unknown", "so", []string{"unknown"}},
	} {
		query, err := unitChainQuery(ctx, db, tc.unit, tc.agency)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // filling the cache, then from it
			walked, err := UnitChain(ctx, db, tc.unit, tc.agency)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(walked, tc.want) || !slices.Equal(query, tc.want) {
				t.Errorf("chain of %s in %s: walked %v, query %v, want %v", tc.unit, tc.agency, walked, query, tc.want)
			}
		}
	}
}
