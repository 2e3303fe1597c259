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
//
// But it never restarts the WAL either: the WAL goes back to its start
// only when a write begins with every frame checkpointed and no reader on
// it, which under steady load (a writer always queued, readers always
// reading) never happened: the documents service's WAL reached 7 GB at
// 20,000 documents of the province generator (issue 21), on its way to
// 150 GB for a province's year. So once the WAL is longer than
// walRestartFrames the checkpointer asks the committer for a RESTART
// checkpoint, which it runs between two groups (group.go, restart).
const checkpointEvery = time.Second

// walRestartFrames is the WAL's length, in pages, past which it is
// restarted (64 MB of 4 kB pages): the file stays under about that plus a
// second of writes, and under the heaviest load (report submissions) the
// writers pause for a restart's fsyncs every few seconds, not at every tick.
var walRestartFrames = 16384

type checkpointer struct {
	conn *sql.DB
	// restart asks for the WAL to be restarted (nil: never).
	restart func()
	stop    chan struct{}
	done    chan struct{}
}

func startCheckpointer(conn *sql.DB, restart func()) *checkpointer {
	c := &checkpointer{conn: conn, restart: restart, stop: make(chan struct{}), done: make(chan struct{})}
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
			var busy, frames, checkpointed int
			err := c.conn.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &checkpointed)
			if err == nil && frames > walRestartFrames && c.restart != nil {
				c.restart()
			}
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
