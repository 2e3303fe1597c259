package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Tx is a database transaction that can run hooks after it commits (the
// outbox uses one to wake its relay).
type Tx struct {
	*sql.Tx
	Dialect  Dialect
	onCommit []func()
}

// OnCommit registers fn to run after a successful commit, never after a
// rollback.
func (tx *Tx) OnCommit(fn func()) { tx.onCommit = append(tx.onCommit, fn) }

// InTx runs fn in a transaction on the writer pool. fn's error rolls back
// and is returned as is (wrapped errors stay matchable with errors.Is).
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	sqlTx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{Tx: sqlTx, Dialect: db.Dialect}
	if err := fn(ctx, tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
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
