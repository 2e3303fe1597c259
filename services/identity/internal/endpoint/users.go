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

// User is a user as the API shows it; it has no password field at all.
type User struct {
	ID        string    `json:"id"`
	Username  string    `json:"username"`
	FullName  string    `json:"full_name"`
	Email     string    `json:"email"`
	UnitID    *string   `json:"unit_id"`
	AgencyID  *string   `json:"agency_id"`
	Roles     []string  `json:"roles"`
	Title     string    `json:"title"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// UserView shows u.
func UserView(u domain.User) User {
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	return User{
		ID:        u.ID,
		Username:  u.Username,
		FullName:  u.FullName,
		Email:     u.Email,
		UnitID:    optional(u.UnitID),
		AgencyID:  optional(u.AgencyID),
		Roles:     roles,
		Title:     u.Title,
		Active:    u.Active,
		CreatedAt: u.CreatedAt,
	}
}

// CreateUserRequest is the body of POST /v1/users.
type CreateUserRequest struct {
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email"`
	UnitID   string   `json:"unit_id"`
	Roles    []string `json:"roles"`
	Password string   `json:"password"`
	Title    string   `json:"title"`
}

func makeCreateUser(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(CreateUserRequest)
		u, err := s.CreateUser(ctx, domain.UserInput(req))
		if err != nil {
			return nil, err
		}
		return httpx.Created[User]{V: UserView(u)}, nil
	}
}

// ListUsersRequest is a page of users, optionally of one unit.
type ListUsersRequest struct {
	UnitID string
	Page   store.Page
}

func makeListUsers(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ListUsersRequest)
		l, err := s.Users(ctx, store.UserFilter{UnitID: req.UnitID}, req.Page)
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
