package documentsapi

import (
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Client calls the documents service's public API as one signed-in user.
type Client struct{ c *client.Client }

// New is the documents service's client over c.
func New(c *client.Client) *Client { return &Client{c: c} }

func docPath(id string, rest ...string) string {
	p := "/v1/documents/" + url.PathEscape(id)
	for _, r := range rest {
		p += r
	}
	return p
}

// Page reads one page of a box; q holds box and the filters.
func (c *Client) Page(ctx context.Context, q url.Values) (DocumentList, error) {
	var p DocumentList
	err := c.c.Do(ctx, client.Documents, http.MethodGet, "/v1/documents?"+q.Encode(), nil, &p)
	return p, err
}

// Get reads one document.
func (c *Client) Get(ctx context.Context, id string) (Document, error) {
	var out Document
	err := c.c.Do(ctx, client.Documents, http.MethodGet, docPath(id), nil, &out)
	return out, err
}

// History lists a document's transitions, oldest first.
func (c *Client) History(ctx context.Context, id string) ([]HistoryEntry, error) {
	var h History
	err := c.c.Do(ctx, client.Documents, http.MethodGet, docPath(id, "/history"), nil, &h)
	return h.Items, err
}

// Create drafts a document (a plan with its items too); key, when
// set, is its Idempotency-Key, so a double-submitted form makes one draft.
func (c *Client) Create(ctx context.Context, d NewDocument, key string) (Document, error) {
	var out Document
	err := c.c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents", client.Idempotency(key), d, &out)
	return out, err
}

// Update edits a draft: p's present fields replace the draft's.
func (c *Client) Update(ctx context.Context, id string, p Patch) (Document, error) {
	var out Document
	err := c.c.Do(ctx, client.Documents, http.MethodPatch, docPath(id), p, &out)
	return out, err
}

// Action posts one of submit, approve, reject, issue, revoke, register or
// direct with body (Approve, Reject, Direct, or nil for none) and returns
// the document after it.
func (c *Client) Action(ctx context.Context, id, action string, body any) (Document, error) {
	var out Document
	err := c.c.Do(ctx, client.Documents, http.MethodPost, docPath(id, "/"+action), body, &out)
	return out, err
}

// Copy makes a copy of an issued or received document, issued at once;
// key, when set, is its Idempotency-Key, so a retried request takes one
// number.
func (c *Client) Copy(ctx context.Context, id string, body NewCopy, key string) (Document, error) {
	var out Document
	err := c.c.DoWith(ctx, client.Documents, http.MethodPost, docPath(id, "/copies"), client.Idempotency(key), body, &out)
	return out, err
}

// Incoming registers a document that came on paper or by e-mail for the
// caller's agency; key, when set, is its Idempotency-Key. Refuse is
// Action(id, "refuse", Reject{Reason: …}).
func (c *Client) Incoming(ctx context.Context, d NewIncoming, key string) (Document, error) {
	var out Document
	err := c.c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents/incoming", client.Idempotency(key), d, &out)
	return out, err
}

// Copies lists a document's copies the caller may read.
func (c *Client) Copies(ctx context.Context, id string) ([]Document, error) {
	var out Copies
	err := c.c.Do(ctx, client.Documents, http.MethodGet, docPath(id, "/copies"), nil, &out)
	return out.Items, err
}

// ConsolidatedReport drafts the report of a plan back to its directive's
// issuer.
func (c *Client) ConsolidatedReport(ctx context.Context, planID string) (Document, error) {
	return c.Action(ctx, planID, "consolidated-report", nil)
}

// Upload streams a multipart body (contentType names its boundary) to a
// document's attachments; key is its Idempotency-Key.
func (c *Client) Upload(ctx context.Context, docID, contentType string, body io.Reader, key string) (Attachment, error) {
	h := http.Header{"Content-Type": {contentType}}
	if key != "" {
		h.Set("Idempotency-Key", key)
	}
	var out Attachment
	err := c.c.Stream(ctx, client.Documents, http.MethodPost, docPath(docID, "/attachments"), h, body, &out)
	return out, err
}

// OpenAttachment starts a download; the caller closes the body.
func (c *Client) OpenAttachment(ctx context.Context, docID, attID string) (*http.Response, error) {
	return c.c.Open(ctx, client.Documents, docPath(docID, "/attachments/", url.PathEscape(attID)))
}
