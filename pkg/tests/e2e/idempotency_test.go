package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestIdempotencyKeys sends each creating POST 20 times at once and then
// once more, all with one Idempotency-Key: every answer is the first
// result, exactly one thing is created, and the key reused with another
// body is refused without creating anything.
func TestIdempotencyKeys(t *testing.T) {
	s := startStack(t, allowPrivateWebhooks)
	fx := newAuthzFixtures(t, s)
	taskURL := func(id string) string { return s.tasks + "/v1/tasks/" + id }
	detailOf := func(id string) (d tasksapi.TaskDetail) {
		must(t, http.StatusOK, "GET", taskURL(id), fx.tok["stttt.lanhdao"], nil, &d)
		return d
	}

	cases := []idemCase{
		func() (c idemCase) {
			summary := "Về việc thử khóa lặp lại"
			body := fx.directiveBody()
			body.Summary = summary
			other := fx.directiveBody()
			c.name, c.who, c.url, c.body, c.other = "documents create", "ubnd.chuyenvien", s.documents+"/v1/documents", body, other
			c.created = func() int {
				var got client.Page[documentsapi.Document]
				must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=outgoing&limit=500", fx.tok["ubnd.lanhdao"], nil, &got)
				n := 0
				for _, d := range got.Items {
					if d.Summary == summary {
						n++
					}
				}
				return n
			}
			return c
		}(),
		func() (c idemCase) {
			id := fx.acceptedTask()
			c.name, c.who, c.url = "task report", "stttt.chuyenvien", taskURL(id)+"/reports"
			c.body = tasksapi.NewReport{ProgressPercent: new(30), Summary: "Đang triển khai", Final: new(false)}
			c.other = tasksapi.NewReport{ProgressPercent: new(50), Summary: "Đang triển khai", Final: new(false)}
			c.created = func() int { return len(detailOf(id).Reports) }
			return c
		}(),
		func() (c idemCase) {
			id := fx.task()
			c.name, c.who, c.url = "task delegate", "stttt.lanhdao", taskURL(id)+"/delegate"
			c.body = tasksapi.Delegation{AssigneeUnitID: fx.units["BCVT"], DueDate: fx.due, Note: "Phòng BCVT tham mưu"}
			c.other = tasksapi.Delegation{AssigneeUnitID: fx.units["BCVT"], DueDate: fx.due, Note: "Ghi chú khác"}
			c.created = func() int {
				var got client.Page[tasksapi.Task]
				must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=outbox&limit=500", fx.tok["stttt.lanhdao"], nil, &got)
				n := 0
				for _, tk := range got.Items {
					if tk.ParentTaskID == id {
						n++
					}
				}
				return n
			}
			return c
		}(),
		func() (c idemCase) {
			id := fx.task()
			c.name, c.who, c.url = "task extension", "stttt.chuyenvien", taskURL(id)+"/extension"
			c.body = tasksapi.ExtensionRequest{DueDate: fx.later, Reason: "Chờ số liệu"}
			c.other = tasksapi.ExtensionRequest{DueDate: fx.later, Reason: "Lý do khác"}
			c.created = func() int { return len(detailOf(id).Extensions) }
			return c
		}(),
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			key := fmt.Sprintf("khoa-%d-%s", i, t.Name())
			tok := fx.tok[c.who]
			const concurrent = 20
			type answer struct {
				status int
				id     string
			}
			answers := make([]answer, concurrent+1)
			var wg sync.WaitGroup
			for g := range concurrent {
				wg.Add(1)
				go func() {
					defer wg.Done()
					answers[g].status, answers[g].id = postWithKey(t, c.url, tok, key, c.body)
				}()
			}
			wg.Wait()
			answers[concurrent].status, answers[concurrent].id = postWithKey(t, c.url, tok, key, c.body)
			first := answers[0]
			for g, a := range answers {
				if a.status != http.StatusCreated || a.id == "" || a.id != first.id {
					t.Errorf("answer %d: %d %q, want 201 %q", g, a.status, a.id, first.id)
				}
			}
			if n := c.created(); n != 1 {
				t.Fatalf("%d created, want 1", n)
			}
			if status, _ := postWithKey(t, c.url, tok, key, c.other); status != http.StatusConflict {
				t.Errorf("key reused with another body: %d, want 409", status)
			}
			if n := c.created(); n != 1 {
				t.Fatalf("after the conflicting reuse %d created, want 1", n)
			}
		})
	}
}

type idemCase struct {
	name, who, url string
	body, other    any        // other: the same key with it is a conflict
	created        func() int // how many things the POST made
}

// postWithKey POSTs body with an Idempotency-Key and returns the status and
// the id of what the answer describes.
func postWithKey(t *testing.T, url, token, key string, body any) (int, string) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Errorf("POST %s: %v", url, err)
		return 0, ""
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var v struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &v)
	return resp.StatusCode, v.ID
}
