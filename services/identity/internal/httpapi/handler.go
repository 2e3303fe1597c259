// Package httpapi is identity's HTTP transport: routes, request decoders,
// response encoders and the OpenAPI document of every route it serves.
package httpapi

import (
	"context"
	_ "embed"
	"net/http"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// OpenAPI is the OpenAPI 3 document of the routes below.
//
//go:embed openapi.json
var OpenAPI []byte

// NewHandler routes identity's API to the endpoints. opts are the server
// options every route shares (svc's rt.ServerOptions()).
func NewHandler(set endpoint.Set, opts ...kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /v1/token", kithttp.NewServer(set.Token, decodeToken, encodeToken, opts...))
	mux.Handle("GET /.well-known/jwks.json", kithttp.NewServer(set.JWKS, decodeNothing(endpoint.JWKSRequest{}), encodeJWKS, opts...))
	mux.Handle("POST /v1/units", kithttp.NewServer(set.CreateUnit, decodeBody[endpoint.CreateUnitRequest], httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/units", kithttp.NewServer(set.ListUnits, decodeList, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/units/{id}", kithttp.NewServer(set.GetUnit, decodeGetUnit, httpx.EncodeJSON, opts...))
	mux.Handle("POST /v1/users", kithttp.NewServer(set.CreateUser, decodeBody[endpoint.CreateUserRequest], httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/users", kithttp.NewServer(set.ListUsers, decodeListUsers, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/me", kithttp.NewServer(set.Me, decodeNothing(endpoint.MeRequest{}), httpx.EncodeJSON, opts...))
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

// Decoders never fail: a body that does not decode travels as
// endpoint.Undecodable, so that authentication is checked first.

func decodeBody[T any](_ context.Context, r *http.Request) (any, error) {
	var req T
	if err := httpx.DecodeJSON(r, &req, 0); err != nil {
		return endpoint.Undecodable{Err: err}, nil
	}
	return req, nil
}

func decodeNothing(req any) kithttp.DecodeRequestFunc {
	return func(context.Context, *http.Request) (any, error) { return req, nil }
}

func decodePage(r *http.Request) (store.Page, error) {
	p, err := httpx.ParsePage(r.URL.Query())
	if err != nil {
		return store.Page{}, err
	}
	return store.Page{Limit: p.Limit, After: p.Cursor}, nil
}

func decodeList(_ context.Context, r *http.Request) (any, error) {
	p, err := decodePage(r)
	if err != nil {
		return endpoint.Undecodable{Err: err}, nil
	}
	return endpoint.ListRequest{Page: p}, nil
}

func decodeListUsers(_ context.Context, r *http.Request) (any, error) {
	p, err := decodePage(r)
	if err != nil {
		return endpoint.Undecodable{Err: err}, nil
	}
	return endpoint.ListUsersRequest{UnitID: r.URL.Query().Get("unit_id"), Page: p}, nil
}

func decodeGetUnit(_ context.Context, r *http.Request) (any, error) {
	return endpoint.GetUnitRequest{ID: r.PathValue("id")}, nil
}

// encodeJWKS lets verifiers and proxies cache the key set briefly: a new
// key must reach them soon after rotation.
func encodeJWKS(ctx context.Context, w http.ResponseWriter, resp any) error {
	w.Header().Set("Cache-Control", "public, max-age=300")
	return httpx.EncodeJSON(ctx, w, resp)
}
