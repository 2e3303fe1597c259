package e2e

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestRestartCarriesOn stops the stack cleanly and starts it again on the
// same data folder: people, units and numbering carry on, no port is left
// open, and the first administrator is not created twice.
func TestRestartCarriesOn(t *testing.T) {
	dir := t.TempDir()
	s := startStackIn(t, dir)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	issue := func(s *stack, tok map[string]string) documentsapi.Document {
		var doc documentsapi.Document
		must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{
			Kind: "directive", Summary: "Chỉ thị", Body: "…",
			Recipients: []string{o.units["SNV"].ID}, DueDate: time.Now().AddDate(0, 0, 7).Format("2006-01-02"),
		}, &doc)
		u := s.documents + "/v1/documents/" + doc.ID
		must(t, http.StatusOK, "POST", u+"/submit", tok["ubnd.chuyenvien"], nil, nil)
		must(t, http.StatusOK, "POST", u+"/approve", tok["ubnd.lanhdao"], map[string]any{}, nil)
		must(t, http.StatusOK, "POST", u+"/issue", tok["ubnd.vanthu"], nil, &doc)
		return doc
	}
	if d := issue(s, o.users); d.Notation != "01/CT-UBND" {
		t.Fatalf("first notation %q", d.Notation)
	}
	s.stop()
	for _, addr := range []string{s.identity, s.documents, s.tasks, s.notifications} {
		if conn, err := net.DialTimeout("tcp", addr[len("http://"):], time.Second); err == nil {
			conn.Close()
			t.Fatalf("%s still listens after the stack stopped", addr)
		}
	}

	s2 := startStackIn(t, dir)
	tok := map[string]string{}
	for _, u := range []string{"ubnd.chuyenvien", "ubnd.lanhdao", "ubnd.vanthu", "snv.lanhdao"} {
		tok[u] = login(t, s2.identity, u, password)
	}
	if d := issue(s2, tok); d.Notation != "02/CT-UBND" {
		t.Fatalf("numbering did not carry on: %q", d.Notation)
	}
	var units client.Page[identityapi.Unit]
	must(t, http.StatusOK, "GET", s2.identity+"/v1/units?limit=500", login(t, s2.identity, "admin", s2.adminPassword), nil, &units)
	if len(units.Items) != len(o.units) {
		t.Fatalf("units after restart: %d, want %d", len(units.Items), len(o.units))
	}
	// Both directives reach the department: one task each, none lost or doubled.
	var inbox client.Page[tasksapi.Task]
	eventually(t, 20*time.Second, "two tasks for SNV", func() bool {
		must(t, http.StatusOK, "GET", s2.tasks+"/v1/tasks?box=inbox", tok["snv.lanhdao"], nil, &inbox)
		return len(inbox.Items) >= 2
	})
	time.Sleep(500 * time.Millisecond)
	must(t, http.StatusOK, "GET", s2.tasks+"/v1/tasks?box=inbox", tok["snv.lanhdao"], nil, &inbox)
	if len(inbox.Items) != 2 {
		t.Fatalf("SNV tasks after restart: %d, want 2", len(inbox.Items))
	}
}
