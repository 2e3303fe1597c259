package httpapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
)

// books routes the registers and the statistics; their files (xlsx, pdf)
// are served as downloads.
func books(mux *http.ServeMux, s endpoint.Set, opts []kithttp.ServerOption) {
	file := append([]kithttp.ServerOption{kithttp.ServerBefore(conditional)}, opts...)
	mux.Handle("GET /v1/registers/{book}", kithttp.NewServer(s.Registers, httpx.Deferred(decodeRegister), encodeFile, file...))
	mux.Handle("GET /v1/statistics/documents", kithttp.NewServer(s.Statistics, httpx.Deferred(decodeStatistics), encodeFile, file...))
}

func decodeRegister(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	var v apperr.Validator
	req := endpoint.RegisterRequest{Format: formatOf(q, &v, endpoint.FormatXLSX, endpoint.FormatPDF)}
	bq := domain.BookQuery{Book: r.PathValue("book"), AgencyID: q.Get("agency_id"), From: q.Get("from"), To: q.Get("to"),
		Kind: domain.Kind(q.Get("kind")), Channel: domain.Channel(q.Get("channel")), Sender: q.Get("sender"), Recipient: q.Get("recipient")}
	if bq.Book != domain.BookOutgoing && bq.Book != domain.BookIncoming {
		return nil, apperr.NotFound("no such register: outgoing or incoming")
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		v.Check(err == nil && n >= 1900 && n <= 9999, "year", "must be a year such as 2026")
		bq.Year = n
	}
	if c := q.Get("confidential"); c != "" {
		b, err := strconv.ParseBool(c)
		v.Check(err == nil, "confidential", "must be true or false")
		bq.Confidential = b
	}
	// Without limit or cursor the register comes whole (API.md); with
	// them, a page at a time, as every list. Files are always whole.
	if q.Has("limit") || q.Has("cursor") {
		page, err := httpx.ParsePage(q)
		if err != nil {
			return nil, err
		}
		v.Check(req.Format == endpoint.FormatJSON, "limit", "pages the JSON register only: a file holds the whole register")
		bq.Limit = page.Limit
		if page.Cursor != nil {
			k, err := bookKey(page.Cursor)
			v.Check(err == nil, "cursor", "is not a cursor this server gave")
			bq.After = &k
		}
	}
	req.Query = bq
	return req, v.Err()
}

// bookKey reads a register page's cursor: the series and number of the
// entry the page ended on (the endpoint's bookCursor).
func bookKey(c []string) (domain.BookKey, error) {
	if len(c) != 2 || c[0] == "" {
		return domain.BookKey{}, errors.New("want a series and a number")
	}
	n, err := strconv.ParseInt(c[1], 10, 64)
	return domain.BookKey{Series: c[0], Number: n}, err
}

// formatOf reads ?format=: json by default, or one of files.
func formatOf(q url.Values, v *apperr.Validator, files ...string) string {
	f := q.Get("format")
	if f == "" || f == endpoint.FormatJSON {
		return endpoint.FormatJSON
	}
	for _, ok := range files {
		if f == ok {
			return f
		}
	}
	v.Add("format", "must be json or "+joinOr(files))
	return f
}

func joinOr(s []string) string {
	out := ""
	for i, x := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " or "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

func decodeStatistics(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	var v apperr.Validator
	req := endpoint.StatisticsRequest{Format: formatOf(q, &v, endpoint.FormatXLSX),
		Query: domain.StatsQuery{AgencyID: q.Get("agency_id"), From: q.Get("from"), To: q.Get("to")}}
	return req, v.Err()
}
