// Package endpoint adapts the identity Service to go-kit endpoints, one per
// use case, with their request and response types. Business errors are
// returned as errors (never in the response), so that the one error encoder
// of the transport maps every failure, the auth middleware's included.
package endpoint

import (
	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/auth"

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
	// UpdateClient and DeactivateClient change a client's scopes or stop it.
	UpdateClient     kitendpoint.Endpoint
	DeactivateClient kitendpoint.Endpoint
	RotateKeys       kitendpoint.Endpoint
	RevokeToken      kitendpoint.Endpoint

	// The web console's sessions: its own client only (the app checks the
	// client id; the scope keeps every other client out here already).
	CreateConsoleSession  kitendpoint.Endpoint
	ResolveConsoleSession kitendpoint.Endpoint
	EndConsoleSession     kitendpoint.Endpoint
}

// Middleware gives the middleware set of the endpoint called name (svc's
// rt.Public or rt.Authenticated); it is applied once per endpoint.
type Middleware func(name string) kitendpoint.Middleware

// New builds the set: token issuance, revocation and the JWKS are public,
// everything else needs a verified caller. Each route names here, once, the
// scope an integration client needs to call it (auth.NoClient: none may).
func New(s app.Service, public, authenticated Middleware) Set {
	wrap := func(mw Middleware, name string, e kitendpoint.Endpoint) kitendpoint.Endpoint {
		return mw(name)(e)
	}
	authed := func(name, scope string, e kitendpoint.Endpoint) kitendpoint.Endpoint {
		return authenticated(name)(auth.RequireScope(scope)(e))
	}
	return Set{
		Token:      wrap(public, "token", makeToken(s)),
		JWKS:       wrap(public, "jwks", makeJWKS(s)),
		CreateUnit: authed("create_unit", auth.NoClient, makeCreateUnit(s)),
		ListUnits:  authed("list_units", auth.ScopeUnitsRead, makeListUnits(s)),
		GetUnit:    authed("get_unit", auth.ScopeUnitsRead, makeGetUnit(s)),
		CreateUser: authed("create_user", auth.NoClient, makeCreateUser(s)),
		ListUsers:  authed("list_users", auth.ScopeUsersRead, makeListUsers(s)),
		Me:         authed("me", auth.NoClient, makeMe(s)),

		UpdateUnit:       authed("update_unit", auth.NoClient, makeUpdateUnit(s)),
		DeactivateUnit:   authed("deactivate_unit", auth.NoClient, makeDeactivateUnit(s)),
		UpdateUser:       authed("update_user", auth.NoClient, makeUpdateUser(s)),
		DeactivateUser:   authed("deactivate_user", auth.NoClient, makeDeactivateUser(s)),
		GetUser:          authed("get_user", auth.ScopeUsersRead, makeGetUser(s)),
		ChangePassword:   authed("change_password", auth.NoClient, makeChangePassword(s)),
		CreateClient:     authed("create_client", auth.NoClient, makeCreateClient(s)),
		UpdateClient:     authed("update_client", auth.NoClient, makeUpdateClient(s)),
		DeactivateClient: authed("deactivate_client", auth.NoClient, makeDeactivateClient(s)),
		RotateKeys:       authed("rotate_keys", auth.NoClient, makeRotateKeys(s)),
		RevokeToken:      wrap(public, "revoke_token", makeRevokeToken(s)),

		CreateConsoleSession:  authed("create_console_session", auth.ScopeConsoleSessions, makeCreateConsoleSession(s)),
		ResolveConsoleSession: authed("resolve_console_session", auth.ScopeConsoleSessions, makeResolveConsoleSession(s)),
		EndConsoleSession:     authed("end_console_session", auth.ScopeConsoleSessions, makeEndConsoleSession(s)),
	}
}
