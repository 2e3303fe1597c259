package endpoint

import (
	"context"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

// TokenRequest is POST /v1/token: its body, and the caller's address the
// transport found (the key of login throttling).
type TokenRequest struct {
	identityapi.TokenRequest
	ClientAddr string
}

func makeToken(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(TokenRequest)
		t, err := s.Token(ctx, app.TokenRequest{GrantType: req.GrantType, Username: req.Username, Password: req.Password,
			RefreshToken: req.RefreshToken, ClientID: req.ClientID, ClientSecret: req.ClientSecret, Scope: req.Scope,
			ClientAddr: req.ClientAddr})
		if err != nil {
			return nil, err
		}
		return identityapi.TokenResponse{AccessToken: t.AccessToken, TokenType: t.TokenType, ExpiresIn: t.ExpiresIn, RefreshToken: t.RefreshToken}, nil
	}
}

func makeRevokeToken(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if err := s.RevokeToken(ctx, request.(identityapi.RevokeRequest).Token); err != nil {
			return nil, err
		}
		return identityapi.RevokeResponse{}, nil
	}
}

// JWKSRequest is the empty request of GET /.well-known/jwks.json.
type JWKSRequest struct{}

func makeJWKS(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		set, err := s.JWKS(ctx)
		if err != nil {
			return nil, err
		}
		return set, nil
	}
}
