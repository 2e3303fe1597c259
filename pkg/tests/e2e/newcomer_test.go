package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	seedfile "github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/seed"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// TestDemoPeopleOnStart is the newcomer's path: the stack started as
// scripts/up.sh starts it (EOFFICE_DEMO_SEED) loads the demo organisation,
// so a demo person logs in to the web console at once and lands on their
// dashboard; a restart on the same data loads nothing twice.
func TestDemoPeopleOnStart(t *testing.T) {
	path, _ := demoScenario(t)
	sc, err := seedfile.Load(path)
	if err != nil || len(sc.Users) == 0 {
		t.Fatalf("demo people: %v", err)
	}
	data := t.TempDir()
	leader := sc.Users[0]
	for round := range 2 {
		s := startStackIn(t, data, "EOFFICE_DEMO_SEED="+path)
		admin := login(t, s.identity, "admin", s.adminPassword)
		eventually(t, time.Minute, "every demo person loaded", func() bool {
			var users client.Page[identityapi.User]
			must(t, http.StatusOK, "GET", s.identity+"/v1/users?limit=500", admin, nil, &users)
			got := countUsernames(users.Items, sc)
			if got > len(sc.Users) {
				t.Fatalf("round %d: %d demo people on the server, want %d (each once)", round, got, len(sc.Users))
			}
			return got == len(sc.Users)
		})
		u := webLoginAs(t, s.web, leader.Username, leader.Password)
		status, home := u.get("/")
		if status != http.StatusOK || !strings.Contains(home, "Việc của tôi") || !strings.Contains(home, leader.FullName) {
			t.Fatalf("round %d: dashboard of %s: %d, want their Việc của tôi page", round, leader.Username, status)
		}
		s.stop()
	}
}

func countUsernames(items []identityapi.User, sc seedfile.File) int {
	want := map[string]bool{}
	for _, u := range sc.Users {
		want[u.Username] = true
	}
	n := 0
	for _, u := range items {
		if want[u.Username] {
			n++
		}
	}
	return n
}
