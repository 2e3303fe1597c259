package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// maxCachedStatements bounds a cache: queries built at run time (IN lists
// of any length) must not grow it without end. Past the bound a query runs
// unprepared, as before.
const maxCachedStatements = 512

// stmtCache keeps prepared statements of one pool by query text. The SQLite
// driver otherwise parses and plans the SQL on every call (a seventh of the
// consumers' time in profiles); pgx caches its own, so PostgreSQL pools
// have none.
type stmtCache struct {
	pool *sql.DB
	mu   sync.RWMutex
	m    map[string]*sql.Stmt
	full bool
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: make(map[string]*sql.Stmt)}
}

// get returns the prepared statement of q, preparing it on the pool if
// need be, or nil when q is not cached: not plain DML, the cache is full,
// or preparing failed (the caller then runs q directly and meets the error
// there). Never call it for a pool whose only connection the caller holds.
func (c *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	s, miss := c.peek(q)
	if !miss {
		return s
	}
	return c.prepare(ctx, q)
}

// peek returns q's statement if cached; miss says it could be.
func (c *stmtCache) peek(q string) (s *sql.Stmt, miss bool) {
	if c == nil || !cacheable(q) {
		return nil, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	s = c.m[q]
	return s, s == nil && !c.full
}

func (c *stmtCache) prepare(ctx context.Context, q string) *sql.Stmt {
	// Not under the lock: preparing waits for a connection, and the
	// transaction holding SQLite's writer connection may need the lock.
	s, err := c.pool.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[q]; old != nil || len(c.m) >= maxCachedStatements {
		_ = s.Close()
		c.full = c.full || old == nil
		return old
	}
	c.m[q] = s
	return s
}

// cacheable keeps DDL and multi-statement scripts out: one DML statement.
func cacheable(q string) bool {
	q = strings.TrimSpace(q)
	if len(q) < 6 || strings.Contains(strings.TrimSuffix(q, ";"), ";") {
		return false
	}
	switch strings.ToUpper(q[:6]) {
	case "SELECT", "INSERT", "UPDATE", "DELETE":
		return true
	}
	return strings.EqualFold(q[:4], "WITH")
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		_ = s.Close()
		delete(c.m, q)
	}
}

// ExecContext runs q on the reader pool through the statement cache.
func (db *DB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := db.readStmts.get(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return db.DB.ExecContext(ctx, q, args...)
}

// QueryContext runs q on the reader pool through the statement cache.
func (db *DB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := db.readStmts.get(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return db.DB.QueryContext(ctx, q, args...)
}

// QueryRowContext runs q on the reader pool through the statement cache.
func (db *DB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := db.readStmts.get(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return db.DB.QueryRowContext(ctx, q, args...)
}

// stmt binds the writer pool's prepared statement of q to the
// transaction. A query not yet prepared runs directly this time and is
// prepared after the transaction (InTx): the transaction holds SQLite's
// only writer connection, so preparing on the pool now would wait forever.
func (tx *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	s, miss := tx.stmts.peek(q)
	if s != nil {
		return tx.Tx.StmtContext(ctx, s)
	}
	if miss {
		tx.unprepared = append(tx.unprepared, q)
	}
	return nil
}

// prepareLater prepares what a finished transaction ran unprepared.
func (c *stmtCache) prepareLater(ctx context.Context, qs []string) {
	for _, q := range qs {
		if _, miss := c.peek(q); miss {
			c.prepare(context.WithoutCancel(ctx), q)
		}
	}
}

// ExecContext runs q in the transaction through the statement cache.
func (tx *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := tx.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, q, args...)
}

// QueryContext runs q in the transaction through the statement cache.
func (tx *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, q, args...)
}

// QueryRowContext runs q in the transaction through the statement cache.
func (tx *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, q, args...)
}
