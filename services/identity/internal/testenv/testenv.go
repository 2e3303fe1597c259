// Package testenv sets identity up on a real database for tests: schema,
// outbox, service with cheap password hashing, a signing key, and helpers
// to read what was written. Only tests import it.
package testenv

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// Issuer is the iss of tokens in tests.
const Issuer = "http://identity.test"

// AdminPassword is the bootstrap administrator's password in tests.
const AdminPassword = "bootstrap-secret-1"

// CheapArgon2 keeps tests fast; the format and code path are the real ones.
var CheapArgon2 = domain.Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

// Env is identity on one test database.
type Env struct {
	DB     *pkgstore.DB
	Store  *store.Store
	Outbox *messaging.Outbox
	App    *app.Identity
}

// New migrates db and starts the service on it with a signing key; the
// administrator is not bootstrapped (see Admin).
func New(t testing.TB, db *pkgstore.DB) *Env {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx, "goose_identity", store.Migrations); err != nil {
		t.Fatal(err)
	}
	e := &Env{DB: db, Outbox: messaging.NewOutbox(db, messaging.OutboxConfig{})}
	e.Store = store.New(db, e.Outbox)
	e.App = app.New(e.Store, Config())
	if err := e.App.EnsureSigningKey(ctx); err != nil {
		t.Fatal(err)
	}
	return e
}

// Config is the service configuration of tests.
func Config() app.Config {
	return app.Config{
		Issuer: Issuer,
		Hasher: domain.NewHasher(CheapArgon2),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// Admin bootstraps the administrator with AdminPassword and returns a
// context acting as it.
func (e *Env) Admin(t testing.TB) context.Context {
	t.Helper()
	ctx := context.Background()
	if _, err := e.App.Bootstrap(ctx, app.BootstrapConfig{Password: AdminPassword, DataDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	u, _, err := e.Store.Credentials(ctx, domain.BootstrapUsername)
	if err != nil {
		t.Fatal(err)
	}
	return auth.NewContext(ctx, auth.Principal{Subject: u.ID, Username: u.Username, Roles: u.Roles})
}

// As returns a context acting as user.
func As(user domain.User) context.Context {
	return auth.NewContext(context.Background(), auth.Principal{
		Subject: user.ID, Username: user.Username, UnitID: user.UnitID, AgencyID: user.AgencyID, Roles: user.Roles,
	})
}

// Verifier accepts the tokens the service signs, with the keys it
// publishes.
func (e *Env) Verifier(t testing.TB) *auth.Verifier {
	t.Helper()
	set, err := e.App.JWKS(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return auth.NewVerifier("", Issuer, auth.WithKeys(set))
}

// Exec changes rows behind the service's back, in a write transaction
// (the plain pool is the readers'), for a state no route makes.
func (e *Env) Exec(t testing.TB, q string, args ...any) {
	t.Helper()
	err := e.DB.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Count returns the number of rows of table.
func (e *Env) Count(t testing.TB, table string) int {
	t.Helper()
	var n int
	if err := e.DB.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Event is one outbox row, decoded.
type Event struct {
	Topic, Type, Key, Source string
	Payload                  any
}

// Events returns the outbox rows of a short event type, oldest first, with
// their decoded payloads.
func (e *Env) Events(t testing.TB, short string) []Event {
	t.Helper()
	rows, err := e.DB.QueryContext(context.Background(),
		`SELECT topic, type, key, source, data FROM outbox WHERE type = $1 ORDER BY id`, events.Type(short))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var ev Event
		var data string
		if err := rows.Scan(&ev.Topic, &ev.Type, &ev.Key, &ev.Source, &data); err != nil {
			t.Fatal(err)
		}
		p, err := envelope.Event{Type: ev.Type, Data: []byte(data)}.Payload()
		if err != nil {
			t.Fatal(err)
		}
		ev.Payload = p
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// AsPrincipal returns a context acting as p (a machine client, say).
func AsPrincipal(p auth.Principal) context.Context {
	return auth.NewContext(context.Background(), p)
}
