package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
)

// Group commit (SQLite). SQLite has one writer, so transactions queue for
// it anyway; a committer goroutine runs the queued ones in one SQLite
// transaction, each inside a savepoint, and commits once: the commit (WAL
// write) is shared and nobody waits longer than for one group. Each fn
// still runs in its caller's goroutine (panics, stack traces and ctx stay
// the caller's); the committer only hands the transaction round. A fn that
// fails is rolled back to its savepoint alone; its neighbours commit.

// maxGroup bounds the transactions of one group, so a group's latency stays
// short under any load.
const maxGroup = 64

// errGroupAborted is what members that had succeeded get when the shared
// transaction could not go on (a savepoint could not be rolled back).
var errClosed = errors.New("database closed")

var errGroupAborted = errors.New("group transaction aborted by a failure in another transaction; nothing was written")

type groupReq struct {
	ctx  context.Context
	turn chan groupTurn // committer → caller: run fn now
	back chan turnDone  // caller → committer: how fn ended
	done chan error     // committer → caller: the outcome
}

type groupTurn struct {
	tx        *sql.Tx
	savepoint bool // false when fn is alone: its failure rolls back all
}

type turnDone struct {
	err    error
	broken bool // the shared transaction is unusable
}

type committer struct {
	writer *sql.DB
	queue  chan *groupReq
	stop   chan struct{}
	done   chan struct{}
	// restartWAL is set by the checkpointer when the WAL has grown long
	// (checkpoint.go); the committer restarts it before its next group.
	restartWAL atomic.Bool
}

func startCommitter(writer *sql.DB) *committer {
	c := &committer{writer: writer, queue: make(chan *groupReq, 4*maxGroup), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *committer) close() {
	close(c.stop)
	<-c.done
}

func (c *committer) run() {
	defer close(c.done)
	var carry []*groupReq
	for {
		batch := carry
		if len(batch) == 0 {
			select {
			case r := <-c.queue:
				batch = append(batch, r)
			case <-c.stop:
				c.failQueued()
				return
			}
		}
	fill:
		for len(batch) < maxGroup {
			select {
			case r := <-c.queue:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		if c.restartWAL.Swap(false) {
			c.restart()
		}
		carry = c.group(batch)
	}
}

// restartBusy is how long, in milliseconds, a WAL restart waits for the
// readers still on the WAL to finish, while the writers queue behind it.
// A reader that takes longer (an export) only puts the restart off to a
// later tick of the checkpointer.
const restartBusy = 100

// restart checkpoints the whole WAL and makes the next commit write it from
// its start (PRAGMA wal_checkpoint(RESTART)), on the writer's connection,
// between two groups: no writer is in the way, and the passive checkpoints
// have already copied nearly every frame. Durability is SQLite's: the
// database file is synced before the WAL is reused.
func (c *committer) restart() {
	ctx := context.Background()
	conn, err := c.writer.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var timeout int
	if err := conn.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&timeout); err != nil {
		return
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, restartBusy)); err != nil {
		return
	}
	// Busy (a reader held on) is no failure: the checkpointer asks again.
	_, _ = conn.ExecContext(ctx, `PRAGMA wal_checkpoint(RESTART)`)
	_, _ = conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, timeout))
}

// failQueued answers whoever queued before the committer stopped.
func (c *committer) failQueued() {
	for {
		select {
		case r := <-c.queue:
			r.done <- errClosed
		default:
			return
		}
	}
}

// group runs batch in one transaction and returns the members it did not
// get to (the transaction broke before their turn); they go in the next.
func (c *committer) group(batch []*groupReq) (carry []*groupReq) {
	sqlTx, err := c.writer.BeginTx(context.Background(), nil)
	if err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("begin: %w", err)
		}
		return nil
	}
	var ok []*groupReq
	savepoint := len(batch) > 1
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- err
			continue
		}
		r.turn <- groupTurn{tx: sqlTx, savepoint: savepoint}
		res := <-r.back
		if res.err == nil {
			ok = append(ok, r)
			continue
		}
		r.done <- res.err
		if res.broken || !savepoint {
			_ = sqlTx.Rollback()
			for _, o := range ok {
				o.done <- errGroupAborted
			}
			return batch[i+1:]
		}
	}
	if len(ok) == 0 {
		_ = sqlTx.Rollback()
		return nil
	}
	err = sqlTx.Commit()
	if err != nil {
		err = fmt.Errorf("commit: %w", err)
	}
	for _, r := range ok {
		r.done <- err
	}
	return nil
}

// inGroup is InTx through the committer.
func (db *DB) inGroup(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	r := &groupReq{ctx: ctx, turn: make(chan groupTurn, 1), back: make(chan turnDone, 1), done: make(chan error, 1)}
	select {
	case db.group.queue <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-db.group.done:
		return errClosed
	}
	var t groupTurn
	select {
	case t = <-r.turn:
	case err := <-r.done: // begin failed, or ctx ended before the turn
		return err
	case <-db.group.done: // queued after the committer stopped
		return errClosed
	}
	tx := &Tx{Tx: t.tx, Dialect: db.Dialect, stmts: db.writeStmts, db: db}
	err := db.turn(ctx, tx, t.savepoint, r.back, fn)
	if err == nil {
		err = <-r.done
	}
	db.writeStmts.prepareLater(ctx, tx.unprepared)
	if err != nil {
		return err
	}
	for _, h := range tx.onCommit {
		h()
	}
	return nil
}

// turn runs fn in the shared transaction, inside a savepoint when it has
// neighbours, and always tells the committer how it ended, even when fn
// panics (the panic then goes on in the caller).
func (db *DB) turn(ctx context.Context, tx *Tx, savepoint bool, back chan<- turnDone, fn func(ctx context.Context, tx *Tx) error) (err error) {
	bg := context.WithoutCancel(ctx)
	if savepoint {
		if _, err := tx.Tx.ExecContext(bg, `SAVEPOINT eoffice_group`); err != nil {
			back <- turnDone{err: fmt.Errorf("savepoint: %w", err), broken: true}
			return fmt.Errorf("savepoint: %w", err)
		}
	}
	panicked := true
	defer func() {
		if panicked {
			err = errors.New("transaction function panicked")
		}
		res := turnDone{err: err}
		if savepoint {
			if err != nil {
				if _, rerr := tx.Tx.ExecContext(bg, `ROLLBACK TO eoffice_group`); rerr != nil {
					res.broken = true
				}
			}
			if _, rerr := tx.Tx.ExecContext(bg, `RELEASE eoffice_group`); rerr != nil {
				res.broken = true
				if res.err == nil {
					res.err = fmt.Errorf("release savepoint: %w", rerr)
					err = res.err
				}
			}
		}
		back <- res
	}()
	err = fn(ctx, tx)
	panicked = false
	return err
}
