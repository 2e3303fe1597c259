package endpoint

import (
	"context"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// UserView shows u.
func UserView(u domain.User) identityapi.User {
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	return identityapi.User{
		ID:        u.ID,
		Username:  u.Username,
		FullName:  u.FullName,
		Email:     u.Email,
		UnitID:    identityapi.Optional(u.UnitID),
		AgencyID:  identityapi.Optional(u.AgencyID),
		Roles:     roles,
		Title:     u.Title,
		Active:    u.Active,
		CreatedAt: u.CreatedAt,
		Position:  identityapi.Optional(u.Position),
	}
}

func makeCreateUser(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, err := s.CreateUser(ctx, domain.UserInput(request.(identityapi.NewUser)))
		if err != nil {
			return nil, err
		}
		return httpx.Created[identityapi.User]{V: UserView(u)}, nil
	}
}

// ListUsersRequest is a page of users, optionally of one unit.
type ListUsersRequest struct {
	UnitID string
	Page   app.Page
}

func makeListUsers(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ListUsersRequest)
		l, err := s.Users(ctx, app.UserFilter{UnitID: req.UnitID}, req.Page)
		if err != nil {
			return nil, err
		}
		return listView(l, UserView), nil
	}
}

// MeRequest is the empty request of GET /v1/me.
type MeRequest struct{}

func makeMe(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		u, err := s.Me(ctx)
		if err != nil {
			return nil, err
		}
		return UserView(u), nil
	}
}
