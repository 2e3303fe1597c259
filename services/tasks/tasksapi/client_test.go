package tasksapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// TestTaskChangeCalls: each call of delegation and extensions sends its method, path, body and Idempotency-Key, and reads
// the answer (or the refusal) back.
func TestTaskChangeCalls(t *testing.T) {
	var got struct{ method, path, body, key string }
	answer := `{}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		got.method, got.path, got.body, got.key = r.Method, r.URL.RequestURI(), string(raw), r.Header.Get("Idempotency-Key")
		if r.URL.Path == "/v1/units/busy/deactivate" {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"status":409,"detail":"still used","current_status":"active","errors":[{"field":"users","message":"3 active user(s)"}]}`))
			return
		}
		_, _ = w.Write([]byte(answer))
	}))
	defer srv.Close()
	c := New(client.New(client.Endpoints{srv.URL, srv.URL, srv.URL, srv.URL}, staticToken("tok")))
	ctx := context.Background()
	yes := true
	tests := []struct {
		name                         string
		answer                       string
		call                         func() (string, error) // returns a field of the decoded answer
		method, path, body, key, out string
	}{
		{"delegate", `{"id":"t2","parent_task_id":"t1","assignee_user_id":"p1"}`, func() (string, error) {
			ch, err := c.Delegate(ctx, "t1", Delegation{AssigneeUnitID: "u1", AssigneeUserID: "p1", DueDate: "2026-12-01"}, "k1")
			return ch.ParentTaskID + ch.AssigneeUserID, err
		}, "POST", "/v1/tasks/t1/delegate", `{"assignee_unit_id":"u1","assignee_user_id":"p1","due_date":"2026-12-01"}`, "k1", "t1p1"},
		{"ask for an extension", `{"id":"e1","status":"pending","previous_due_date":"2026-12-01"}`, func() (string, error) {
			e, err := c.RequestExtension(ctx, "t1", ExtensionRequest{DueDate: "2026-12-31", Reason: "r"}, "k2")
			return e.Status + e.PreviousDueDate, err
		}, "POST", "/v1/tasks/t1/extension", `{"due_date":"2026-12-31","reason":"r"}`, "k2", "pending2026-12-01"},
		{"decide an extension", `{"extension":{"status":"approved"},"task":{"due_date":"2026-12-31"}}`, func() (string, error) {
			d, err := c.DecideExtension(ctx, "t1", ExtensionDecisionRequest{Approve: &yes})
			return d.Extension.Status + d.Task.DueDate, err
		}, "POST", "/v1/tasks/t1/extension/decision", `{"approve":true}`, "", "approved2026-12-31"},
		{"read a task with its extensions", `{"id":"t1","extensions":[{"id":"e1","requested_due_date":"2026-12-31"}],"history":[{"action":"extension_decided"}]}`, func() (string, error) {
			tk, err := c.Get(ctx, "t1")
			return tk.Extensions[0].RequestedDueDate + tk.History[0].Action, err
		}, "GET", "/v1/tasks/t1", "", "", "2026-12-31extension_decided"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer = tt.answer
			out, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			if got.method != tt.method || got.path != tt.path || got.body != tt.body || got.key != tt.key {
				t.Errorf("sent %+v\nwant %s %s %s key %q", got, tt.method, tt.path, tt.body, tt.key)
			}
			if out != tt.out {
				t.Errorf("read %q, want %q", out, tt.out)
			}
		})
	}
}

type staticToken string

func (s staticToken) AccessToken(context.Context) (string, error) { return string(s), nil }
