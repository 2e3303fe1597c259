// Package httpapi is identity's HTTP transport: routes, request decoders
// and response encoders over identityapi's types, whose package also holds
// the OpenAPI document of every route served here.
package httpapi

import (
	"context"
	"net/http"
	"strconv"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
)

// Anonymous are the routes anyone may call (svc's AllowAnonymous); every
// other needs a valid bearer token before its body is read.
var Anonymous = []string{"POST /v1/token", "POST /v1/token/revoke", "GET /.well-known/jwks.json"}

// NewHandler routes identity's API to the endpoints. opts are the server
// options every route shares (svc's rt.ServerOptions()).
func NewHandler(set endpoint.Set, opts ...kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	route := func(pattern string, e kitendpoint.Endpoint, dec kithttp.DecodeRequestFunc, enc kithttp.EncodeResponseFunc) {
		mux.Handle(pattern, kithttp.NewServer(e, httpx.Deferred(dec), enc, opts...))
	}
	route("POST /v1/token", set.Token, decodeToken, encodeToken)
	route("POST /v1/token/revoke", set.RevokeToken, decodeRevoke, encodeToken)
	route("GET /.well-known/jwks.json", set.JWKS, decodeNothing(endpoint.JWKSRequest{}), encodeJWKS)
	route("POST /v1/units", set.CreateUnit, decodeBody[identityapi.NewUnit], httpx.EncodeJSON)
	route("GET /v1/units", set.ListUnits, decodeList, httpx.EncodeJSON)
	route("GET /v1/units/{id}", set.GetUnit, decodeGetUnit, httpx.EncodeJSON)
	route("PATCH /v1/units/{id}", set.UpdateUnit, decodeUpdateUnit, httpx.EncodeJSON)
	route("POST /v1/units/{id}/deactivate", set.DeactivateUnit, decodeID, httpx.EncodeJSON)
	route("POST /v1/users", set.CreateUser, decodeBody[identityapi.NewUser], httpx.EncodeJSON)
	route("GET /v1/users", set.ListUsers, decodeListUsers, httpx.EncodeJSON)
	route("GET /v1/users/{id}", set.GetUser, decodeID, httpx.EncodeJSON)
	route("PATCH /v1/users/{id}", set.UpdateUser, decodeUpdateUser, httpx.EncodeJSON)
	route("POST /v1/users/{id}/deactivate", set.DeactivateUser, decodeID, httpx.EncodeJSON)
	route("GET /v1/me", set.Me, decodeNothing(endpoint.MeRequest{}), httpx.EncodeJSON)
	route("POST /v1/me/password", set.ChangePassword, decodeBody[identityapi.PasswordChange], httpx.EncodeJSON)
	route("POST /v1/clients", set.CreateClient, decodeBody[identityapi.NewClient], httpx.EncodeJSON)
	route("PATCH /v1/clients/{id}", set.UpdateClient, decodeUpdateClient, httpx.EncodeJSON)
	route("POST /v1/clients/{id}/deactivate", set.DeactivateClient, decodeID, httpx.EncodeJSON)
	route("POST /v1/console/sessions", set.CreateConsoleSession, decodeBody[identityapi.NewConsoleSession], httpx.EncodeJSON)
	route("POST /v1/console/sessions/resolve", set.ResolveConsoleSession, decodeBody[identityapi.ConsoleSessionHandle], httpx.EncodeJSON)
	route("POST /v1/console/sessions/end", set.EndConsoleSession, decodeBody[identityapi.ConsoleSessionHandle], httpx.EncodeJSON)
	route("POST /v1/keys/rotate", set.RotateKeys, decodeNothing(endpoint.RotateKeysRequest{}), httpx.EncodeJSON)
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

// maxBody bounds identity's JSON bodies; none holds more than a few
// short fields.
const maxBody = 64 << 10

// Decoders are wrapped in httpx.Deferred: a request that does not decode is
// answered after the token check, so a caller without a valid token learns
// nothing about its body.

func decodeBody[T any](_ context.Context, r *http.Request) (any, error) {
	var req T
	if err := httpx.DecodeJSON(r, &req, maxBody); err != nil {
		return nil, err
	}
	return req, nil
}

func decodeNothing(req any) kithttp.DecodeRequestFunc {
	return func(context.Context, *http.Request) (any, error) { return req, nil }
}

func decodePage(r *http.Request) (app.Page, error) {
	p, err := httpx.ParsePage(r.URL.Query())
	if err != nil {
		return app.Page{}, err
	}
	return app.Page{Limit: p.Limit, After: p.Cursor}, nil
}

func decodeList(_ context.Context, r *http.Request) (any, error) {
	p, err := decodePage(r)
	if err != nil {
		return nil, err
	}
	return endpoint.ListRequest{Page: p}, nil
}

func decodeListUsers(_ context.Context, r *http.Request) (any, error) {
	p, err := decodePage(r)
	if err != nil {
		return nil, err
	}
	return endpoint.ListUsersRequest{UnitID: r.URL.Query().Get("unit_id"), Page: p}, nil
}

func decodeGetUnit(_ context.Context, r *http.Request) (any, error) {
	return endpoint.GetUnitRequest{ID: r.PathValue("id")}, nil
}

func decodeID(_ context.Context, r *http.Request) (any, error) {
	return endpoint.IDRequest{ID: r.PathValue("id")}, nil
}

func decodeUpdateUnit(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.UpdateUnitRequest
	if err := httpx.DecodeJSON(r, &req.Patch, maxBody); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeUpdateUser(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.UpdateUserRequest
	if err := httpx.DecodeJSON(r, &req.Patch, maxBody); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeUpdateClient(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.UpdateClientRequest
	if err := httpx.DecodeJSON(r, &req.Patch, maxBody); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

// encodeJWKS lets verifiers and proxies cache the key set briefly: a new
// key must reach them soon after rotation.
func encodeJWKS(ctx context.Context, w http.ResponseWriter, resp any) error {
	// Shorter than the lead of a new key (auth.CheckKeyLead): a cached
	// copy never hides a key that already signs.
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(auth.JWKSMaxAge.Seconds())))
	return httpx.EncodeJSON(ctx, w, resp)
}
