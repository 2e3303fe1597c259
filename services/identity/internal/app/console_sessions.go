package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// ConsoleSession is what the console learns of a session: enough to serve
// one page (an access token, the user, the CSRF token). Handle is set only
// when the session is created: identity keeps only its hash.
type ConsoleSession struct {
	Handle      string
	CSRF        string
	AccessToken string
	ExpiresIn   int // seconds
	User        domain.User
	IdleUntil   time.Time
}

// Bounds of a session's idle time, which the console chooses
// (EOFFICE_WEB_SESSION_IDLE).
const (
	MinConsoleIdle = time.Minute
	MaxConsoleIdle = 7 * 24 * time.Hour
)

// CodeInvalidSession is the "error" of the 401 that answers a handle of no
// live session: unknown, signed out, idle too long or its login revoked.
const CodeInvalidSession = "invalid_session"

var errInvalidSession = &apperr.Error{Kind: apperr.ErrUnauthorized, Code: CodeInvalidSession,
	Detail: "the console session is unknown, ended or expired; sign in again"}

// consoleOnly lets the web console's own client through: a person, or any
// other client, is refused even with a stolen handle.
func consoleOnly(ctx context.Context) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	if !p.IsClient() || p.ClientID != servicetoken.WebClientID || !p.HasScope(auth.ScopeConsoleSessions) {
		return apperr.Forbidden("only the web console keeps console sessions")
	}
	return nil
}

// CreateConsoleSession turns a login the console just made (its refresh
// token, from the password grant) into a session: the refresh token is
// rotated here, so the one the console saw is spent, and only identity
// holds the login from now on.
func (s *Identity) CreateConsoleSession(ctx context.Context, refreshToken string, idle time.Duration) (ConsoleSession, error) {
	if err := consoleOnly(ctx); err != nil {
		return ConsoleSession{}, err
	}
	var v apperr.Validator
	v.Check(refreshToken != "", "refresh_token", "is required")
	v.Check(idle >= MinConsoleIdle && idle <= MaxConsoleIdle, "idle_seconds",
		fmt.Sprintf("must be between %d and %d", int(MinConsoleIdle.Seconds()), int(MaxConsoleIdle.Seconds())))
	if err := v.Err(); err != nil {
		return ConsoleSession{}, err
	}
	handle, err := newRefreshToken()
	if err != nil {
		return ConsoleSession{}, err
	}
	csrf, err := newRefreshToken()
	if err != nil {
		return ConsoleSession{}, err
	}
	var (
		out     ConsoleSession
		outcome refreshOutcome
	)
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		now := s.now()
		user, familyID, o, err := s.spendRefresh(ctx, w, refreshToken)
		if outcome = o; err != nil || o != refreshIssued {
			return err
		}
		tok, err := s.issue(ctx, w, user, familyID)
		if err != nil {
			return err
		}
		// Logins are rare beside page views: sweep idle sessions here.
		if _, err := w.PruneConsoleSessions(ctx, now); err != nil {
			return err
		}
		cs := domain.ConsoleSession{HandleHash: hashRefreshToken(handle), UserID: user.ID, FamilyID: familyID,
			RefreshHash: hashRefreshToken(tok.RefreshToken), CSRF: csrf, Idle: idle.Truncate(time.Second),
			CreatedAt: now, LastSeen: now, IdleUntil: now.Add(idle.Truncate(time.Second))}
		if err := w.InsertConsoleSession(ctx, cs); err != nil {
			return err
		}
		out = ConsoleSession{Handle: handle, CSRF: csrf, AccessToken: tok.AccessToken, ExpiresIn: tok.ExpiresIn,
			User: user, IdleUntil: cs.IdleUntil}
		return nil
	})
	if err != nil {
		return ConsoleSession{}, err
	}
	if err := s.refreshError(ctx, outcome); err != nil {
		return ConsoleSession{}, err
	}
	return out, nil
}

