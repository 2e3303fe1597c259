package store

// Local returns the value this process keeps beside the database under key
// (a package's own unexported type, as with context keys), made by mk the
// first time it is asked for. It lives as long as db: a package keeps its
// caches of the database here rather than in globals that would outlive it
// (tests open many databases).
func (db *DB) Local(key any, mk func() any) any {
	if v, ok := db.local.Load(key); ok {
		return v
	}
	v, _ := db.local.LoadOrStore(key, mk())
	return v
}

// OwnedByProcess reports whether this process is the database's only
// user, so that what it caches of the database can only go stale through
// its own commits: a SQLite file, which one service process opens. A
// PostgreSQL database may be shared by replicas, each committing what the
// others cannot see in their caches.
func (db *DB) OwnedByProcess() bool { return db.Dialect == SQLite }
