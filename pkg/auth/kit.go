package auth

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

type (
	tokenKey     struct{}
	principalKey struct{}
)

// HTTPToContext copies the bearer token of the request into the context for
// Middleware. Without the header it adds nothing.
func HTTPToContext() kithttp.RequestFunc {
	return func(ctx context.Context, r *http.Request) context.Context {
		if token := BearerToken(r); token != "" {
			return ContextWithToken(ctx, token)
		}
		return ctx
	}
}

// BearerToken is the token of r's "Authorization: Bearer" header, or "".
func BearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// ContextWithToken stores a raw bearer token for Middleware; for transports
// other than HTTP.
func ContextWithToken(ctx context.Context, raw string) context.Context {
	return context.WithValue(ctx, tokenKey{}, raw)
}

// ContextToHTTP sets the Authorization header of an outgoing go-kit client
// request from the caller's Principal, so a service acts on its caller's
// behalf.
func ContextToHTTP() kithttp.RequestFunc {
	return func(ctx context.Context, r *http.Request) context.Context {
		if p, ok := FromContext(ctx); ok && p.Token != "" {
			r.Header.Set("Authorization", "Bearer "+p.Token)
		}
		return ctx
	}
}

// Middleware admits only calls carrying a valid token and gives the next
// endpoint the caller's Principal.
func Middleware(v *Verifier) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			raw, _ := ctx.Value(tokenKey{}).(string)
			if raw == "" {
				return nil, fmt.Errorf("%w: missing bearer token", ErrUnauthorized)
			}
			p, err := v.Verify(ctx, raw)
			if err != nil {
				return nil, err
			}
			return next(NewContext(ctx, p), req)
		}
	}
}

// NewContext returns ctx carrying p.
func NewContext(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the Principal put there by Middleware or NewContext.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// RequireScope lets an integration client through only when it was granted
// scope; with NoClient no client passes. People pass untouched: their roles
// are checked by the use case. It goes inside Middleware, which puts the
// caller in the context, so each route states its scope once where its
// endpoint is built.
func RequireScope(scope string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			p, ok := FromContext(ctx)
			if !ok {
				return nil, fmt.Errorf("%w: no authenticated caller", ErrUnauthorized)
			}
			if err := CheckClientScope(p, scope); err != nil {
				return nil, err
			}
			return next(ctx, req)
		}
	}
}

// CheckClientScope is RequireScope's test: nil for a person, and for a
// client granted scope; a 403 otherwise.
func CheckClientScope(p Principal, scope string) error {
	switch {
	case !p.IsClient():
		return nil
	case scope == NoClient:
		return apperr.Forbidden("integration clients may not call this route")
	case !p.HasScope(scope):
		return apperr.Forbidden("this route needs the scope " + scope)
	}
	return nil
}
