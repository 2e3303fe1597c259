package api

import (
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// CreatePlan drafts a plan with its items; key is its Idempotency-Key.
func (a *API) CreatePlan(ctx context.Context, d client.NewDocument, key string) (Document, error) {
	var out Document
	err := a.c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents", client.IdempotencyHeader(key), d, &out)
	return out, err
}

// PlanPatch edits a plan draft (PATCH). Every field is sent, none
// omitted, so a cleared field clears and removed items go.
type PlanPatch struct {
	Summary              string        `json:"summary"`
	Body                 string        `json:"body"`
	Urgency              string        `json:"urgency"`
	Recipients           []string      `json:"recipients"`
	ImplementsDocumentID string        `json:"implements_document_id"`
	Items                []client.Item `json:"items"`
}

// UpdatePlan edits a plan draft.
func (a *API) UpdatePlan(ctx context.Context, id string, p PlanPatch) (Document, error) {
	var out Document
	err := a.c.Do(ctx, client.Documents, http.MethodPatch, path("/v1/documents/", id), p, &out)
	return out, err
}

// PlanProgress is a plan's items as their lead tasks stand, and the class
// totals of all its tasks.
func (a *API) PlanProgress(ctx context.Context, planID string) (client.PlanProgress, error) {
	return a.c.PlanProgress(ctx, planID)
}

// PlanTasks lists the tasks a plan's issue created (the caller's outbox),
// at most max.
func (a *API) PlanTasks(ctx context.Context, planID string, max int) ([]client.Task, error) {
	q := url.Values{"box": {"outbox"}, "source_document_id": {planID}}
	return client.All[client.Task](ctx, a.c, client.Tasks, "/v1/tasks?"+q.Encode(), max)
}

// UnitStats is the scoreboard of tasks due from..to (YYYY-MM-DD).
func (a *API) UnitStats(ctx context.Context, from, to string) ([]client.UnitStat, error) {
	var out struct {
		Items []client.UnitStat `json:"items"`
	}
	q := url.Values{"from": {from}, "to": {to}}
	err := a.c.Do(ctx, client.Tasks, http.MethodGet, "/v1/stats/units?"+q.Encode(), nil, &out)
	return out.Items, err
}

// Upload streams a multipart body (contentType names its boundary) to a
// document's attachments; key is its Idempotency-Key.
func (a *API) Upload(ctx context.Context, docID, contentType string, body io.Reader, key string) (Attachment, error) {
	h := http.Header{"Content-Type": {contentType}}
	if key != "" {
		h.Set("Idempotency-Key", key)
	}
	var out Attachment
	err := a.c.Stream(ctx, client.Documents, http.MethodPost, path("/v1/documents/", docID, "/attachments"), h, body, &out)
	return out, err
}

// OpenAttachment starts a download; the caller closes the body.
func (a *API) OpenAttachment(ctx context.Context, docID, attID string) (*http.Response, error) {
	return a.c.Open(ctx, client.Documents, path("/v1/documents/", docID, "/attachments/", attID))
}
