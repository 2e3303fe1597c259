// Package store opens a service's database — SQLite (embedded default) or
// PostgreSQL, chosen by the DSN — runs its embedded migrations and runs
// transactions with after-commit hooks.
//
// Queries use $1, $2 … placeholders, which both drivers accept.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // driver "sqlite"
)

// Dialect tells the few places that must differ which SQL to write.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is a service database. The embedded *sql.DB serves reads; transactions
// go through a writer pool that, on SQLite, holds one connection so that
// writers queue in Go instead of failing with SQLITE_BUSY; the queue is
// drained in groups that share one commit (group.go). On SQLite both pools
// keep their statements prepared (stmt.go).
type DB struct {
	*sql.DB
	writer  *sql.DB
	Dialect Dialect
	// Prepared statements of each pool (SQLite only; nil on PostgreSQL).
	readStmts, writeStmts *stmtCache
	group                 *committer    // SQLite only (group.go)
	checkpoints           *checkpointer // SQLite only (checkpoint.go)
	local                 sync.Map      // Local's values, by key
}

// IsPostgresDSN reports whether dsn names a PostgreSQL database rather than
// a SQLite file.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") ||
		strings.Contains(dsn, "host=") || strings.Contains(dsn, "dbname=")
}

// Open opens dsn: a PostgreSQL URL or key=value DSN, or else a SQLite file
// path (its folder is created). It pings before returning.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("open store: empty DSN")
	}
	if IsPostgresDSN(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ping postgres: %w", err)
	}
	return &DB{DB: db, writer: db, Dialect: Postgres}, nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
	}
	// The file holds password hashes and signing keys: owner only. SQLite
	// gives its -wal and -shm files the database file's mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	f.Close()
	// synchronous=NORMAL in WAL mode survives a killed process (the OS keeps
	// the written WAL); only a power loss may drop the last commits.
	// temp_store=MEMORY: the group commit (group.go) runs each transaction
	// in a savepoint, whose sub-journal was otherwise a temporary file
	// written page by page (12% of the tasks service's CPU under report
	// submissions, bench profile).
	base := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)"
	// Checkpoints run beside the writer (checkpoint.go), never in a commit.
	w, err := sql.Open("sqlite", base+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	r.SetMaxOpenConns(readers)
	// Keep every reader open: database/sql keeps 2 idle by default, so under
	// load it closed and reopened connections, and each new one opened the
	// file and prepared the cached statements again (a tenth of a busy
	// service's CPU in profiles).
	r.SetMaxIdleConns(readers)
	r.SetConnMaxIdleTime(0)
	db := &DB{DB: r, writer: w, Dialect: SQLite, readStmts: newStmtCache(r), writeStmts: newStmtCache(w)}
	if err := w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ping sqlite %s: %w", path, err)
	}
	cp, err := sql.Open("sqlite", base)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	cp.SetMaxOpenConns(1)
	db.group = startCommitter(w)
	db.checkpoints = startCheckpointer(cp, func() { db.group.restartWAL.Store(true) })
	return db, nil
}

// readers is the size of a SQLite database's reader pool.
const readers = 4

// Close closes both pools.
func (db *DB) Close() error {
	if db.group != nil {
		db.group.close()
	}
	var err error
	if db.checkpoints != nil {
		err = db.checkpoints.close()
	}
	db.readStmts.close()
	db.writeStmts.close()
	err = errors.Join(err, db.DB.Close())
	if db.writer != db.DB {
		err = errors.Join(err, db.writer.Close())
	}
	return err
}

// Ping checks the database answers; used by /readyz.
func (db *DB) Ping(ctx context.Context) error { return db.writer.PingContext(ctx) }

// Migrate applies the SQL migrations in fsys (goose files at its root),
// recording them in table. Each package with its own schema (a service,
// pkg/messaging) uses its own table so their version numbers never collide.
// On PostgreSQL a session lock keeps two replicas from migrating at once.
func (db *DB) Migrate(ctx context.Context, table string, fsys fs.FS) error {
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithTableName(table), goose.WithDisableGlobalRegistry(true)}
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("migrate %s: %w", table, err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.writer, fsys, opts...)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	return nil
}
