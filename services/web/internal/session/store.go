package session

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// ErrNoSession is identity's answer for a handle of no live session:
// unknown, signed out (on any replica), idle too long or its sign-in
// revoked.
var ErrNoSession = errors.New("no live session")

// Config is where the store finds identity and how it signs in there.
type Config struct {
	URLs client.Endpoints
	HTTP *http.Client
	// Tokens are the console's own client's (svc-web, scope
	// console:sessions): a handle alone opens nothing at identity.
	Tokens client.TokenSource
	// Forget drops a token identity refused (servicetoken.Source.Forget);
	// nil: nothing to drop.
	Forget func()
	Idle   time.Duration // a session ends after this long without a page
	// Cache keeps identity's answer for a handle this long (0: ask on every
	// page). A sign-out on another replica takes effect here within it.
	Cache time.Duration
	Now   func() time.Time
}

// Store is the console's client of identity's console-session routes,
// with an optional cache of a few seconds per handle.
type Store struct {
	cfg Config
	api *identityapi.Client

	mu     sync.Mutex
	recent map[string]cached
}

type cached struct {
	s  identityapi.ConsoleSession
	at time.Time
}

// maxCached bounds the cache; past it, stale entries are swept.
const maxCached = 1024

// NewStore is the store on cfg.
func NewStore(cfg Config) *Store {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	c := &client.Client{URLs: cfg.URLs, HTTP: cfg.HTTP, Tokens: cfg.Tokens}
	return &Store{cfg: cfg, api: identityapi.New(c), recent: map[string]cached{}}
}

// New starts a session from a fresh login's token: identity spends its
// refresh token and answers the handle for the cookie.
func (st *Store) New(ctx context.Context, tok identityapi.Token) (*Session, error) {
	var cs identityapi.ConsoleSession
	err := st.call(ctx, func() (err error) {
		cs, err = st.api.CreateConsoleSession(ctx, identityapi.NewConsoleSession{RefreshToken: tok.RefreshToken,
			IdleSeconds: int(st.cfg.Idle / time.Second)})
		return err
	})
	if err != nil {
		return nil, err
	}
	st.remember(cs.Handle, cs)
	return st.session(cs.Handle, cs), nil
}

// Get is the live session of handle (ErrNoSession when identity has none;
// another error when identity could not be asked).
func (st *Store) Get(ctx context.Context, handle string) (*Session, error) {
	if handle == "" {
		return nil, ErrNoSession
	}
	now := st.cfg.Now()
	if st.cfg.Cache > 0 {
		st.mu.Lock()
		c, ok := st.recent[handle]
		st.mu.Unlock()
		if ok && now.Sub(c.at) < st.cfg.Cache {
			return st.session(handle, c.s), nil
		}
	}
	var cs identityapi.ConsoleSession
	err := st.call(ctx, func() (err error) {
		cs, err = st.api.ResolveConsoleSession(ctx, handle)
		return err
	})
	var p *client.Problem
	if errors.As(err, &p) && p.Status == http.StatusUnauthorized && p.OAuthError == identityapi.CodeInvalidSession {
		st.Forget(handle)
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, err
	}
	st.remember(handle, cs)
	return st.session(handle, cs), nil
}

// Delete signs a session out at identity (everywhere: every session and
// sign-in of its user).
func (st *Store) Delete(ctx context.Context, handle string, everywhere bool) error {
	st.Forget(handle)
	return st.call(ctx, func() error {
		_, err := st.api.EndConsoleSession(ctx, handle, everywhere)
		return err
	})
}

// Forget drops what this replica remembers of handle.
func (st *Store) Forget(handle string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.recent, handle)
}

// call runs fn, once more with a new token of the console's own when
// identity refused the one it had (a restarted identity, a new secret).
func (st *Store) call(ctx context.Context, fn func() error) error {
	err := fn()
	var p *client.Problem
	if errors.As(err, &p) && p.Status == http.StatusUnauthorized && p.OAuthError != identityapi.CodeInvalidSession && st.cfg.Forget != nil {
		st.cfg.Forget()
		err = fn()
	}
	return err
}

func (st *Store) remember(handle string, cs identityapi.ConsoleSession) {
	if st.cfg.Cache <= 0 {
		return
	}
	now := st.cfg.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.recent) >= maxCached {
		for h, c := range st.recent {
			if now.Sub(c.at) >= st.cfg.Cache {
				delete(st.recent, h)
			}
		}
	}
	st.recent[handle] = cached{s: cs, at: now}
}

func (st *Store) session(handle string, cs identityapi.ConsoleSession) *Session {
	u := cs.User
	return &Session{ID: handle, CSRF: cs.CSRF, access: cs.AccessToken, now: st.cfg.Now,
		expires: st.cfg.Now().Add(time.Duration(cs.ExpiresIn)*time.Second - 30*time.Second),
		User: User{ID: u.ID, Username: u.Username, FullName: u.FullName, UnitID: string(u.UnitID), Roles: u.Roles,
			Title: u.Title, Position: string(u.Position)}}
}
