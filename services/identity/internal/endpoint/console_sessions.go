package endpoint

import (
	"context"
	"time"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

// ConsoleSessionView shows a session to the console.
func ConsoleSessionView(s app.ConsoleSession) identityapi.ConsoleSession {
	return identityapi.ConsoleSession{Handle: s.Handle, CSRF: s.CSRF, AccessToken: s.AccessToken, ExpiresIn: s.ExpiresIn,
		User: UserView(s.User), IdleUntil: s.IdleUntil}
}

func makeCreateConsoleSession(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(identityapi.NewConsoleSession)
		cs, err := s.CreateConsoleSession(ctx, req.RefreshToken, time.Duration(req.IdleSeconds)*time.Second)
		if err != nil {
			return nil, err
		}
		return httpx.Created[identityapi.ConsoleSession]{V: ConsoleSessionView(cs)}, nil
	}
}

func makeResolveConsoleSession(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		cs, err := s.ResolveConsoleSession(ctx, request.(identityapi.ConsoleSessionHandle).Handle)
		if err != nil {
			return nil, err
		}
		return ConsoleSessionView(cs), nil
	}
}

func makeEndConsoleSession(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(identityapi.ConsoleSessionHandle)
		n, err := s.EndConsoleSession(ctx, req.Handle, req.Everywhere)
		if err != nil {
			return nil, err
		}
		return identityapi.ConsoleSessionsEnded{Ended: n}, nil
	}
}
