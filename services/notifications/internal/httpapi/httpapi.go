// Package httpapi serves the notifications endpoints over HTTP and holds the
// OpenAPI document describing them.
package httpapi

import (
	"context"
	_ "embed"
	"net/http"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/endpoint"
)

// OpenAPI is the OpenAPI 3 document of every route NewHandler serves.
//
//go:embed openapi.json
var OpenAPI []byte

// NewHandler routes the API to eps; opts are the runtime's server options
// (bearer token into the context, the one error encoder).
func NewHandler(eps endpoint.Set, opts ...kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /v1/notifications", kithttp.NewServer(eps.ListNotifications, decodeList, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/notifications/unread-count", kithttp.NewServer(eps.UnreadCount, decodeNothing, httpx.EncodeJSON, opts...))
	mux.Handle("POST /v1/notifications/{id}/read", kithttp.NewServer(eps.MarkRead, decodeMarkRead, httpx.EncodeJSON, opts...))
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

func decodeList(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	page, err := httpx.ParsePage(q)
	if err != nil {
		return nil, err
	}
	req := endpoint.ListRequest{Page: page}
	// An empty value is no filter, as an absent one.
	if v := q.Get("unread"); v != "" {
		var unread bool
		switch v {
		case "true":
			unread = true
		case "false":
			unread = false
		default:
			return nil, apperr.Invalid("bad filter", apperr.FieldError{Field: "unread", Message: "must be true or false"})
		}
		req.Unread = &unread
	}
	return req, nil
}

func decodeMarkRead(_ context.Context, r *http.Request) (any, error) {
	return endpoint.MarkReadRequest{ID: r.PathValue("id")}, nil
}

func decodeNothing(context.Context, *http.Request) (any, error) { return nil, nil }
