package svc

import (
	"fmt"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// AllowAnonymous names the API routes, as ServeMux patterns ("POST
// /v1/token"), that anyone may call. Every other API route is refused
// before its body is read unless the request carries a valid bearer token
// (Run; /healthz, /readyz, /metrics and /openapi.json are always open).
func (rt *Runtime) AllowAnonymous(patterns ...string) {
	if rt.anonymous == nil {
		rt.anonymous = http.NewServeMux()
	}
	for _, p := range patterns {
		rt.anonymous.Handle(p, http.NotFoundHandler()) // only matched, never served
	}
}

// requireToken checks the bearer token at the HTTP level, before go-kit
// decodes (and so reads) the body: a caller without a valid token cannot
// make a service read, parse or store what it sends. The endpoint
// middleware (Authenticated) checks again and gives the caller's
// Principal to the endpoint.
func (rt *Runtime) requireToken(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.anonymous != nil {
			if _, p := rt.anonymous.Handler(r); p != "" {
				h.ServeHTTP(w, r)
				return
			}
		}
		raw := auth.BearerToken(r)
		if raw == "" {
			httpx.ErrorEncoder(r.Context(), fmt.Errorf("%w: missing bearer token", auth.ErrUnauthorized), w)
			return
		}
		if _, err := rt.Verifier.Verify(r.Context(), raw); err != nil {
			httpx.ErrorEncoder(r.Context(), err, w)
			return
		}
		h.ServeHTTP(w, r)
	})
}
