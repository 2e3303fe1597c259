package documentsapi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Register is GET /v1/registers/{book} as JSON: an agency's outgoing or
// incoming register (sổ văn bản đi / đến) of a year, in number order.
type Register struct {
	Book         string          `json:"book"`
	AgencyID     string          `json:"agency_id"`
	AgencyName   string          `json:"agency_name"`
	Year         int             `json:"year"`
	Confidential bool            `json:"confidential"`
	Items        []RegisterEntry `json:"items"`
}

// RegisterEntry is one line of a register, with the columns of Decree 30's
// Phụ lục IV (those of the other register are absent).
type RegisterEntry struct {
	DocumentID string `json:"document_id"`
	// Number is the số (outgoing) or the số đến (incoming); Series the
	// register it came from.
	Number int64  `json:"number"`
	Series string `json:"series"`
	// Notation is the số, ký hiệu the document bears; DocumentDate its
	// date (YYYY-MM-DD).
	Notation     string `json:"notation"`
	DocumentDate string `json:"document_date"`
	Kind         string `json:"kind"`
	KindName     string `json:"kind_name"`
	Summary      string `json:"summary"`
	Channel      string `json:"channel"`
	Urgency      string `json:"urgency"`
	// Outgoing: người ký, nơi nhận, đơn vị lưu, số lượng bản.
	Signer     string   `json:"signer,omitempty"`
	Recipients []string `json:"recipients,omitempty"`
	Keeper     string   `json:"keeper,omitempty"`
	Copies     int      `json:"copies,omitempty"`
	// Incoming: ngày đến, tác giả, đơn vị hoặc người nhận, who entered it.
	ArrivedOn    string `json:"arrived_on,omitempty"`
	Sender       string `json:"sender,omitempty"`
	Handler      string `json:"handler,omitempty"`
	RegisteredBy string `json:"registered_by,omitempty"`
	Note         string `json:"note,omitempty"`
}

// Register reads a register as JSON; q holds agency_id, year and the
// filters.
func (c *Client) Register(ctx context.Context, book string, q url.Values) (Register, error) {
	q.Del("format")
	var out Register
	err := c.c.Do(ctx, client.Documents, http.MethodGet, "/v1/registers/"+url.PathEscape(book)+"?"+q.Encode(), nil, &out)
	return out, err
}

// OpenRegister downloads a register as a file (format xlsx or pdf in q);
// the caller closes the body.
func (c *Client) OpenRegister(ctx context.Context, book string, q url.Values) (*http.Response, error) {
	return c.c.Open(ctx, client.Documents, "/v1/registers/"+url.PathEscape(book)+"?"+q.Encode())
}
