package endpoint

import (
	"context"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

// TokenRequest is the body of POST /v1/token (JSON or form).
type TokenRequest struct {
	GrantType    string
	Username     string
	Password     string
	RefreshToken string
	ClientID     string
	ClientSecret string
	Scope        string
	ClientAddr   string
}

// TokenResponse is RFC 6749's successful response.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

func makeToken(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(TokenRequest)
		t, err := s.Token(ctx, app.TokenRequest(req))
		if err != nil {
			return nil, err
		}
		return TokenResponse{AccessToken: t.AccessToken, TokenType: t.TokenType, ExpiresIn: t.ExpiresIn, RefreshToken: t.RefreshToken}, nil
	}
}

// RevokeRequest is the body of POST /v1/token/revoke (form or JSON).
type RevokeRequest struct {
	Token string
}

// RevokeResponse is empty: RFC 7009 answers 200 whether or not the token
// was known.
type RevokeResponse struct{}

func makeRevokeToken(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if err := s.RevokeToken(ctx, request.(RevokeRequest).Token); err != nil {
			return nil, err
		}
		return RevokeResponse{}, nil
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
