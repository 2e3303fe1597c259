package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Grant types of POST /v1/token.
const (
	GrantPassword          = "password"
	GrantRefreshToken      = "refresh_token"
	GrantClientCredentials = "client_credentials"
)

// RFC 6749 section 5.2 error codes.
const (
	CodeInvalidRequest       = "invalid_request"
	CodeInvalidGrant         = "invalid_grant"
	CodeUnsupportedGrantType = "unsupported_grant_type"
	CodeInvalidScope         = "invalid_scope"
)

// TokenRequest holds the parameters of a token request.
type TokenRequest struct {
	GrantType    string
	Username     string
	Password     string
	RefreshToken string
	ClientID     string
	ClientSecret string
	Scope        string
	// ClientAddr is the caller's network address, the key of login
	// throttling (the transport decides whether a proxy header is trusted).
	ClientAddr string
}

// Token is a successful token response.
type Token struct {
	AccessToken  string
	TokenType    string // "Bearer"
	ExpiresIn    int    // seconds
	RefreshToken string
}

// GrantError is a token-endpoint error: a 400 whose problem body carries
// the RFC 6749 code in "error".
func GrantError(code, detail string, fields ...apperr.FieldError) error {
	return &apperr.Error{Kind: apperr.ErrInvalid, Code: code, Detail: detail, Fields: fields}
}

// errBadCredentials is the one answer for an unknown user, a wrong password
// and a deactivated account, so that none can be told from the others.
var errBadCredentials = GrantError(CodeInvalidGrant, "the username or password is wrong, or the account is deactivated")

// Token runs the grant. Password and client attempts are throttled (429)
// before any secret is checked.
func (s *Identity) Token(ctx context.Context, req TokenRequest) (Token, error) {
	switch req.GrantType {
	case GrantPassword:
		return s.passwordGrant(ctx, req)
	case GrantRefreshToken:
		return s.refreshGrant(ctx, req)
	case GrantClientCredentials:
		return s.clientGrant(ctx, req)
	case "":
		return Token{}, GrantError(CodeInvalidRequest, "grant_type is required",
			apperr.FieldError{Field: "grant_type", Message: "is required"})
	default:
		return Token{}, GrantError(CodeUnsupportedGrantType, fmt.Sprintf("grant_type %q is not supported; use password, refresh_token or client_credentials", req.GrantType))
	}
}

func (s *Identity) passwordGrant(ctx context.Context, req TokenRequest) (Token, error) {
	var v apperr.Validator
	v.Check(req.Username != "", "username", "is required")
	v.Check(req.Password != "", "password", "is required")
	if err := v.Err(); err != nil {
		e, _ := apperr.As(err)
		return Token{}, GrantError(CodeInvalidRequest, "username and password are required", e.Fields...)
	}
	username := strings.ToLower(strings.TrimSpace(req.Username))
	wait, err := s.admitLogin(ctx, username, req.ClientAddr)
	if err != nil {
		return Token{}, err
	}
	if wait > 0 {
		if err := s.cfg.Sleep(ctx, wait); err != nil {
			return Token{}, err
		}
	}
	user, hash, err := s.st.Credentials(ctx, username)
	ok := false
	switch {
	case errors.Is(err, domain.ErrNotFound):
		s.cfg.Hasher.VerifyNothing(req.Password)
	case err != nil:
		return Token{}, err
	default:
		if ok, err = s.cfg.Hasher.Verify(req.Password, hash); err != nil {
			return Token{}, fmt.Errorf("verify password of user %s: %w", user.ID, err)
		}
	}
	if !ok {
		// An unknown username counts like a wrong password, so that
		// throttling does not tell them apart either.
		if err := s.loginFailed(ctx, username, req.ClientAddr); err != nil {
			return Token{}, err
		}
		return Token{}, errBadCredentials
	}
	if !user.Active {
		return Token{}, errBadCredentials
	}
	familyID := uuid.NewString()
	var tok Token
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		if err := s.loginSucceeded(ctx, w, username, req.ClientAddr); err != nil {
			return err
		}
		tok, err = s.issue(ctx, w, user, familyID)
		return err
	})
	return tok, err
}

// refreshOutcome is decided inside the transaction and reported after it
// commits: a refused refresh still commits its revocations.
type refreshOutcome int

const (
	refreshIssued refreshOutcome = iota
	refreshUnknown
	refreshReused
	refreshExpired
	refreshInactiveUser
)

