package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// envPostgresDSN names a PostgreSQL server (any database on it, with the
// right to create databases) on which every stack the bench starts gets one
// fresh database per service, dropped when the stack stops unless
// EOFFICE_BENCH_KEEP_DB=1 (to measure what was stored).
const envPostgresDSN = "EOFFICE_BENCH_POSTGRES_DSN"

// dbServices are the services with a database (web keeps none).
var dbServices = []string{"identity", "documents", "tasks", "notifications", "exchange"}

// databases returns each service's database: SQLite files in dataDir
// without a server, else fresh PostgreSQL databases and how to drop them.
func databases(ctx context.Context, dataDir, server string) (map[string]string, func(), error) {
	dbs := map[string]string{}
	if server == "" {
		for _, s := range dbServices {
			dbs[s] = filepath.Join(dataDir, s+".db")
		}
		return dbs, func() {}, nil
	}
	if !store.IsPostgresDSN(server) {
		return nil, nil, fmt.Errorf("%s is not a PostgreSQL DSN", envPostgresDSN)
	}
	admin, err := store.Open(ctx, server)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", envPostgresDSN, err)
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	prefix := "eo_bench_" + hex.EncodeToString(b) + "_"
	var made []string
	drop := func() {
		if os.Getenv("EOFFICE_BENCH_KEEP_DB") == "1" {
			fmt.Fprintln(os.Stderr, "eoffice-bench: databases kept:", strings.Join(made, " "))
			admin.Close()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, name := range made {
			if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
				fmt.Fprintf(os.Stderr, "eoffice-bench: drop database %s: %v\n", name, err)
			}
		}
		admin.Close()
	}
	for _, s := range dbServices {
		name := prefix + s
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			drop()
			return nil, nil, fmt.Errorf("create database %s: %w", name, err)
		}
		made = append(made, name)
		dsn, err := withDatabase(server, name)
		if err != nil {
			drop()
			return nil, nil, err
		}
		dbs[s] = dsn
	}
	return dbs, drop, nil
}

// withDatabase is server's DSN naming database name instead.
func withDatabase(server, name string) (string, error) {
	if !strings.Contains(server, "://") {
		return server + " dbname=" + name, nil
	}
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("%s: %w", envPostgresDSN, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// reportSizes prints each service's database size, for deploy/SIZING.md's
// bytes per stored item: the SQLite file with its write-ahead log, or
// pg_database_size.
func (s *Stack) reportSizes() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	names := make([]string, 0, len(s.DBs))
	for n := range s.DBs {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		size, err := dbSize(ctx, s.DBs[n])
		if err != nil {
			parts = append(parts, n+"=?")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s=%.1fMB", n, float64(size)/(1<<20)))
	}
	fmt.Fprintln(os.Stderr, "eoffice-bench: database sizes at the end:", strings.Join(parts, " "))
}

func dbSize(ctx context.Context, dsn string) (int64, error) {
	if !store.IsPostgresDSN(dsn) {
		var total int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(dsn + suffix); err == nil {
				total += fi.Size()
			}
		}
		return total, nil
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
	return n, err
}

// analyze gathers the PostgreSQL databases' planner statistics after a
// load, as autovacuum does on a server in service within a minute or so.
// A server run with autovacuum off (a test server may be) would otherwise
// plan the figures' queries on guesses: a box page read whole and sorted
// instead of from its index (issue 21). SQLite files are left as the
// services keep them.
func analyze(ctx context.Context, dbs map[string]string) error {
	for _, s := range dbServices {
		dsn := dbs[s]
		if !store.IsPostgresDSN(dsn) {
			continue
		}
		db, err := store.Open(ctx, dsn)
		if err != nil {
			return fmt.Errorf("analyze %s: %w", s, err)
		}
		_, err = db.ExecContext(ctx, "ANALYZE")
		db.Close()
		if err != nil {
			return fmt.Errorf("analyze %s: %w", s, err)
		}
	}
	return nil
}
