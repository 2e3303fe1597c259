package app

import (
	"context"
	"errors"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Repository is identity's storage as the use cases need it (internal/store
// is it): reads of the committed state, and a method that opens, owns and
// commits the transaction of every change. A use case only sees the Writes
// bound to that transaction, so it cannot hold a transaction past its work
// or write outside one.
type Repository interface {
	// InTx runs fn in one transaction: everything fn writes through w, its
	// events included, commits together when fn returns nil, and nothing
	// of it when fn fails, so an event is published exactly when its
	// change is stored, even across a crash.
	InTx(ctx context.Context, fn func(ctx context.Context, w Writes) error) error

	// UpdateUnit, UpdateUser and UpdateClient change one row the way
	// wild-workouts' repositories do: they read it in a transaction and
	// hand it to update, which changes it in place and may read, write and
	// emit more through w; the row is written when update returns nil,
	// and everything commits together. Any error of update rolls
	// everything back; ErrNoChange does so quietly (the row needs no
	// write: the method returns nil). An unknown id is
	// domain.ErrNotFound; a write that breaks a uniqueness rule,
	// domain.ErrDuplicate.
	UpdateUnit(ctx context.Context, id string, update func(ctx context.Context, w Writes, u *domain.Unit) error) error
	UpdateUser(ctx context.Context, id string, update func(ctx context.Context, w Writes, u *domain.User) error) error
	UpdateClient(ctx context.Context, id string, update func(ctx context.Context, w Writes, c *domain.Client) error) error

	Unit(ctx context.Context, id string) (domain.Unit, error)
	Units(ctx context.Context, p Page) (List[domain.Unit], error)
	Ancestors(ctx context.Context, u domain.Unit) ([]domain.Unit, error)
	User(ctx context.Context, id string) (domain.User, error)
	Users(ctx context.Context, f UserFilter, p Page) (List[domain.User], error)
	UsernameTaken(ctx context.Context, username string) (bool, error)
	Credentials(ctx context.Context, username string) (domain.User, string, error)
	PasswordHash(ctx context.Context, id string) (string, error)
	Client(ctx context.Context, id string) (domain.Client, error)
	ActiveSigningKey(ctx context.Context, now time.Time) (domain.SigningKey, error)
	PublishedKeys(ctx context.Context, now time.Time) ([]domain.SigningKey, error)
	ConsoleSession(ctx context.Context, handleHash string) (domain.ConsoleSession, error)
	RefreshToken(ctx context.Context, hash string) (domain.RefreshToken, error)
}

// ErrNoChange is what an update function of the Repository returns when
// the row needs no write: nothing is written, and no error reported.
var ErrNoChange = errors.New("nothing to change")

// Writes is the Repository's ports bound to one transaction, as a use case
// sees them: its reads see its own writes, and Emit puts events in the
// outbox of the same transaction.
type Writes interface {
	// Emit adds events to the outbox; they are published only if the
	// transaction commits.
	Emit(ctx context.Context, evs ...envelope.Event) error

	Unit(ctx context.Context, id string) (domain.Unit, error)
	ShortNameTaken(ctx context.Context, parentID, shortName string) (bool, error)
	ShortNameTakenBy(ctx context.Context, parentID, shortName string) (string, error)
	CodeTaken(ctx context.Context, code string) (bool, error)
	CodeTakenBy(ctx context.Context, code string) (string, error)
	ActiveDependents(ctx context.Context, id string) (children, users int, err error)
	InsertUnit(ctx context.Context, u domain.Unit) error

	User(ctx context.Context, id string) (domain.User, error)
	UsernameTaken(ctx context.Context, username string) (bool, error)
	InsertUser(ctx context.Context, u domain.User, passwordHash string) error
	SetPasswordHash(ctx context.Context, id, hash string) error

	Client(ctx context.Context, id string) (domain.Client, error)
	InsertClient(ctx context.Context, c domain.Client) error
	UnannouncedClients(ctx context.Context) ([]domain.Client, error)
	MarkClientAnnounced(ctx context.Context, id string) error

	ActiveSigningKey(ctx context.Context, now time.Time) (domain.SigningKey, error)
	InsertSigningKey(ctx context.Context, k domain.SigningKey) error
	RetireSigningKeys(ctx context.Context, cutoff, retireAt, notAfter time.Time) (int64, error)

	RefreshToken(ctx context.Context, hash string) (domain.RefreshToken, error)
	InsertRefreshToken(ctx context.Context, rt domain.RefreshToken) error
	UseRefreshToken(ctx context.Context, hash string, now time.Time) (domain.RefreshToken, bool, error)
	RevokeRefreshFamily(ctx context.Context, familyID string, now time.Time) (int64, error)
	RevokeUserRefreshTokens(ctx context.Context, userID string, now time.Time) (int64, error)

	InsertConsoleSession(ctx context.Context, s domain.ConsoleSession) error
	TouchConsoleSession(ctx context.Context, handleHash string, now time.Time) (domain.ConsoleSession, error)
	SaveConsoleSession(ctx context.Context, s domain.ConsoleSession) error
	DeleteConsoleSession(ctx context.Context, handleHash string) (domain.ConsoleSession, error)
	DeleteUserConsoleSessions(ctx context.Context, userID string) ([]domain.ConsoleSession, error)
	PruneConsoleSessions(ctx context.Context, now time.Time) (int64, error)

	Counter(ctx context.Context, key string) (domain.Counter, error)
	Hit(ctx context.Context, key string, now time.Time, window time.Duration) (domain.Counter, error)
	Lock(ctx context.Context, key string, until time.Time) error
	ResetHits(ctx context.Context, key string) error
	Unhit(ctx context.Context, key string) error
	PruneCounters(ctx context.Context, cutoff, now time.Time) (int64, error)
}
