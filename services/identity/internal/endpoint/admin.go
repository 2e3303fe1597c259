package endpoint

import (
	"context"
	"time"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// UpdateUnitRequest is PATCH /v1/units/{id}; absent fields stay.
type UpdateUnitRequest struct {
	ID        string  `json:"-"`
	Name      *string `json:"name"`
	ShortName *string `json:"short_name"`
	Code      *string `json:"code"`
}

func makeUpdateUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpdateUnitRequest)
		u, err := s.UpdateUnit(ctx, req.ID, domain.UnitPatch{Name: req.Name, ShortName: req.ShortName, Code: req.Code})
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

// UpdateUserRequest is PATCH /v1/users/{id}; absent fields stay.
type UpdateUserRequest struct {
	ID       string    `json:"-"`
	FullName *string   `json:"full_name"`
	Email    *string   `json:"email"`
	UnitID   *string   `json:"unit_id"`
	Roles    *[]string `json:"roles"`
	Title    *string   `json:"title"`
}

func makeUpdateUser(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpdateUserRequest)
		u, err := s.UpdateUser(ctx, req.ID, domain.UserPatch{FullName: req.FullName, Email: req.Email,
			UnitID: req.UnitID, Roles: req.Roles, Title: req.Title})
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

// ChangePasswordRequest is POST /v1/me/password.
type ChangePasswordRequest struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password"`
}

// NoContent answers 204 with no body.
type NoContent struct{}

// StatusCode makes httpx.EncodeJSON answer 204.
func (NoContent) StatusCode() int { return 204 }

func makeChangePassword(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ChangePasswordRequest)
		if err := s.ChangePassword(ctx, req.OldPassword, req.NewPassword); err != nil {
			return nil, err
		}
		return NoContent{}, nil
	}
}

// CreateClientRequest is POST /v1/clients.
type CreateClientRequest struct {
	Name     string   `json:"name"`
	Scopes   []string `json:"scopes"`
	AgencyID string   `json:"agency_id"`
}

// ClientCreated is the only answer that ever shows the client's secret.
type ClientCreated struct {
	ClientID     string    `json:"client_id"`
	ClientSecret string    `json:"client_secret"`
	Name         string    `json:"name"`
	Scopes       []string  `json:"scopes"`
	AgencyID     *string   `json:"agency_id"`
	CreatedAt    time.Time `json:"created_at"`
}

// Client is a client as the API shows it after creation: never its secret.
type Client struct {
	ClientID  string    `json:"client_id"`
	Name      string    `json:"name"`
	Scopes    []string  `json:"scopes"`
	AgencyID  *string   `json:"agency_id"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// ClientView shows c.
func ClientView(c store.Client) Client {
	return Client{ClientID: c.ID, Name: c.Name, Scopes: c.Scopes, AgencyID: optional(c.AgencyID), Active: c.Active, CreatedAt: c.CreatedAt}
}

// UpdateClientRequest is PATCH /v1/clients/{id}; absent fields stay.
type UpdateClientRequest struct {
	ID     string    `json:"-"`
	Name   *string   `json:"name"`
	Scopes *[]string `json:"scopes"`
}

func makeUpdateClient(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpdateClientRequest)
		c, err := s.UpdateClient(ctx, req.ID, domain.ClientPatch{Name: req.Name, Scopes: req.Scopes})
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
		req := request.(CreateClientRequest)
		c, err := s.CreateClient(ctx, domain.ClientInput(req))
		if err != nil {
			return nil, err
		}
		return httpx.Created[ClientCreated]{V: ClientCreated{ClientID: c.Client.ID, ClientSecret: c.Secret,
			Name: c.Client.Name, Scopes: c.Client.Scopes, AgencyID: optional(c.Client.AgencyID), CreatedAt: c.Client.CreatedAt}}, nil
	}
}

// RotateKeysRequest is the empty body of POST /v1/keys/rotate.
type RotateKeysRequest struct{}

// RotateKeysResponse names the new key and when it starts signing.
type RotateKeysResponse struct {
	Kid       string     `json:"kid"`
	Rotated   bool       `json:"rotated"`
	SignsFrom *time.Time `json:"signs_from,omitempty"`
}

func makeRotateKeys(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		r, err := s.RotateKeys(ctx)
		if err != nil {
			return nil, err
		}
		resp := RotateKeysResponse{Kid: r.Kid, Rotated: r.Rotated}
		if !r.From.IsZero() {
			resp.SignsFrom = &r.From
		}
		return resp, nil
	}
}
