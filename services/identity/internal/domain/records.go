package domain

import (
	"crypto/ed25519"
	"errors"
	"time"
)

// Errors of the repository: the use cases turn them into business errors.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("duplicate")
)

// Client is an integration client of the client_credentials grant.
type Client struct {
	ID         string
	Name       string
	SecretHash string // SHA-256 hex of the secret, never the secret
	Scopes     []string
	AgencyID   string // the agency it is limited to; empty: none
	Active     bool
	CreatedBy  string // the administrator's user id
	CreatedAt  time.Time
}

// SigningKey is an Ed25519 key that signs access tokens.
type SigningKey struct {
	Kid       string
	Private   ed25519.PrivateKey
	CreatedAt time.Time
	RetiredAt time.Time // zero while the key may sign; else it signs until then
	NotAfter  time.Time // zero while the key is published without end
	// ActivatesAt is when the key starts signing; zero: at once.
	ActivatesAt time.Time
}

// Public is the key's public half.
func (k SigningKey) Public() ed25519.PublicKey { return k.Private.Public().(ed25519.PublicKey) }

// RefreshToken is the stored form of a refresh token: its SHA-256 hash,
// never the token.
type RefreshToken struct {
	Hash      string
	FamilyID  string // every token rotated from one login
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until presented
	RevokedAt time.Time // zero unless its family was revoked
}

// Counter is one login_throttle row.
type Counter struct {
	Key         string
	Hits        int
	Lockouts    int
	WindowStart time.Time
	LockedUntil time.Time // zero when not locked
}

// ConsoleSession is one browser signed in to the web console, kept here so
// that every console replica shares it and a restart keeps it.
type ConsoleSession struct {
	HandleHash  string // SHA-256 hex of the browser's handle, never the handle
	UserID      string
	FamilyID    string // the refresh-token family of its login
	RefreshHash string // the family's current refresh token, by hash
	CSRF        string // the token every form of the session carries back
	Idle        time.Duration
	CreatedAt   time.Time
	LastSeen    time.Time
	IdleUntil   time.Time // LastSeen + Idle
}