func (s *Identity) refreshGrant(ctx context.Context, req TokenRequest) (Token, error) {
	if req.RefreshToken == "" {
		return Token{}, GrantError(CodeInvalidRequest, "refresh_token is required",
			apperr.FieldError{Field: "refresh_token", Message: "is required"})
	}
	var (
		tok     Token
		outcome refreshOutcome
	)
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		user, familyID, o, err := s.spendRefresh(ctx, w, req.RefreshToken)
		if outcome = o; err != nil || o != refreshIssued {
			return err
		}
		tok, err = s.issue(ctx, w, user, familyID)
		return err
	})
	if err != nil {
		return Token{}, err
	}
	if err := s.refreshError(ctx, outcome); err != nil {
		return Token{}, err
	}
	return tok, nil
}

// spendRefresh uses refreshToken in w's transaction. A live token gives
// the user it was issued to and its login's family (refreshIssued); else
// the outcome says why not, the family of a replayed token or of a
// deactivated user's revoked.
func (s *Identity) spendRefresh(ctx context.Context, w Writes, refreshToken string) (domain.User, string, refreshOutcome, error) {
	now := s.now()
	rt, used, err := w.UseRefreshToken(ctx, hashRefreshToken(refreshToken), now)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.User{}, "", refreshUnknown, nil
	case err != nil:
		return domain.User{}, "", refreshUnknown, err
	case !used && !rt.UsedAt.IsZero() && rt.RevokedAt.IsZero():
		// A used token again: it leaked, or a client replays it. Either
		// way the whole login is no longer trusted.
		_, err := w.RevokeRefreshFamily(ctx, rt.FamilyID, now)
		return domain.User{}, "", refreshReused, err
	case !used:
		return domain.User{}, "", refreshExpired, nil // expired, or its family already revoked
	}
	user, err := w.User(ctx, rt.UserID)
	if err != nil {
		return domain.User{}, "", refreshUnknown, err
	}
	if !user.Active {
		_, err := w.RevokeRefreshFamily(ctx, rt.FamilyID, now)
		return domain.User{}, "", refreshInactiveUser, err
	}
	return user, rt.FamilyID, refreshIssued, nil
}

// refreshError is the grant error a refresh's outcome answers with, nil
// when a token was issued.
func (s *Identity) refreshError(ctx context.Context, outcome refreshOutcome) error {
	switch outcome {
	case refreshIssued:
		return nil
	case refreshReused:
		s.cfg.Logger.WarnContext(ctx, "refresh token reused; its family is revoked")
		return GrantError(CodeInvalidGrant, "the refresh token was already used; sign in again")
	case refreshInactiveUser:
		return GrantError(CodeInvalidGrant, "the account is deactivated")
	default:
		return GrantError(CodeInvalidGrant, "the refresh token is invalid, expired or revoked")
	}
}

// issue signs an access token for user and stores a new refresh token of
// the family in w.
func (s *Identity) issue(ctx context.Context, w Writes, user domain.User, familyID string) (Token, error) {
	now := s.now()
	access, err := s.signAccess(ctx, w, user)
	if err != nil {
		return Token{}, err
	}
	refresh, err := newRefreshToken()
	if err != nil {
		return Token{}, err
	}
	if err := w.InsertRefreshToken(ctx, domain.RefreshToken{
		Hash:      hashRefreshToken(refresh),
		FamilyID:  familyID,
		UserID:    user.ID,
		CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.RefreshTTL),
	}); err != nil {
		return Token{}, err
	}
	return Token{
		AccessToken:  access,
		TokenType:    "Bearer",
		ExpiresIn:    int(s.cfg.AccessTTL.Seconds()),
		RefreshToken: refresh,
	}, nil
}

// keyReader reads the active signing key, in a transaction or not.
type keyReader interface {
	ActiveSigningKey(ctx context.Context, now time.Time) (domain.SigningKey, error)
}

// signAccess signs an access token for user with the active key.
func (s *Identity) signAccess(ctx context.Context, w keyReader, user domain.User) (string, error) {
	now := s.now()
	key, err := w.ActiveSigningKey(ctx, now)
	if err != nil {
		return "", fmt.Errorf("sign access token: %w", err)
	}
	claims := auth.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.cfg.Issuer,
			Subject:   user.ID,
			Audience:  jwt.ClaimStrings{auth.Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTTL)),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        uuid.NewString(),
		},
		Unit:              user.UnitID,
		Agency:            user.AgencyID,
		Roles:             user.Roles,
		Name:              user.FullName,
		PreferredUsername: user.Username,
	}
	access, err := auth.Sign(claims, key.Kid, key.Private)
	if err != nil {
		return "", fmt.Errorf("sign access token: %w", err)
	}
	return access, nil
}

// newRefreshToken returns 256 random bits, URL-safe.
func newRefreshToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("refresh token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashRefreshToken is what the store keeps: a token with 256 bits of
// entropy needs no salt or slow hash.
func hashRefreshToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
