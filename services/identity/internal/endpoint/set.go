// Package endpoint adapts the identity Service to go-kit endpoints, one per
// use case, with their request and response types. Business errors are
// returned as errors (never in the response), so that the one error encoder
// of the transport maps every failure, the auth middleware's included.
package endpoint

import (
	"context"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

// Set holds every endpoint of the service.
type Set struct {
	Token      kitendpoint.Endpoint
	JWKS       kitendpoint.Endpoint
	CreateUnit kitendpoint.Endpoint
	ListUnits  kitendpoint.Endpoint
	GetUnit    kitendpoint.Endpoint
	CreateUser kitendpoint.Endpoint
	ListUsers  kitendpoint.Endpoint
	Me         kitendpoint.Endpoint
}

// Middleware gives the middleware set of the endpoint called name (svc's
// rt.Public or rt.Authenticated); it is applied once per endpoint.
type Middleware func(name string) kitendpoint.Middleware

// New builds the set: token issuance and the JWKS are public, everything
// else needs a verified caller.
func New(s app.Service, public, authenticated Middleware) Set {
	wrap := func(mw Middleware, name string, e kitendpoint.Endpoint) kitendpoint.Endpoint {
		return mw(name)(rejectUndecodable(e))
	}
	return Set{
		Token:      wrap(public, "token", makeToken(s)),
		JWKS:       wrap(public, "jwks", makeJWKS(s)),
		CreateUnit: wrap(authenticated, "create_unit", makeCreateUnit(s)),
		ListUnits:  wrap(authenticated, "list_units", makeListUnits(s)),
		GetUnit:    wrap(authenticated, "get_unit", makeGetUnit(s)),
		CreateUser: wrap(authenticated, "create_user", makeCreateUser(s)),
		ListUsers:  wrap(authenticated, "list_users", makeListUsers(s)),
		Me:         wrap(authenticated, "me", makeMe(s)),
	}
}

// Undecodable is the request a transport passes on when it could not decode
// one. Failing inside the endpoint rather than in the decoder lets the
// authentication middleware answer first: a caller without a valid token
// gets 401, never feedback on its body.
type Undecodable struct{ Err error }

func rejectUndecodable(next kitendpoint.Endpoint) kitendpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) {
		if u, ok := req.(Undecodable); ok {
			return nil, u.Err
		}
		return next(ctx, req)
	}
}
