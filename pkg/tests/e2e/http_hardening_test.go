package e2e

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// TestSignOutAndAdminListener runs the real stack with tasks' admin
// listener set: /metrics moves there (404 on the API port, whose OpenAPI
// document stays), and signing out of the console revokes that sign-in's
// refresh tokens in identity (a revoked token gets invalid_grant, see
// identity's TestRevokeToken) while the user's other sign-ins live on.
func TestSignOutAndAdminListener(t *testing.T) {
	admin := freeAddr(t)
	s := startStack(t, "EOFFICE_TASKS_ADMIN_ADDR="+admin)

	for _, c := range []struct {
		url  string
		want int
	}{
		{s.tasks + "/metrics", http.StatusNotFound},
		{"http://" + admin + "/metrics", http.StatusOK},
		{s.tasks + "/openapi.json", http.StatusOK},
		{s.documents + "/metrics", http.StatusOK}, // no admin address: beside the API
	} {
		resp, err := httpClient.Get(c.url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET %s: %d, want %d", c.url, resp.StatusCode, c.want)
		}
	}

	const user = "admin"
	login(t, s.identity, user, s.adminPassword) // a sign-in outside the console
	u := webLoginAs(t, s.web, user, s.adminPassword)
	if n := liveRefreshTokens(t, s, user); n != 2 {
		t.Fatalf("%d live refresh tokens before sign-out, want 2", n)
	}
	if status, loc, _ := u.post("/logout", url.Values{}); status != http.StatusSeeOther || loc != "/login?out=1" {
		t.Fatalf("logout: %d %q", status, loc)
	}
	if n := liveRefreshTokens(t, s, user); n != 1 {
		t.Fatalf("%d live refresh tokens after sign-out, want 1 (the other sign-in's)", n)
	}
}

// liveRefreshTokens counts username's unrevoked refresh tokens in
// identity's database (SQLite in the data folder, or the stack's
// PostgreSQL database).
func liveRefreshTokens(t *testing.T, s *stack, username string) int {
	t.Helper()
	dsn := filepath.Join(s.dataDir, "identity.db")
	if env, ok := stackDatabases.Load(s.dataDir); ok {
		for _, kv := range env.([]string) {
			if v, ok := strings.CutPrefix(kv, "EOFFICE_IDENTITY_DB="); ok {
				dsn = v
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM refresh_tokens r JOIN users u ON u.id = r.user_id
		WHERE u.username = $1 AND r.revoked_at IS NULL AND r.used_at IS NULL`, username).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
