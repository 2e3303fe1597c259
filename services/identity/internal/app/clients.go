package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// NewClient is a registered client with its secret, which exists only in
// this answer: the store keeps its hash.
type NewClient struct {
	Client store.Client
	Secret string
}

// CreateClient registers an integration client of the client_credentials
// grant. Administrators only.
func (s *Identity) CreateClient(ctx context.Context, in domain.ClientInput) (NewClient, error) {
	p, err := s.admin(ctx)
	if err != nil {
		return NewClient{}, err
	}
	if in, err = in.Normalize(); err != nil {
		return NewClient{}, err
	}
	id, err := newID()
	if err != nil {
		return NewClient{}, err
	}
	secret, err := newRefreshToken() // 256 random bits, URL-safe
	if err != nil {
		return NewClient{}, err
	}
	c := store.Client{ID: id, Name: in.Name, SecretHash: hashRefreshToken(secret), Scopes: in.Scopes,
		Active: true, CreatedBy: p.Subject, CreatedAt: s.now()}
	err = s.st.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.InsertClient(ctx, c) })
	if err != nil {
		return NewClient{}, err
	}
	return NewClient{Client: c, Secret: secret}, nil
}

// errBadClient is RFC 6749's invalid_client (401), one answer for an
// unknown client, a wrong secret and a deactivated client.
var errBadClient = &apperr.Error{Kind: apperr.ErrUnauthorized, Code: "invalid_client", Detail: "client authentication failed"}

// clientGrant issues a machine token: subject and client_id are the
// client's id, scope its granted scopes (or the asked subset); it has no
// unit, agency or roles, and no refresh token (the client simply asks
// again).
func (s *Identity) clientGrant(ctx context.Context, req TokenRequest) (Token, error) {
	if req.ClientID == "" || req.ClientSecret == "" {
		return Token{}, errBadClient
	}
	if err := s.throttleClient(ctx, req.ClientAddr); err != nil {
		return Token{}, err
	}
	c, err := s.st.Client(ctx, req.ClientID)
	if errors.Is(err, store.ErrNotFound) {
		return Token{}, errBadClient
	}
	if err != nil {
		return Token{}, err
	}
	if subtle.ConstantTimeCompare([]byte(hashRefreshToken(req.ClientSecret)), []byte(c.SecretHash)) != 1 || !c.Active {
		return Token{}, errBadClient
	}
	scopes := c.Scopes
	if req.Scope != "" {
		scopes = nil
		for _, sc := range strings.Fields(req.Scope) {
			if !slices.Contains(c.Scopes, sc) {
				return Token{}, GrantError(CodeInvalidScope, "scope "+sc+" is not granted to this client",
					apperr.FieldError{Field: "scope", Message: "not granted to this client"})
			}
			scopes = append(scopes, sc)
		}
	}
	now := s.now()
	key, err := s.st.ActiveSigningKey(ctx, now)
	if err != nil {
		return Token{}, err
	}
	access, err := auth.Sign(auth.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.cfg.Issuer,
			Subject:   c.ID,
			Audience:  jwt.ClaimStrings{auth.Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTTL)),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        uuid.NewString(),
		},
		Name:     c.Name,
		ClientID: c.ID,
		Scope:    strings.Join(scopes, " "),
	}, key.Kid, key.Private)
	if err != nil {
		return Token{}, err
	}
	if err := s.clientSucceeded(ctx, req.ClientAddr); err != nil {
		return Token{}, err
	}
	return Token{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(s.cfg.AccessTTL.Seconds())}, nil
}
