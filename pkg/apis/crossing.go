package apis

import (
	"context"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// The documents service's fields and routes for documents that cross the
// boundary (issue 17: channel, sender, original notation and date,
// external recipients; paper registered by hand; refusal). They stand here
// until documentsapi carries them; the fields sit at the top level of
// Document so that they win over documentsapi's own once it has them.

// Sender is who sent a document that came from outside: its code in the
// exchange directory when known, and its name.
type Sender struct {
	OrganisationCode string `json:"organisation_code,omitempty"`
	Name             string `json:"name,omitempty"`
}

// ExternalSigner is who signed a document that came in, as its sender
// wrote them (competence e.g. "KT. CHỦ TỊCH").
type ExternalSigner struct {
	FullName   string `json:"full_name"`
	Competence string `json:"competence,omitempty"`
	Position   string `json:"position,omitempty"`
}

// ExternalRecipient is an organisation outside the deployment a document
// is sent to by exchange.
type ExternalRecipient struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Document is a document with the fields of documents that cross the
// boundary. Channel: internal, exchange or paper.
type Document struct {
	documentsapi.Document
	Channel            string              `json:"channel,omitempty"`
	Sender             *Sender             `json:"sender,omitempty"`
	OriginalNotation   string              `json:"original_notation,omitempty"`
	OriginalDate       string              `json:"original_date,omitempty"`
	Pages              int                 `json:"pages,omitempty"`
	ExternalSigner     *ExternalSigner     `json:"external_signer,omitempty"`
	ExchangePackageID  string              `json:"exchange_package_id,omitempty"`
	ExternalRecipients []ExternalRecipient `json:"external_recipients,omitempty"`
}

// NewDocument is a draft with organisations of the exchange directory
// among its recipients (their codes).
type NewDocument struct {
	documentsapi.NewDocument
	ExternalRecipients []string `json:"external_recipients,omitempty"`
}

// IncomingPaper is the body of POST /v1/documents/incoming: a document
// that arrived on paper or by e-mail, registered by a clerk.
type IncomingPaper struct {
	Sender           Sender `json:"sender"`
	OriginalNotation string `json:"original_notation"`
	OriginalDate     string `json:"original_date"`
	Kind             string `json:"kind"`
	Summary          string `json:"summary"`
	Urgency          string `json:"urgency,omitempty"`
	Confidentiality  string `json:"confidentiality,omitempty"`
	Pages            int    `json:"pages,omitempty"`
	DueDate          string `json:"due_date,omitempty"`
}

// DocumentList is a page of a box with those fields.
type DocumentList = client.Page[Document]

// Document reads one document with its crossing fields.
func (c *Clients) Document(ctx context.Context, id string) (Document, error) {
	var out Document
	err := c.Do(ctx, client.Documents, http.MethodGet, "/v1/documents/"+url.PathEscape(id), nil, &out)
	return out, err
}

// DocumentPage reads one page of a box (q holds box and the filters,
// channel among them).
func (c *Clients) DocumentPage(ctx context.Context, q url.Values) (DocumentList, error) {
	var out DocumentList
	err := c.Do(ctx, client.Documents, http.MethodGet, "/v1/documents?"+q.Encode(), nil, &out)
	return out, err
}

// CreateDocument drafts a document that may name external recipients;
// key is its Idempotency-Key.
func (c *Clients) CreateDocument(ctx context.Context, d NewDocument, key string) (Document, error) {
	var out Document
	err := c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents", client.Idempotency(key), d, &out)
	return out, err
}

// RegisterPaper registers a document that arrived on paper; it takes the
// next incoming number. key is its Idempotency-Key.
func (c *Clients) RegisterPaper(ctx context.Context, in IncomingPaper, key string) (Document, error) {
	var out Document
	err := c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents/incoming", client.Idempotency(key), in, &out)
	return out, err
}

// Refuse refuses a document that came by exchange; the sender is told why
// (status 02).
func (c *Clients) Refuse(ctx context.Context, id, reason string) (Document, error) {
	var out Document
	err := c.Do(ctx, client.Documents, http.MethodPost, "/v1/documents/"+url.PathEscape(id)+"/refuse",
		documentsapi.Reject{Reason: reason}, &out)
	return out, err
}
