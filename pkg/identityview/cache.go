package identityview

import (
	"slices"
	"sync"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// The process keeps what it reads of the read model's units and of who
// holds a role in a unit, because every task request and task event reads
// them (a tenth of the stack's CPU per report submission went to those
// reads, bench profile) while identity changes them rarely.
//
// Only a database this process alone writes is cached
// (store.DB.OwnedByProcess): its commits are then the only way the rows
// change. Every write of the read model (PutUnit, PutPerson,
// DeactivatePerson) empties the cache once it commits. What the cache
// holds is read through the database's reader pool, so it is always
// committed state, never a transaction's work that might still roll back;
// a read that began before a write's commit is not kept after it (the
// generation). Inside a transaction a cached answer is the state before
// any write of the same group commit, as if the transaction came first;
// the writes themselves read past the cache.

type cacheKey struct{}

// roleKey is an activeWithRole question.
type roleKey struct{ col, val, role string }

// cacheLimit bounds each map: past it the map starts again empty (a
// province has some thousands of units; the bound only matters for bulk
// imports).
const cacheLimit = 20000

type cache struct {
	db    *store.DB
	mu    sync.RWMutex
	gen   uint64
	units map[string]Unit
	roles map[roleKey][]Person
}

// cacheOf returns the cache of q's database, nil when it has none.
func cacheOf(q store.Querier) *cache {
	var db *store.DB
	switch q := q.(type) {
	case *store.DB:
		db = q
	case *store.Tx:
		db = q.DB()
	}
	if db == nil || !db.OwnedByProcess() {
		return nil
	}
	return db.Local(cacheKey{}, func() any {
		return &cache{db: db, units: map[string]Unit{}, roles: map[roleKey][]Person{}}
	}).(*cache)
}

// forget empties the cache of tx's database once tx commits.
func forget(tx *store.Tx) {
	if c := cacheOf(tx); c != nil {
		tx.OnCommit(c.clear)
	}
}

func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.units)
	clear(c.roles)
}

// generation is taken before a read whose answer is to be kept.
func (c *cache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

func (c *cache) unit(id string) (Unit, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	u, ok := c.units[id]
	return u, ok
}

// keep puts v under k in m, one of c's maps, unless a write committed
// since gen; a full map starts again empty.
func keep[K comparable, V any](c *cache, gen uint64, m map[K]V, k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if len(m) >= cacheLimit {
		clear(m)
	}
	m[k] = v
}

// people returns a copy: callers may filter the list in place.
func (c *cache) people(k roleKey) ([]Person, bool) {
	c.mu.RLock()
	ps, ok := c.roles[k]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return clonePeople(ps), true
}

func clonePeople(ps []Person) []Person {
	out := slices.Clone(ps)
	for i := range out {
		out[i].Roles = slices.Clone(out[i].Roles)
	}
	return out
}