// ResolveConsoleSession serves one page of a session: it slides the idle
// end, rotates the login's refresh token once an access token's life has
// passed since the last rotation (as the console did itself before), and
// signs a fresh access token. A session that idled out, whose login was
// revoked or whose user was deactivated is removed and answered 401.
func (s *Identity) ResolveConsoleSession(ctx context.Context, handle string) (ConsoleSession, error) {
	if err := consoleOnly(ctx); err != nil {
		return ConsoleSession{}, err
	}
	if handle == "" {
		return ConsoleSession{}, errInvalidSession
	}
	if out, ok, err := s.resolveReadOnly(ctx, handle); err != nil || ok {
		return out, err
	}
	var (
		out   ConsoleSession
		ended bool
	)
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		now := s.now()
		cs, err := w.TouchConsoleSession(ctx, hashRefreshToken(handle), now)
		if errors.Is(err, domain.ErrNotFound) {
			// Unknown, or idle too long: that one goes now, with its sign-in.
			ended = true
			idle, err := w.DeleteConsoleSession(ctx, hashRefreshToken(handle))
			if errors.Is(err, domain.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			_, err = w.RevokeRefreshFamily(ctx, idle.FamilyID, now)
			return err
		}
		if err != nil {
			return err
		}
		end := func() error {
			ended = true
			if _, err := w.DeleteConsoleSession(ctx, cs.HandleHash); err != nil {
				return err
			}
			_, err := w.RevokeRefreshFamily(ctx, cs.FamilyID, now)
			return err
		}
		rt, err := w.RefreshToken(ctx, cs.RefreshHash)
		if errors.Is(err, domain.ErrNotFound) {
			return end()
		}
		if err != nil {
			return err
		}
		if !rt.RevokedAt.IsZero() || !rt.UsedAt.IsZero() || !now.Before(rt.ExpiresAt) {
			return end()
		}
		user, err := w.User(ctx, cs.UserID)
		if err != nil {
			return err
		}
		if !user.Active {
			return end()
		}
		if now.Sub(rt.CreatedAt) >= s.cfg.AccessTTL {
			// The session row is locked (TouchConsoleSession), so no other
			// replica uses this token meanwhile.
			if _, used, err := w.UseRefreshToken(ctx, rt.Hash, now); err != nil || !used {
				if err != nil {
					return err
				}
				return end()
			}
			tok, err := s.issue(ctx, w, user, cs.FamilyID)
			if err != nil {
				return err
			}
			cs.RefreshHash = hashRefreshToken(tok.RefreshToken)
			out.AccessToken = tok.AccessToken
		} else if out.AccessToken, err = s.signAccess(ctx, w, user); err != nil {
			return err
		}
		cs.IdleUntil = now.Add(cs.Idle)
		if err := w.SaveConsoleSession(ctx, cs); err != nil {
			return err
		}
		out.CSRF, out.User, out.IdleUntil = cs.CSRF, user, cs.IdleUntil
		out.ExpiresIn = int(s.cfg.AccessTTL.Seconds())
		return nil
	})
	if err != nil {
		return ConsoleSession{}, err
	}
	if ended {
		return ConsoleSession{}, errInvalidSession
	}
	return out, nil
}

// touchEvery is how often a session's idle end is moved: pages closer
// together are served by reads alone (no write, no commit to wait for), so
// a session may end up to this much before its idle time is out.
const touchEvery = time.Minute

// resolveReadOnly serves a page of a session seen within touchEvery whose
// refresh token is not due for rotation, without a transaction; ok false
// leaves it to the locked path (which also answers every refusal).
func (s *Identity) resolveReadOnly(ctx context.Context, handle string) (ConsoleSession, bool, error) {
	now := s.now()
	cs, err := s.st.ConsoleSession(ctx, hashRefreshToken(handle))
	if errors.Is(err, domain.ErrNotFound) {
		return ConsoleSession{}, false, nil
	}
	if err != nil {
		return ConsoleSession{}, false, err
	}
	if !now.Before(cs.IdleUntil) || now.Sub(cs.LastSeen) >= touchEvery {
		return ConsoleSession{}, false, nil
	}
	rt, err := s.st.RefreshToken(ctx, cs.RefreshHash)
	if err != nil || !rt.RevokedAt.IsZero() || !rt.UsedAt.IsZero() || !now.Before(rt.ExpiresAt) || now.Sub(rt.CreatedAt) >= s.cfg.AccessTTL {
		return ConsoleSession{}, false, nil
	}
	user, err := s.st.User(ctx, cs.UserID)
	if err != nil || !user.Active {
		return ConsoleSession{}, false, nil
	}
	access, err := s.signAccess(ctx, s.st, user)
	if err != nil {
		return ConsoleSession{}, false, err
	}
	return ConsoleSession{CSRF: cs.CSRF, AccessToken: access, ExpiresIn: int(s.cfg.AccessTTL.Seconds()), User: user,
		IdleUntil: cs.IdleUntil}, true, nil
}

// EndConsoleSession signs a session out: the row goes and its login's
// refresh tokens are revoked. everywhere ends every session of its user
// and every login of theirs (the command-line client's too). An unknown
// handle is no error, so that the answer tells nothing about handles.
func (s *Identity) EndConsoleSession(ctx context.Context, handle string, everywhere bool) (int, error) {
	if err := consoleOnly(ctx); err != nil {
		return 0, err
	}
	if handle == "" {
		return 0, apperr.Invalid("handle is required", apperr.FieldError{Field: "handle", Message: "is required"})
	}
	n := 0
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		now := s.now()
		cs, err := w.DeleteConsoleSession(ctx, hashRefreshToken(handle))
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		n = 1
		if !everywhere {
			_, err = w.RevokeRefreshFamily(ctx, cs.FamilyID, now)
			return err
		}
		others, err := w.DeleteUserConsoleSessions(ctx, cs.UserID)
		if err != nil {
			return err
		}
		n += len(others)
		_, err = w.RevokeUserRefreshTokens(ctx, cs.UserID, now)
		return err
	})
	return n, err
}
