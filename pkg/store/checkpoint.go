package store

import (
	"context"
	"database/sql"
	"time"
)

// WAL checkpoints (SQLite) run on a connection of their own, every
// checkpointEvery, instead of inside whichever commit crosses SQLite's
// 1,000-page mark: such a commit copied pages into the database file and
// fsynced it while every writer of the service queued behind it, the worst
// latency of the write path. A PASSIVE checkpoint never waits for readers
// or writers, so running it beside them costs them nothing.
const checkpointEvery = time.Second

type checkpointer struct {
	conn *sql.DB
	stop chan struct{}
	done chan struct{}
}

func startCheckpointer(conn *sql.DB) *checkpointer {
	c := &checkpointer{conn: conn, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			// A failure (the database busy or closing) only defers the
			// work to the next tick.
			_, _ = c.conn.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// close stops the checkpoints and closes their connection; closing the
// last connection of the database checkpoints what is left.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.conn.Close()
}
