// Package httpapi is the documents service's HTTP transport: routes and
// request decoders over documentsapi's types (which also hold the OpenAPI
// document).
package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
)

// maxCreateBody leaves room for a 200,000-character body of three-byte
// Vietnamese letters plus JSON escapes.
const maxCreateBody = 2 << 20

// NewHandler routes the service's API; unknown routes answer a 404 problem.
func NewHandler(s endpoint.Set, opts ...kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, ep kitendpoint.Endpoint, dec kithttp.DecodeRequestFunc) {
		mux.Handle(pattern, kithttp.NewServer(ep, httpx.Deferred(dec), httpx.EncodeJSON, opts...))
	}
	handle("POST /v1/documents", s.Create, decodeCreate)
	handle("POST /v1/documents/incoming", s.Incoming, decodeIncoming)
	handle("POST /v1/documents/{id}/refuse", s.Refuse, decodeReject)
	handle("GET /v1/documents", s.List, decodeList)
	handle("GET /v1/documents/{id}", s.Get, decodeID)
	handle("GET /v1/documents/{id}/history", s.History, decodeID)
	handle("POST /v1/documents/{id}/submit", s.Submit, decodeEmpty)
	handle("POST /v1/documents/{id}/approve", s.Approve, decodeApprove)
	handle("POST /v1/documents/{id}/reject", s.Reject, decodeReject)
	handle("POST /v1/documents/{id}/issue", s.Issue, decodeEmpty)
	handle("PATCH /v1/documents/{id}", s.Update, decodePatch)
	handle("POST /v1/documents/{id}/revoke", s.Revoke, decodeReject)
	handle("POST /v1/documents/{id}/register", s.Register, decodeEmpty)
	handle("POST /v1/documents/{id}/direct", s.Direct, decodeDirect)
	handle("POST /v1/documents/{id}/forward", s.Forward, decodeRoute)
	handle("POST /v1/documents/{id}/propose", s.Propose, decodeRoute)
	handle("POST /v1/documents/{id}/assign", s.Assign, decodeRoute)
	handle("POST /v1/documents/{id}/return", s.Return, decodeReject)
	handle("POST /v1/documents/{id}/read", s.Read, decodeEmpty)
	handle("POST /v1/documents/{id}/consolidated-report", s.Report, decodeReport)
	handle("POST /v1/documents/{id}/attachments", s.Upload, decodeUpload)
	handle("POST /v1/documents/{id}/copies", s.Copy, decodeCopy)
	handle("GET /v1/documents/{id}/copies", s.Copies, decodeID)
	mux.Handle("GET /v1/documents/{id}/attachments/{aid}",
		kithttp.NewServer(s.Download, httpx.Deferred(decodeAttachment), encodeFile,
			append([]kithttp.ServerOption{kithttp.ServerBefore(conditional)}, opts...)...))
	handle("DELETE /v1/documents/{id}/attachments/{aid}", s.Remove, decodeAttachment)
	handle("POST /v1/authorisations", s.Grant, decodeGrant)
	handle("GET /v1/authorisations", s.Authorisations, decodeNone)
	handle("POST /v1/authorisations/{id}/revoke", s.RevokeGrant, decodeEmpty)
	handle("GET /v1/agencies/{id}/signing-rules", s.SigningRules, decodeRulesID)
	handle("PUT /v1/agencies/{id}/signing-rules", s.SetSigningRules, decodeSetRules)
	official(mux, s, opts)
	books(mux, s, opts)
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

func decodeCreate(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.CreateRequest
	if err := httpx.DecodeJSON(r, &req.Body, maxCreateBody); err != nil {
		return nil, err
	}
	req.IdempotencyKey = r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeIncoming(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.IncomingRequest
	if err := httpx.DecodeJSON(r, &req.Body, 0); err != nil {
		return nil, err
	}
	req.IdempotencyKey = r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeID(_ context.Context, r *http.Request) (any, error) {
	return endpoint.IDRequest{ID: r.PathValue("id")}, nil
}

// decodeEmpty takes a step that needs no input: no body, or an empty JSON
// object.
func decodeEmpty(_ context.Context, r *http.Request) (any, error) {
	var none documentsapi.Empty
	if err := decodeOptional(r, &none); err != nil {
		return nil, err
	}
	return endpoint.IDRequest{ID: r.PathValue("id")}, nil
}

func decodeApprove(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.ApproveRequest
	if err := decodeOptional(r, &req.Body); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeReject(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.RejectRequest
	if err := httpx.DecodeJSON(r, &req.Body, 0); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeList(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	page, err := httpx.ParsePage(q)
	if err != nil {
		return nil, err
	}
	return endpoint.ListRequest{Box: q.Get("box"), Kind: q.Get("kind"), Status: q.Get("status"), Q: q.Get("q"),
		Channel: q.Get("channel"), Notation: q.Get("notation"), IncomingNumber: q.Get("incoming_number"),
		Sender: q.Get("sender"), Recipient: q.Get("recipient"), Signer: q.Get("signer"), From: q.Get("from"), To: q.Get("to"),
		Page: page}, nil
}

// decodeOptional decodes a JSON body strictly when there is one.
func decodeOptional(r *http.Request, dst any) error {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, httpx.MaxBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "the body is too large"}
	}
	if err != nil {
		return apperr.Invalid("the request body could not be read")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return httpx.DecodeJSON(r, dst, 0)
}

func decodePatch(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.PatchRequest
	if err := httpx.DecodeJSON(r, &req.Body, maxCreateBody); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeDirect(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.DirectRequest
	if err := httpx.DecodeJSON(r, &req.Body, 0); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeRoute(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.RouteRequest
	if err := httpx.DecodeJSON(r, &req.Body, 0); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeCopy(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.CopyRequest
	if err := httpx.DecodeJSON(r, &req.Body, maxCreateBody); err != nil {
		return nil, err
	}
	req.ID, req.IdempotencyKey = r.PathValue("id"), r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeReport(_ context.Context, r *http.Request) (any, error) {
	var none documentsapi.Empty
	if err := decodeOptional(r, &none); err != nil {
		return nil, err
	}
	return endpoint.ReportRequest{ID: r.PathValue("id"), IdempotencyKey: r.Header.Get(idempotency.Header)}, nil
}
