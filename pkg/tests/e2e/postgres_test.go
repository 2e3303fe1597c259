package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// envE2EPostgres set to 1 runs every service of every stack these tests
// start on PostgreSQL (a fresh database per service and stack, on the
// server of EOFFICE_TEST_POSTGRES_DSN) instead of SQLite. .ci/run sets it
// for its second end-to-end run.
const envE2EPostgres = "EOFFICE_E2E_POSTGRES"

var services = []string{"identity", "documents", "tasks", "notifications", "exchange"}

// stackDatabases remembers the databases of a data folder, so that a stack
// started again on the same folder (TestRestartCarriesOn) finds its data,
// and extra replicas share the stack's databases.
var stackDatabases sync.Map // data folder → []string of EOFFICE_<SERVICE>_DB=...

// databaseEnv is the extra environment of a stack on dataDir: nothing on
// SQLite, the PostgreSQL DSNs when EOFFICE_E2E_POSTGRES=1.
func databaseEnv(t *testing.T, dataDir string) []string {
	t.Helper()
	if os.Getenv(envE2EPostgres) != "1" {
		if env, ok := stackDatabases.Load(dataDir); ok {
			return env.([]string)
		}
		return nil
	}
	return postgresEnv(t, dataDir)
}

// postgresEnv creates (once per data folder) one PostgreSQL database per
// service, dropped when the test ends; it skips the test without a server,
// unless EOFFICE_E2E_POSTGRES asked for one.
func postgresEnv(t *testing.T, dataDir string) []string {
	t.Helper()
	if env, ok := stackDatabases.Load(dataDir); ok {
		return env.([]string)
	}
	if os.Getenv(storetest.EnvPostgresDSN) == "" && os.Getenv(envE2EPostgres) == "1" {
		t.Fatalf("%s=1 needs %s", envE2EPostgres, storetest.EnvPostgresDSN)
	}
	var env []string
	dsns := map[string]string{}
	for _, s := range services {
		dsns[s] = storetest.NewPostgresDSN(t)
		env = append(env, "EOFFICE_"+strings.ToUpper(s)+"_DB="+dsns[s])
	}
	stackDatabases.Store(dataDir, env)
	// Runs after the stack stopped and before the databases are dropped:
	// proof that the services really ran on PostgreSQL.
	t.Cleanup(func() {
		stackDatabases.Delete(dataDir)
		for _, s := range services {
			checkRanOnPostgres(t, dataDir, s, dsns[s])
		}
	})
	return env
}

// checkRanOnPostgres fails the test when service created its SQLite file
// or left its PostgreSQL database unmigrated.
func checkRanOnPostgres(t *testing.T, dataDir, service, dsn string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, service+".db")); err == nil {
		t.Errorf("%s created a SQLite database although it was given PostgreSQL", service)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Errorf("%s database: %v", service, err)
		return
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+messaging.MigrationTable).Scan(&n); err != nil || n == 0 {
		t.Errorf("%s never migrated its PostgreSQL database (%d rows, %v)", service, n, err)
	}
}
