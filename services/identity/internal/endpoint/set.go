// Package endpoint adapts the identity Service to go-kit endpoints, one per
// use case, with their request and response types. Business errors are
// returned as errors (never in the response), so that the one error encoder
// of the transport maps every failure, the auth middleware's included.
package endpoint

import (
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

	UpdateUnit     kitendpoint.Endpoint
	DeactivateUnit kitendpoint.Endpoint
	UpdateUser     kitendpoint.Endpoint
	DeactivateUser kitendpoint.Endpoint
	GetUser        kitendpoint.Endpoint
	ChangePassword kitendpoint.Endpoint
	CreateClient   kitendpoint.Endpoint
	RotateKeys     kitendpoint.Endpoint
	RevokeToken    kitendpoint.Endpoint
}

// Middleware gives the middleware set of the endpoint called name (svc's
// rt.Public or rt.Authenticated); it is applied once per endpoint.
type Middleware func(name string) kitendpoint.Middleware

// New builds the set: token issuance, revocation and the JWKS are public, everything
// else needs a verified caller.
func New(s app.Service, public, authenticated Middleware) Set {
	wrap := func(mw Middleware, name string, e kitendpoint.Endpoint) kitendpoint.Endpoint {
		return mw(name)(e)
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

		UpdateUnit:     wrap(authenticated, "update_unit", makeUpdateUnit(s)),
		DeactivateUnit: wrap(authenticated, "deactivate_unit", makeDeactivateUnit(s)),
		UpdateUser:     wrap(authenticated, "update_user", makeUpdateUser(s)),
		DeactivateUser: wrap(authenticated, "deactivate_user", makeDeactivateUser(s)),
		GetUser:        wrap(authenticated, "get_user", makeGetUser(s)),
		ChangePassword: wrap(authenticated, "change_password", makeChangePassword(s)),
		CreateClient:   wrap(authenticated, "create_client", makeCreateClient(s)),
		RotateKeys:     wrap(authenticated, "rotate_keys", makeRotateKeys(s)),
		RevokeToken:    wrap(public, "revoke_token", makeRevokeToken(s)),
	}
}
