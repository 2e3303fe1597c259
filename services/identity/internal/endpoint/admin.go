package endpoint

import (
	"context"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// UpdateUnitRequest is PATCH /v1/units/{id}: the path id and the body.
type UpdateUnitRequest struct {
	ID    string
	Patch identityapi.UnitPatch
}

func makeUpdateUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpdateUnitRequest)
		u, err := s.UpdateUnit(ctx, req.ID, domain.UnitPatch(req.Patch))
		if err != nil {
			return nil, err
		}
		return UnitView(u), nil
	}
}

// IDRequest names one resource by its path id.
type IDRequest struct {
	ID string
}

func makeDeactivateUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, err := s.DeactivateUnit(ctx, request.(IDRequest).ID)
		if err != nil {
			return nil, err
		}
		return UnitView(u), nil
	}
}

// UpdateUserRequest is PATCH /v1/users/{id}: the path id and the body.
type UpdateUserRequest struct {
	ID    string
	Patch identityapi.UserPatch
}

func makeUpdateUser(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpdateUserRequest)
		u, err := s.UpdateUser(ctx, req.ID, domain.UserPatch(req.Patch))
		if err != nil {
			return nil, err
		}
		return UserView(u), nil
	}
}

func makeDeactivateUser(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, err := s.DeactivateUser(ctx, request.(IDRequest).ID)
		if err != nil {
			return nil, err
		}
		return UserView(u), nil
	}
}

func makeGetUser(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, err := s.User(ctx, request.(IDRequest).ID)
		if err != nil {
			return nil, err
		}
		return UserView(u), nil
	}
}

// NoContent answers 204 with no body.
type NoContent struct{}

// StatusCode makes httpx.EncodeJSON answer 204.
func (NoContent) StatusCode() int { return 204 }

func makeChangePassword(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(identityapi.PasswordChange)
		if err := s.ChangePassword(ctx, req.OldPassword, req.NewPassword); err != nil {
			return nil, err
		}
		return NoContent{}, nil
	}
}

// ClientView shows c.
func ClientView(c domain.Client) identityapi.RegisteredClient {
	return identityapi.RegisteredClient{ClientID: c.ID, Name: c.Name, Scopes: c.Scopes,
		AgencyID: identityapi.Optional(c.AgencyID), Active: c.Active, CreatedAt: c.CreatedAt}
}

// UpdateClientRequest is PATCH /v1/clients/{id}: the path id and the body.
type UpdateClientRequest struct {
	ID    string
	Patch identityapi.ClientPatch
}

func makeUpdateClient(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpdateClientRequest)
		c, err := s.UpdateClient(ctx, req.ID, domain.ClientPatch(req.Patch))
		if err != nil {
			return nil, err
		}
		return ClientView(c), nil
	}
}

func makeDeactivateClient(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		c, err := s.DeactivateClient(ctx, request.(IDRequest).ID)
		if err != nil {
			return nil, err
		}
		return ClientView(c), nil
	}
}

func makeCreateClient(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		c, err := s.CreateClient(ctx, domain.ClientInput(request.(identityapi.NewClient)))
		if err != nil {
			return nil, err
		}
		return httpx.Created[identityapi.ClientCredentials]{V: identityapi.ClientCredentials{ClientID: c.Client.ID, ClientSecret: c.Secret,
			Name: c.Client.Name, Scopes: c.Client.Scopes, AgencyID: identityapi.Optional(c.Client.AgencyID), CreatedAt: c.Client.CreatedAt}}, nil
	}
}

// RotateKeysRequest is the empty body of POST /v1/keys/rotate.
type RotateKeysRequest struct{}

func makeRotateKeys(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		r, err := s.RotateKeys(ctx)
		if err != nil {
			return nil, err
		}
		resp := identityapi.KeyRotation{Kid: r.Kid, Rotated: r.Rotated}
		if !r.From.IsZero() {
			resp.SignsFrom = &r.From
		}
		return resp, nil
	}
}
