package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// withLog returns a service on e's database whose log goes to buf.
func withLog(e *testenv.Env, buf *bytes.Buffer) *app.Identity {
	cfg := testenv.Config()
	cfg.Logger = slog.New(slog.NewJSONHandler(buf, nil))
	return app.New(store.New(e.DB, e.Outbox), cfg)
}

func TestBootstrapGeneratesPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		e := testenv.New(t, db)
		dir := filepath.Join(t.TempDir(), "data")
		var log bytes.Buffer
		res, err := withLog(e, &log).Bootstrap(ctx, app.BootstrapConfig{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "admin-password")
		if !res.Created || res.PasswordFile != path {
			t.Fatalf("result = %+v", res)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Fatalf("mode %v, want 0600", info.Mode().Perm())
		}
		raw, _ := os.ReadFile(path)
		pass := strings.TrimSpace(string(raw))
		if len(pass) < 20 {
			t.Fatalf("generated password is weak: %d characters", len(pass))
		}
		if !strings.Contains(log.String(), path) || strings.Contains(log.String(), pass) {
			t.Fatalf("log must name the path and never the password: %s", log.String())
		}
		tok := login(t, e, "admin", pass)
		p, err := e.Verifier(t).Verify(ctx, tok.AccessToken)
		if err != nil || strings.Join(p.Roles, ",") != "admin" || p.UnitID != "" {
			t.Fatalf("admin principal %+v, %v", p, err)
		}
		evs := e.Events(t, "user.created")
		if len(evs) != 1 || evs[0].Payload.(*eventsv1.UserCreated).Username != "admin" {
			t.Fatalf("events = %+v", evs)
		}

		// A restart changes nothing: no new user, no new password, no event.
		log.Reset()
		res, err = withLog(e, &log).Bootstrap(ctx, app.BootstrapConfig{DataDir: dir})
		if err != nil || res.Created || res.PasswordFile != "" {
			t.Fatalf("second bootstrap = %+v, %v", res, err)
		}
		if again, _ := os.ReadFile(path); string(again) != string(raw) {
			t.Fatal("the password file changed on restart")
		}
		if n := e.Count(t, "users"); n != 1 {
			t.Fatalf("%d users", n)
		}
		if n := len(e.Events(t, "user.created")); n != 1 {
			t.Fatalf("%d user.created events", n)
		}
	})
}

func TestBootstrapWithPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		tests := []struct {
			name     string
			password string
			created  bool
			wantErr  bool
		}{
			{"too short", "short", false, true},
			{"holds the username", "my-Admin-password", false, true},
			{"good", "a-good-password", true, false},
			{"changed on restart: ignored", "another-password", false, false},
		}
		e := testenv.New(t, db)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var log bytes.Buffer
				res, err := withLog(e, &log).Bootstrap(ctx, app.BootstrapConfig{Password: tt.password, DataDir: dir})
				if (err != nil) != tt.wantErr || res.Created != tt.created || res.PasswordFile != "" {
					t.Fatalf("Bootstrap = %+v, %v", res, err)
				}
				if err != nil && strings.Contains(err.Error(), tt.password) {
					t.Fatal("the error repeats the password")
				}
				if strings.Contains(log.String(), tt.password) {
					t.Fatal("the log holds the password")
				}
			})
		}
		if _, err := os.Stat(filepath.Join(dir, "admin-password")); !os.IsNotExist(err) {
			t.Fatalf("a password file was written: %v", err)
		}
		login(t, e, "admin", "a-good-password")
		if n := e.Count(t, "users"); n != 1 {
			t.Fatalf("%d users", n)
		}
	})
}
