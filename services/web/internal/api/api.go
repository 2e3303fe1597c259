package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// API calls the services as one signed-in user.
type API struct{ c *client.Client }

// New calls the services at urls with tokens from ts.
func New(urls client.Endpoints, hc *http.Client, ts client.TokenSource) *API {
	return &API{c: &client.Client{URLs: urls, HTTP: hc, Tokens: ts}}
}

func path(parts ...string) string {
	for i, p := range parts {
		if i%2 == 1 { // odd parts are ids
			parts[i] = url.PathEscape(p)
		}
	}
	return strings.Join(parts, "")
}

// Units lists every unit.
func (a *API) Units(ctx context.Context) ([]Unit, error) { return a.c.Units(ctx) }

// Client is the pkg/client client acting as the signed-in user: pages call
// it directly for whatever pkg/client already offers.
func (a *API) Client() *client.Client { return a.c }

// Documents reads one page of a box.
func (a *API) Documents(ctx context.Context, q url.Values) (Page[Document], error) {
	var p Page[Document]
	err := a.c.Do(ctx, client.Documents, http.MethodGet, "/v1/documents?"+q.Encode(), nil, &p)
	return p, err
}

// Document reads one document.
func (a *API) Document(ctx context.Context, id string) (Document, error) {
	var d Document
	err := a.c.Do(ctx, client.Documents, http.MethodGet, path("/v1/documents/", id), nil, &d)
	return d, err
}

// DocumentHistory lists a document's transitions, oldest first.
func (a *API) DocumentHistory(ctx context.Context, id string) ([]HistoryEntry, error) {
	var p Page[HistoryEntry]
	err := a.c.Do(ctx, client.Documents, http.MethodGet, path("/v1/documents/", id, "/history"), nil, &p)
	return p.Items, err
}

// CreateDocument drafts a document; key is its Idempotency-Key, so a
// double-submitted form makes one draft.
func (a *API) CreateDocument(ctx context.Context, d NewDocument, key string) (Document, error) {
	var out Document
	err := a.c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents", client.IdempotencyHeader(key), d, &out)
	return out, err
}

// DocumentAction posts submit, approve, reject, issue, revoke, register or
// direct with body (nil for none).
func (a *API) DocumentAction(ctx context.Context, id, action string, body any) error {
	return a.c.Do(ctx, client.Documents, http.MethodPost, path("/v1/documents/", id, "/"+action), body, nil)
}

// Tasks reads one page of a task box.
func (a *API) Tasks(ctx context.Context, q url.Values) (Page[Task], error) {
	return a.c.TaskPage(ctx, q)
}

// Task reads a task with its reports, history and extension requests.
func (a *API) Task(ctx context.Context, id string) (Task, error) { return a.c.Task(ctx, id) }

// TaskAction posts to /v1/tasks/{id}/{action} (accept, reports, ...).
func (a *API) TaskAction(ctx context.Context, id, action string, body any, key string) error {
	return a.c.DoWith(ctx, client.Tasks, http.MethodPost, path("/v1/tasks/", id, "/"+action), client.IdempotencyHeader(key), body, nil)
}

// Review accepts or returns a report.
func (a *API) Review(ctx context.Context, taskID, reportID string, r Review) error {
	return a.c.Do(ctx, client.Tasks, http.MethodPost, path("/v1/tasks/", taskID, "/reports/", reportID, "/review"), r, nil)
}

// Notifications reads one page of the caller's notifications.
func (a *API) Notifications(ctx context.Context, q url.Values) (Page[Notification], error) {
	var p Page[Notification]
	err := a.c.Do(ctx, client.Notifications, http.MethodGet, "/v1/notifications?"+q.Encode(), nil, &p)
	return p, err
}

// UnreadCount is the number of the caller's unread notifications.
func (a *API) UnreadCount(ctx context.Context) (int, error) {
	var out struct {
		Unread int `json:"unread"`
	}
	err := a.c.Do(ctx, client.Notifications, http.MethodGet, "/v1/notifications/unread-count", nil, &out)
	return out.Unread, err
}

// MarkRead marks a notification read.
func (a *API) MarkRead(ctx context.Context, id string) error {
	return a.c.Do(ctx, client.Notifications, http.MethodPost, path("/v1/notifications/", id, "/read"), nil, nil)
}
