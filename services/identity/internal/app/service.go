// Package app holds identity's use cases, one file each, behind the Service
// interface that the endpoints call. The caller comes from the context
// (auth.FromContext); every state change commits with its events, in one
// transaction the Repository owns (InTx, or an Update method for one row).
package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Service is what identity offers its callers.
type Service interface {
	// Token runs an OAuth 2 token grant (password or refresh_token).
	Token(ctx context.Context, req TokenRequest) (Token, error)
	// RevokeToken revokes a refresh token's family (RFC 7009).
	RevokeToken(ctx context.Context, token string) error
	// JWKS returns the public keys that verify access tokens.
	JWKS(ctx context.Context) (auth.JWKSet, error)

	CreateUnit(ctx context.Context, in domain.UnitInput) (domain.Unit, error)
	Units(ctx context.Context, p Page) (List[domain.Unit], error)
	Unit(ctx context.Context, id string) (domain.Unit, error)

	CreateUser(ctx context.Context, in domain.UserInput) (domain.User, error)
	Users(ctx context.Context, f UserFilter, p Page) (List[domain.User], error)
	Me(ctx context.Context) (domain.User, error)

	UpdateUnit(ctx context.Context, id string, patch domain.UnitPatch) (domain.Unit, error)
	DeactivateUnit(ctx context.Context, id string) (domain.Unit, error)
	UnitWithAncestors(ctx context.Context, id string) (domain.Unit, []domain.Unit, error)
	UpdateUser(ctx context.Context, id string, patch domain.UserPatch) (domain.User, error)
	DeactivateUser(ctx context.Context, id string) (domain.User, error)
	User(ctx context.Context, id string) (domain.User, error)
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
	CreateClient(ctx context.Context, in domain.ClientInput) (NewClient, error)
	UpdateClient(ctx context.Context, id string, patch domain.ClientPatch) (domain.Client, error)
	DeactivateClient(ctx context.Context, id string) (domain.Client, error)
	// CreateConsoleSession, ResolveConsoleSession and EndConsoleSession
	// keep the web console's sessions (its own client only).
	CreateConsoleSession(ctx context.Context, refreshToken string, idle time.Duration) (ConsoleSession, error)
	ResolveConsoleSession(ctx context.Context, handle string) (ConsoleSession, error)
	EndConsoleSession(ctx context.Context, handle string, everywhere bool) (int, error)
	// RotateKeys replaces the signing key now (an administrator's request).
	RotateKeys(ctx context.Context) (Rotation, error)
}

// Lifetimes from API.md.
const (
	DefaultAccessTTL  = auth.AccessTokenTTL
	DefaultRefreshTTL = 14 * 24 * time.Hour
)

// Config configures the identity service.
type Config struct {
	Issuer     string // iss of access tokens: EOFFICE_IDENTITY_URL
	Source     string // ce_source of events: /eoffice/identity
	AccessTTL  time.Duration
	RefreshTTL time.Duration
	Hasher     *domain.Hasher // nil: argon2id with DefaultArgon2
	Throttle   Throttle       // zero fields: DefaultThrottle
	// KeyRotation is the age at which the signing key is replaced (0:
	// DefaultKeyRotation).
	KeyRotation time.Duration
	Logger      *slog.Logger
	Now         func() time.Time
	// Sleep waits out a throttled account's slow-down (nil: a timer that
	// ends with ctx); tests record the wait instead.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Identity implements Service, plus the start-up steps EnsureSigningKey and
// Bootstrap.
type Identity struct {
	cfg Config
	st  Repository
}

var _ Service = (*Identity)(nil)

// New returns the service on st (internal/store: identity's store,
// writing events to its outbox).
func New(st Repository, cfg Config) *Identity {
	if cfg.AccessTTL <= 0 {
		cfg.AccessTTL = DefaultAccessTTL
	}
	if cfg.RefreshTTL <= 0 {
		cfg.RefreshTTL = DefaultRefreshTTL
	}
	if cfg.Hasher == nil {
		cfg.Hasher = domain.NewHasher(domain.DefaultArgon2)
	}
	cfg.Throttle = cfg.Throttle.withDefaults()
	if cfg.KeyRotation <= 0 {
		cfg.KeyRotation = DefaultKeyRotation
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Source == "" {
		cfg.Source = "/eoffice/identity"
	}
	return &Identity{cfg: cfg, st: st}
}

// now is kept to the microsecond, as both databases store times, so that a
// time compares equal after a round trip through the store.
func (s *Identity) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// newID returns a time-ordered id, so ids sort roughly by creation.
func newID() (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// caller is the verified principal; endpoints without one are a bug in the
// wiring, answered 401 rather than trusted.
func caller(ctx context.Context) (auth.Principal, error) {
	p, ok := auth.FromContext(ctx)
	if !ok || p.Subject == "" {
		return auth.Principal{}, apperr.Unauthorized("no authenticated caller")
	}
	return p, nil
}
