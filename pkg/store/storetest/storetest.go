// Package storetest runs a test against every database the project
// supports: SQLite always, PostgreSQL when EOFFICE_TEST_POSTGRES_DSN is set.
// Each PostgreSQL run gets its own database (eo_<random>), dropped at the
// end, so test packages may run in parallel on one server.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// EnvPostgresDSN names the variable CI sets to a server DSN.
const EnvPostgresDSN = "EOFFICE_TEST_POSTGRES_DSN"

// Each runs fn as a subtest once per database: "sqlite" and, when
// configured, "postgres". The database is closed after fn returns.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, OpenSQLite(t)) })
	if os.Getenv(EnvPostgresDSN) != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, OpenPostgres(t)) })
	}
}

// EachBench is Each for a benchmark: fn runs as a sub-benchmark on a
// fresh "sqlite" database and, when configured, a "postgres" one.
func EachBench(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Helper()
	b.Run("sqlite", func(b *testing.B) { fn(b, OpenSQLite(b)) })
	if os.Getenv(EnvPostgresDSN) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, OpenPostgres(b)) })
	}
}

// OpenSQLite opens a fresh SQLite database in the test's temp folder.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, filepath.Join(t.TempDir(), "test.db"))
}

// Open opens dsn, closed when the test ends: another handle on a database
// a test made, as a replica would open it.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenPostgres opens a fresh PostgreSQL database; it skips the test when
// EOFFICE_TEST_POSTGRES_DSN is unset.
func OpenPostgres(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, NewPostgresDSN(t))
}

// NewPostgresDSN creates an empty database on the test server and returns
// its DSN; the database is dropped when the test ends. Skips the test when
// no server is configured.
func NewPostgresDSN(t testing.TB) string {
	t.Helper()
	server := os.Getenv(EnvPostgresDSN)
	if server == "" {
		t.Skip(EnvPostgresDSN + " not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "eo_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	return withDatabase(t, server, name)
}

func withDatabase(t testing.TB, dsn, name string) string {
	if strings.Contains(dsn, "://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("parse %s: %v", EnvPostgresDSN, err)
		}
		u.Path = "/" + name
		return u.String()
	}
	return dsn + " dbname=" + name
}
