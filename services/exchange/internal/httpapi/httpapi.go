// Package httpapi serves the exchange endpoints over HTTP: it decodes each
// route's request into its exchangeapi type, whose OpenAPI document
// (exchangeapi.OpenAPI) describes them.
package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	api "github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/endpoint"
)

// Body limits: an edXML package may reach 100 MiB (edXML's limit) and
// arrive a little larger to be refused with a reason; a CSV directory a
// few MiB.
const (
	maxPackage = 120 << 20
	// oversizeHead is how much of a package above maxPackage is kept.
	oversizeHead = 1 << 20
	maxCSV       = 16 << 20
	maxOrg       = 64 << 10
)

// NewHandler routes the API to eps; opts are the runtime's server options.
func NewHandler(eps endpoint.Set, opts ...kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	route := func(pattern string, ep kitendpoint.Endpoint, dec kithttp.DecodeRequestFunc, enc kithttp.EncodeResponseFunc) {
		mux.Handle(pattern, kithttp.NewServer(ep, httpx.Deferred(dec), enc, opts...))
	}
	route("GET /v1/exchange/organisations", eps.ListOrganisations, decodeOrganisations, httpx.EncodeJSON)
	route("POST /v1/exchange/organisations", eps.CreateOrganisation, decodeOrganisation, httpx.EncodeJSON)
	route("POST /v1/exchange/organisations/import", eps.ImportOrganisations, decodeImport, httpx.EncodeJSON)
	route("GET /v1/exchange/organisations/{code}", eps.GetOrganisation, decodeCode, httpx.EncodeJSON)
	route("PUT /v1/exchange/organisations/{code}", eps.UpdateOrganisation, decodeUpdate, httpx.EncodeJSON)
	route("POST /v1/exchange/packages", eps.ReceivePackage, decodePackage, httpx.EncodeJSON)
	route("GET /v1/exchange/packages", eps.ListPackages, decodePackages, httpx.EncodeJSON)
	route("GET /v1/exchange/packages/{id}", eps.GetPackage, decodeID, httpx.EncodeJSON)
	route("GET /v1/exchange/packages/{id}/edxml", eps.GetEdxml, decodeID, encodeFile)
	route("GET /v1/exchange/packages/{id}/files/{index}", eps.GetFile, decodeFile, encodeFile)
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

func decodeOrganisations(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	page, err := httpx.ParsePage(q)
	if err != nil {
		return nil, err
	}
	return api.OrganisationsRequest{Q: q.Get("q"), Limit: page.Limit, Cursor: q.Get("cursor")}, nil
}

func decodeOrganisation(_ context.Context, r *http.Request) (any, error) {
	var o api.Organisation
	if err := httpx.DecodeJSON(r, &o, maxOrg); err != nil {
		return nil, err
	}
	return o, nil
}

func decodeCode(_ context.Context, r *http.Request) (any, error) {
	return api.OrganisationRequest{Code: r.PathValue("code")}, nil
}

func decodeUpdate(_ context.Context, r *http.Request) (any, error) {
	var o api.Organisation
	if err := httpx.DecodeJSON(r, &o, maxOrg); err != nil {
		return nil, err
	}
	code := r.PathValue("code")
	if o.Code != "" && o.Code != code {
		return nil, apperr.Invalid("the code is the path's", apperr.FieldError{Field: "code", Message: "differs from the path; a code does not change"})
	}
	return api.OrganisationRequest{Code: code, Body: o}, nil
}

// readBody reads a whole body of one of types, at most limit bytes; above
// that it answers ErrTooLarge with the first limit bytes it read.
func readBody(r *http.Request, limit int64, types ...string) ([]byte, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	ok := false
	for _, t := range types {
		ok = ok || mt == t
	}
	if !ok {
		return nil, apperr.UnsupportedMediaType(fmt.Sprintf("Content-Type must be %s", types[0]))
	}
	httpx.ExtendRead(r.Context())
	b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return b, &apperr.Error{Kind: apperr.ErrTooLarge, Detail: fmt.Sprintf("the body is larger than %d bytes", limit)}
	}
	if err != nil {
		return nil, apperr.Invalid("the body could not be read: " + err.Error())
	}
	if len(b) == 0 {
		return nil, apperr.Invalid("the body is empty")
	}
	return b, nil
}

func decodeImport(_ context.Context, r *http.Request) (any, error) {
	b, err := readBody(r, maxCSV, "text/csv", "application/csv", "text/plain")
	if err != nil {
		return nil, err
	}
	return endpoint.ImportRequest{CSV: bytes.NewReader(b)}, nil
}

func decodePackage(_ context.Context, r *http.Request) (any, error) {
	b, err := readBody(r, maxPackage, "application/xml", "text/xml")
	if errors.Is(err, apperr.ErrTooLarge) && len(b) > 0 {
		// Too large to take in, but its head (the header comes before the
		// attachments) names the sender and the document: the service keeps
		// that and answers the sender with status 02.
		return endpoint.ReceiveRequest{Body: b[:min(len(b), oversizeHead)], Oversize: maxPackage}, nil
	}
	if err != nil {
		return nil, err
	}
	return endpoint.ReceiveRequest{Body: b}, nil
}

func decodePackages(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	page, err := httpx.ParsePage(q)
	if err != nil {
		return nil, err
	}
	var v apperr.Validator
	d := q.Get("direction")
	v.Check(d == "" || d == "in" || d == "out", "direction", "must be in or out")
	if err := v.Err(); err != nil {
		return nil, err
	}
	return api.PackagesRequest{Direction: d, DocumentID: q.Get("document_id"), State: q.Get("state"), Limit: page.Limit, Cursor: q.Get("cursor")}, nil
}

func decodeID(_ context.Context, r *http.Request) (any, error) {
	return api.PackageRequest{ID: r.PathValue("id")}, nil
}

func decodeFile(_ context.Context, r *http.Request) (any, error) {
	i, err := strconv.Atoi(r.PathValue("index"))
	if err != nil || i < 0 {
		return nil, apperr.NotFound("file")
	}
	return api.PackageRequest{ID: r.PathValue("id"), Index: i}, nil
}

// encodeFile streams a download with its name, or answers as JSON.
func encodeFile(ctx context.Context, w http.ResponseWriter, response any) error {
	f, ok := response.(endpoint.FileResponse)
	if !ok {
		return httpx.EncodeJSON(ctx, w, response)
	}
	defer f.Content.Close()
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	if f.Size >= 0 {
		w.Header().Set("Content-Length", strconv.FormatInt(f.Size, 10))
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("ETag", `"`+f.SHA256+`"`)
	httpx.ExtendWrite(ctx)
	_, err := io.Copy(w, f.Content)
	return err
}
