package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Tx is a database transaction that can run hooks after it commits (the
// outbox uses one to wake its relay).
type Tx struct {
	*sql.Tx
	Dialect  Dialect
	onCommit []func()
	stmts    *stmtCache
	// unprepared are cacheable queries that ran without a statement.
	unprepared []string
	db         *DB
}

// DB is the database the transaction writes to.
func (tx *Tx) DB() *DB { return tx.db }

// OnCommit registers fn to run after a successful commit, never after a
// rollback.
func (tx *Tx) OnCommit(fn func()) { tx.onCommit = append(tx.onCommit, fn) }

// InTx runs fn in a transaction on the writer pool. fn's error rolls back
// and is returned as is (wrapped errors stay matchable with errors.Is). On
// SQLite fn may share its transaction with other callers' (group commit),
// inside a savepoint of its own: it sees what fns before it wrote, as if
// they had committed first, and its failure rolls back only its own work.
// InTx returns once the work is committed. As before, fn must not call
// InTx itself (SQLite has one writer connection). On PostgreSQL a fn whose
// transaction was ended to break a deadlock runs again (at most
// deadlockAttempts times in all), so fn must not depend on having run once.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	if db.group != nil {
		return db.inGroup(ctx, fn)
	}
	// PostgreSQL ends one of two transactions that wait for each other's
	// row locks (a deadlock); the other goes on. Two transactions that
	// move the same running totals in different orders (tasks' counts per
	// unit and month) can meet so. Nothing of the ended one was written:
	// it runs again, as its caller would have to, after a short random
	// pause: run at once, it can take the first row back before the
	// survivor (woken by the rollback) does, and meet it again.
	for attempt := 1; ; attempt++ {
		err := db.inTx(ctx, fn)
		if attempt >= deadlockAttempts || !IsDeadlock(err) || ctx.Err() != nil {
			return err
		}
		pause := time.NewTimer(deadlockPause + rand.N(deadlockPause))
		select {
		case <-ctx.Done():
			pause.Stop()
			return err
		case <-pause.C:
		}
	}
}

// deadlockPause is the least time a deadlock's victim waits before it runs
// again (up to twice that, at random): long enough for the survivor to
// take the rows the victim released.
const deadlockPause = 10 * time.Millisecond

// deadlockAttempts bounds how often InTx runs a transaction PostgreSQL
// ended as a deadlock's victim.
const deadlockAttempts = 3

// IsDeadlock reports whether err is PostgreSQL's deadlock_detected.
func IsDeadlock(err error) bool {
	type sqlStater interface{ SQLState() string }
	var pe sqlStater
	return errors.As(err, &pe) && pe.SQLState() == "40P01"
}

func (db *DB) inTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{Tx: sqlTx, Dialect: db.Dialect, stmts: db.writeStmts, db: db}
	if err := fn(ctx, tx); err != nil {
		_ = sqlTx.Rollback()
		db.writeStmts.prepareLater(ctx, tx.unprepared)
		return err
	}
	err = sqlTx.Commit()
	db.writeStmts.prepareLater(ctx, tx.unprepared)
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	for _, h := range tx.onCommit {
		h()
	}
	return nil
}

// IsUniqueViolation reports whether err is a unique or primary-key
// constraint violation on either database.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	type sqlStater interface{ SQLState() string }
	var pe sqlStater
	if errors.As(err, &pe) {
		return pe.SQLState() == "23505"
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "(2067)") || strings.Contains(msg, "(1555)")
}
