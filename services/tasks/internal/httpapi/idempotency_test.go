package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// TestConcurrentIdempotencyKey sends each creating POST many times at once
// with one key: the key is claimed before the task's checks, so every
// answer is the first result (not a 409 from the first one's effects: the
// child exists, an extension is pending), and one thing is created.
func TestConcurrentIdempotencyKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		sttt := "/v1/tasks/" + e.taskID(t, "inbox", "sttt", "doc-1→sttt")
		sct := "/v1/tasks/" + e.taskID(t, "inbox", "sct", "doc-1→sct")
		cases := []struct {
			name, caller, path, body, other, event string
		}{
			{"delegate", "sttt", sttt + "/delegate", `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":"làm ngay"}`,
				`{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","note":"khác"}`, events.TaskDelegated},
			{"extension", "sct", sct + "/extension", `{"due_date":"2025-04-15","reason":"Chờ số liệu"}`,
				`{"due_date":"2025-04-15","reason":"Lý do khác"}`, events.TaskExtensionRequested},
			{"report", "sttt", sttt + "/reports", `{"progress_percent":30,"summary":"Đang làm","final":false}`,
				`{"progress_percent":40,"summary":"Đang làm","final":false}`, events.TaskReportSubmitted},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				const twins = 12
				key := "k-" + c.name
				answers := make([]answer, twins)
				var wg sync.WaitGroup
				for i := range answers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						answers[i] = e.postKey(c.path, c.caller, key, c.body)
					}()
				}
				wg.Wait()
				for i, a := range answers {
					if a.err != nil || a.status != http.StatusCreated || a.id == "" || a.id != answers[0].id {
						t.Errorf("answer %d: %d %q %v, want 201 %q", i, a.status, a.id, a.err, answers[0].id)
					}
				}
				if n := e.outboxCount(t, db, c.event); n != 1 {
					t.Fatalf("%s written %d times, want 1", c.event, n)
				}
				if a := e.postKey(c.path, c.caller, key, c.other); a.status != http.StatusConflict {
					t.Fatalf("the key with another body: %d %v, want 409", a.status, a.err)
				}
				if n := e.outboxCount(t, db, c.event); n != 1 {
					t.Fatalf("after the refused reuse %s written %d times, want 1", c.event, n)
				}
			})
		}
	})
}

type answer struct {
	status int
	id     string
	err    error
}

// postKey is post for goroutines: it reports errors instead of failing.
func (e *env) postKey(path, caller, key, body string) answer {
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.tokens[caller])
	req.Header.Set("Idempotency-Key", key)
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	var v struct {
		ID string `json:"id"`
	}
	if err == nil {
		err = json.Unmarshal(raw, &v)
	}
	return answer{status: resp.StatusCode, id: v.ID, err: err}
}
