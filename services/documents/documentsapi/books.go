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
	// NextCursor, with ?limit= or ?cursor=, is the cursor of the next
	// page; absent on the last page and when the register comes whole.
	NextCursor string `json:"next_cursor,omitempty"`
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

// Statistics is GET /v1/statistics/documents: an agency's documents of a
// period for the periodic reports on electronic document handling.
type Statistics struct {
	AgencyID   string         `json:"agency_id"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Received   Tally          `json:"received"`
	Sent       Tally          `json:"sent"`
	Electronic Electronic     `json:"electronic"`
	Handling   []HandlingTime `json:"handling"`
}

// Tally counts documents by channel, kind and urgency.
type Tally struct {
	Total     int            `json:"total"`
	ByChannel map[string]int `json:"by_channel"`
	ByKind    map[string]int `json:"by_kind"`
	ByUrgency map[string]int `json:"by_urgency"`
}

// Electronic: documents handled fully electronically — received by
// exchange or internally, sent with a signed PDF — and their share of all.
type Electronic struct {
	Received int     `json:"received"`
	Sent     int     `json:"sent"`
	Share    float64 `json:"share"`
}

// HandlingTime is how many days registration and direction took after
// arrival: for the agency (no unit_id, no user_id), a unit or a person.
type HandlingTime struct {
	UnitID                   string  `json:"unit_id,omitempty"`
	UserID                   string  `json:"user_id,omitempty"`
	Name                     string  `json:"name,omitempty"`
	Registered               int     `json:"registered"`
	ToRegistrationMedianDays float64 `json:"to_registration_median_days"`
	ToRegistrationP90Days    float64 `json:"to_registration_p90_days"`
	Directed                 int     `json:"directed"`
	ToDirectionMedianDays    float64 `json:"to_direction_median_days"`
	ToDirectionP90Days       float64 `json:"to_direction_p90_days"`
	// Steps is how many routing steps (chuyển, đề xuất, bút phê, giao,
	// trả lại) were taken; the days each took from receiving the document.
	Steps          int     `json:"steps"`
	StepMedianDays float64 `json:"step_median_days"`
	StepP90Days    float64 `json:"step_p90_days"`
}

// Statistics reads the figures as JSON; q holds agency_id, from and to.
func (c *Client) Statistics(ctx context.Context, q url.Values) (Statistics, error) {
	q.Del("format")
	var out Statistics
	err := c.c.Do(ctx, client.Documents, http.MethodGet, "/v1/statistics/documents?"+q.Encode(), nil, &out)
	return out, err
}

// OpenStatistics downloads the figures as .xlsx (format=xlsx in q); the
// caller closes the body.
func (c *Client) OpenStatistics(ctx context.Context, q url.Values) (*http.Response, error) {
	return c.c.Open(ctx, client.Documents, "/v1/statistics/documents?"+q.Encode())
}
