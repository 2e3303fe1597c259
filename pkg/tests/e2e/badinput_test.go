package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// TestBadRequests: malformed or invalid requests get a 4xx problem and
// change nothing; missing or bad tokens get 401.
func TestBadRequests(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	drafter := o.users["ubnd.chuyenvien"]
	due := time.Now().AddDate(0, 0, 10).Format("2006-01-02")
	valid := func() map[string]any {
		return map[string]any{"kind": "directive", "summary": "Chỉ thị thử", "body": "x",
			"recipients": []string{o.units["STTTT"].ID}, "due_date": due}
	}
	with := func(k string, v any) map[string]any { b := valid(); b[k] = v; return b }
	without := func(k string) map[string]any { b := valid(); delete(b, k); return b }

	tests := []struct {
		name       string
		method     string
		url        string
		token      string
		body       any
		wantStatus int
		wantField  string
	}{
		{"malformed JSON", "POST", s.documents + "/v1/documents", drafter, `{"kind": "directive",`, 400, ""},
		{"unknown kind", "POST", s.documents + "/v1/documents", drafter, with("kind", "memo"), 400, "kind"},
		{"unknown urgency", "POST", s.documents + "/v1/documents", drafter, with("urgency", "asap"), 400, "urgency"},
		{"missing summary", "POST", s.documents + "/v1/documents", drafter, without("summary"), 400, "summary"},
		{"bad due date", "POST", s.documents + "/v1/documents", drafter, with("due_date", "2026-02-30"), 400, "due_date"},
		{"foreign unit id", "POST", s.documents + "/v1/documents", drafter, with("recipients", []string{"00000000-0000-0000-0000-000000000000"}), 400, ""},
		{"unknown field", "POST", s.documents + "/v1/documents", drafter, with("recipient", "x"), 400, "recipient"},
		{"no token", "POST", s.documents + "/v1/documents", "", valid(), 401, ""},
		{"bad token", "GET", s.tasks + "/v1/tasks?box=inbox", "not.a.jwt", nil, 401, ""},
		{"no token on notifications", "GET", s.notifications + "/v1/notifications", "", nil, 401, ""},
		{"no token on identity", "GET", s.identity + "/v1/units", "", nil, 401, ""},
		{"unit without name", "POST", s.identity + "/v1/units", admin, map[string]any{"kind": "agency", "short_name": "X"}, 400, "name"},
		{"unit of unknown kind", "POST", s.identity + "/v1/units", admin, map[string]any{"kind": "ministry", "name": "X", "short_name": "X"}, 400, "kind"},
		{"user in unknown unit", "POST", s.identity + "/v1/users", admin, map[string]any{"username": "ghost", "full_name": "G", "email": "g@x.vn", "unit_id": "nope", "roles": []string{"leader"}, "password": password}, 400, "unit_id"},
		{"bad task box", "GET", s.tasks + "/v1/tasks?box=everything", o.users["stttt.lanhdao"], nil, 400, "box"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := expectProblem(t, tt.wantStatus, tt.method, tt.url, tt.token, tt.body)
			if tt.wantField != "" {
				found := false
				for _, f := range p.Errors {
					found = found || f.Field == tt.wantField
				}
				if !found {
					t.Errorf("problem %+v does not name field %q", p, tt.wantField)
				}
			}
		})
	}
	// Nothing was created by the rejected requests.
	var out client.Page[documentsapi.Document]
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=outgoing", drafter, nil, &out)
	if len(out.Items) != 0 {
		t.Fatalf("rejected requests created documents: %+v", out.Items)
	}
	var units client.Page[identityapi.Unit]
	must(t, http.StatusOK, "GET", s.identity+"/v1/units?limit=500", admin, nil, &units)
	if len(units.Items) != len(o.units) {
		t.Fatalf("units: %d, want %d", len(units.Items), len(o.units))
	}
}
