package client

import (
	"context"
	"net/http"
	"net/url"
)

// Delegation is the body of POST /v1/tasks/{id}/delegate: a child unit of
// the assignee, optionally one named person of it, and a due date no
// later than the parent's.
type Delegation struct {
	AssigneeUnitID string `json:"assignee_unit_id"`
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	DueDate        string `json:"due_date"`
	Note           string `json:"note,omitempty"`
}

// ExtensionRequest is the body of POST /v1/tasks/{id}/extension.
type ExtensionRequest struct {
	DueDate string `json:"due_date"`
	Reason  string `json:"reason"`
}

// Task reads a task with its reports, history and extension requests.
func (c *Client) Task(ctx context.Context, id string) (Task, error) {
	var out Task
	err := c.Do(ctx, Tasks, http.MethodGet, "/v1/tasks/"+url.PathEscape(id), nil, &out)
	return out, err
}

// TaskPage reads one page of a task box; q holds box and the filters.
func (c *Client) TaskPage(ctx context.Context, q url.Values) (Page[Task], error) {
	var p Page[Task]
	err := c.Do(ctx, Tasks, http.MethodGet, "/v1/tasks?"+q.Encode(), nil, &p)
	return p, err
}

// Delegate hands a task down to a child unit; key, when set, is its
// Idempotency-Key. It returns the child task.
func (c *Client) Delegate(ctx context.Context, taskID string, d Delegation, key string) (Task, error) {
	var out Task
	err := c.DoWith(ctx, Tasks, http.MethodPost, "/v1/tasks/"+url.PathEscape(taskID)+"/delegate", idempotency(key), d, &out)
	return out, err
}

// RequestExtension asks the assigner for a later due date.
func (c *Client) RequestExtension(ctx context.Context, taskID string, r ExtensionRequest, key string) (Extension, error) {
	var out Extension
	err := c.DoWith(ctx, Tasks, http.MethodPost, "/v1/tasks/"+url.PathEscape(taskID)+"/extension", idempotency(key), r, &out)
	return out, err
}

// ExtensionDecision is the decided request and the task after it.
type ExtensionDecision struct {
	Extension Extension `json:"extension"`
	Task      Task      `json:"task"`
}

// DecideExtension approves or rejects the pending extension request; only
// approval moves the due date.
func (c *Client) DecideExtension(ctx context.Context, taskID string, approve bool, comment string) (ExtensionDecision, error) {
	body := map[string]any{"approve": approve}
	if comment != "" {
		body["comment"] = comment
	}
	var out ExtensionDecision
	err := c.Do(ctx, Tasks, http.MethodPost, "/v1/tasks/"+url.PathEscape(taskID)+"/extension/decision", body, &out)
	return out, err
}
