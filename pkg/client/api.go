package client

import (
	"context"
	"net/http"
	"net/url"
)

// Units lists every unit.
func (c *Client) Units(ctx context.Context) ([]Unit, error) {
	return All[Unit](ctx, c, Identity, "/v1/units", 0)
}

// Me is the signed-in user.
func (c *Client) Me(ctx context.Context) (User, error) {
	var u User
	err := c.Do(ctx, Identity, http.MethodGet, "/v1/me", nil, &u)
	return u, err
}

// CreateDocument drafts a document; key, when set, is its Idempotency-Key.
func (c *Client) CreateDocument(ctx context.Context, d NewDocument, key string) (Document, error) {
	var out Document
	err := c.DoWith(ctx, Documents, http.MethodPost, "/v1/documents", idempotency(key), d, &out)
	return out, err
}

// DocumentAction posts one of submit, approve, issue, register (body may be
// nil) and returns the document after it.
func (c *Client) DocumentAction(ctx context.Context, id, action string, body any) (Document, error) {
	var out Document
	err := c.Do(ctx, Documents, http.MethodPost, "/v1/documents/"+url.PathEscape(id)+"/"+action, body, &out)
	return out, err
}

// Document reads one document.
func (c *Client) Document(ctx context.Context, id string) (Document, error) {
	var out Document
	err := c.Do(ctx, Documents, http.MethodGet, "/v1/documents/"+url.PathEscape(id), nil, &out)
	return out, err
}

// ConsolidatedReport drafts the report of a plan back to its directive's
// issuer.
func (c *Client) ConsolidatedReport(ctx context.Context, planID string) (Document, error) {
	var out Document
	err := c.Do(ctx, Documents, http.MethodPost, "/v1/documents/"+url.PathEscape(planID)+"/consolidated-report", nil, &out)
	return out, err
}

// Tasks lists a box (inbox or outbox) with extra filters.
func (c *Client) Tasks(ctx context.Context, box string, filter url.Values) ([]Task, error) {
	q := url.Values{"box": {box}}
	for k, v := range filter {
		q[k] = v
	}
	return All[Task](ctx, c, Tasks, "/v1/tasks?"+q.Encode(), 0)
}

// Accept takes a task on.
func (c *Client) Accept(ctx context.Context, id string) (Task, error) {
	var out Task
	err := c.Do(ctx, Tasks, http.MethodPost, "/v1/tasks/"+url.PathEscape(id)+"/accept", nil, &out)
	return out, err
}

// SubmitReport reports progress on a task.
func (c *Client) SubmitReport(ctx context.Context, taskID string, r NewReport, key string) (Report, error) {
	var out Report
	err := c.DoWith(ctx, Tasks, http.MethodPost, "/v1/tasks/"+url.PathEscape(taskID)+"/reports", idempotency(key), r, &out)
	return out, err
}

// Review accepts or returns a report.
func (c *Client) Review(ctx context.Context, taskID, reportID, decision, comment string) error {
	body := map[string]string{"decision": decision}
	if comment != "" {
		body["comment"] = comment
	}
	return c.Do(ctx, Tasks, http.MethodPost, "/v1/tasks/"+url.PathEscape(taskID)+"/reports/"+url.PathEscape(reportID)+"/review", body, nil)
}

// PlanProgress is a plan's items and class totals.
func (c *Client) PlanProgress(ctx context.Context, planID string) (PlanProgress, error) {
	var out PlanProgress
	err := c.Do(ctx, Tasks, http.MethodGet, "/v1/plans/"+url.PathEscape(planID)+"/progress", nil, &out)
	return out, err
}

func idempotency(key string) http.Header {
	if key == "" {
		return nil
	}
	return http.Header{"Idempotency-Key": {key}}
}

// IdempotencyHeader is the header for key, or nil for none.
func IdempotencyHeader(key string) http.Header { return idempotency(key) }
