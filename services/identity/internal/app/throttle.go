package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/netip"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// Throttle sets how password guessing is slowed down. Counters live in the
// database, so every replica sees the same ones. Addresses are counted as
// the client's IPv4 address or IPv6 /64 (one subscriber's network).
type Throttle struct {
	// MaxFailures wrong passwords for one username from one address lock
	// that pair; further attempts (right ones too) get 429.
	MaxFailures int
	// Cooloff is the first lock's length; each further lock of the pair
	// doubles it, up to MaxCooloff.
	Cooloff, MaxCooloff time.Duration
	// AddrLimit failed attempts per AddrWindow from one address, whatever
	// the usernames: a guesser moving across accounts is slowed too.
	// Attempts count up front (so a burst cannot slip past) and a success
	// is given back: a busy office's logins never use the budget.
	AddrLimit  int
	AddrWindow time.Duration
	// UserLimit wrong passwords per UserWindow for one username from all
	// addresses. Over it, addresses that have themselves failed for that
	// username are refused, and every other attempt for it waits SlowDown
	// first: guessing from many addresses is slowed, while nobody can lock
	// an official out from elsewhere.
	UserLimit  int
	UserWindow time.Duration
	// SlowDown is that wait: a few seconds at most, since the official's
	// own attempts wait too.
	SlowDown time.Duration
}

// DefaultThrottle follows the issue: 5 wrong passwords lock, from one
// minute doubling up to an hour.
var DefaultThrottle = Throttle{
	MaxFailures: 5,
	Cooloff:     time.Minute, MaxCooloff: time.Hour,
	AddrLimit: 60, AddrWindow: time.Minute,
	UserLimit: 50, UserWindow: 15 * time.Minute,
	SlowDown: 2 * time.Second,
}

// maxSlowDown bounds SlowDown: the right password from an address that
// never failed must get in, within a few seconds.
const maxSlowDown = 5 * time.Second

// lockWindow is how long wrong passwords of a pair are remembered.
const lockWindow = 24 * time.Hour

func (t Throttle) withDefaults() Throttle {
	d := DefaultThrottle
	if t.MaxFailures > 0 {
		d.MaxFailures = t.MaxFailures
	}
	if t.Cooloff > 0 {
		d.Cooloff = t.Cooloff
	}
	if t.MaxCooloff > 0 {
		d.MaxCooloff = t.MaxCooloff
	}
	if t.AddrLimit > 0 {
		d.AddrLimit, d.AddrWindow = t.AddrLimit, t.AddrWindow
	}
	if t.UserLimit > 0 {
		d.UserLimit, d.UserWindow = t.UserLimit, t.UserWindow
	}
	if t.SlowDown > 0 {
		d.SlowDown = min(t.SlowDown, maxSlowDown)
	}
	return d
}

// cooloff is the length of the n-th lock (n from 0).
func (t Throttle) cooloff(n int) time.Duration {
	d := float64(t.Cooloff) * math.Pow(2, float64(min(n, 30)))
	return time.Duration(min(d, float64(t.MaxCooloff)))
}

// throttled is the 429 with the seconds to wait. Its text is the same
// whether or not the username exists.
func throttled(wait time.Duration) error {
	return throttledWith(wait, "too many sign-in attempts; try again later")
}

func throttledWith(wait time.Duration, detail string) error {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return &apperr.Error{Kind: apperr.ErrThrottled, Code: "slow_down", RetryAfter: secs, Detail: detail}
}

// Counter keys. Usernames are hashed: the table needs no personal data and
// an oversized username makes no oversized key.
func lockKey(username, addr string) string { return "lock:" + digest(username) + ":" + addrGroup(addr) }
func addrKey(addr string) string           { return "addr:" + addrGroup(addr) }
func userKey(username string) string       { return "user:" + digest(username) }
func passwordKey(userID string) string     { return "pw:" + userID }

// addrGroup is what one address counts as: an IPv4 address itself, an
// IPv6 address its /64, since a subscriber gets a whole /64 and would
// otherwise have 2^64 fresh addresses to guess from.
func addrGroup(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		if len(addr) > 64 {
			return digest(addr)
		}
		return addr
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// admitLogin counts the attempt against the address and the (username,
// address) pair and refuses it while the address, the pair or, for
// addresses that failed for it, the username is over its limit. Past the
// username's limit an address that never failed for it is let in after
// wait (the caller sleeps), never refused: the official on their own
// device gets in. Attempts count up front, in one transaction with the
// check, so a burst of concurrent guesses cannot all pass before the
// first one fails; a success gives them back. It runs before the password
// is checked, so a locked pair learns nothing from a right password.
func (s *Identity) admitLogin(ctx context.Context, username, addr string) (wait time.Duration, err error) {
	t, now := s.cfg.Throttle, s.now()
	var refuse error
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		a, err := w.Hit(ctx, addrKey(addr), now, t.AddrWindow)
		if err != nil {
			return err
		}
		if a.Hits > t.AddrLimit {
			refuse = throttled(a.WindowStart.Add(t.AddrWindow).Sub(now))
			return nil
		}
		pair, locked, err := t.admitLocked(ctx, w, lockKey(username, addr), now)
		if err != nil {
			return err
		}
		if locked > 0 {
			refuse = throttled(locked)
			return nil
		}
		u, err := w.Counter(ctx, userKey(username))
		if err != nil {
			return err
		}
		if u.Hits < t.UserLimit || !u.WindowStart.After(now.Add(-t.UserWindow)) {
			return nil
		}
		// Over the username's limit one attempt at a time per address, and
		// none from an address that failed for it.
		if pair.Hits > 1 || pair.Lockouts > 0 {
			refuse = throttled(u.WindowStart.Add(t.UserWindow).Sub(now))
			return nil
		}
		wait = t.SlowDown
		return nil
	})
	if err != nil {
		return 0, err
	}
	return wait, refuse
}

// admitLocked counts an attempt on a lock counter (an account and address
// pair, a user's password changes) and answers how long it is refused: 0
// when admitted. While the counter is locked the attempt is no guess, so
// its hit is given back and the counter has its full count when the lock
// ends; with more attempts in flight than failures allowed, it locks.
func (t Throttle) admitLocked(ctx context.Context, w Writes, key string, now time.Time) (domain.Counter, time.Duration, error) {
	c, err := w.Hit(ctx, key, now, lockWindow)
	if err != nil {
		return c, 0, err
	}
	switch {
	case c.LockedUntil.After(now):
		return c, c.LockedUntil.Sub(now), w.Unhit(ctx, c.Key)
	case c.Hits > t.MaxFailures:
		lock := t.cooloff(c.Lockouts)
		return c, lock, w.Lock(ctx, c.Key, now.Add(lock))
	}
	return c, 0, nil
}

// loginFailed counts a wrong password (or unknown username: the same) for
// the username and locks the pair at MaxFailures (admitLogin counted the
// attempt for the pair).
func (s *Identity) loginFailed(ctx context.Context, username, addr string) error {
	t, now := s.cfg.Throttle, s.now()
	return s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		if _, err := w.Hit(ctx, userKey(username), now, t.UserWindow); err != nil {
			return err
		}
		pair, err := w.Counter(ctx, lockKey(username, addr))
		if err != nil {
			return err
		}
		if pair.Hits >= t.MaxFailures && !pair.LockedUntil.After(now) {
			return w.Lock(ctx, pair.Key, now.Add(t.cooloff(pair.Lockouts)))
		}
		return nil
	})
}

// loginSucceeded forgets the pair's failures (not its past locks) and
// gives the address back the attempt admitLogin counted.
func (s *Identity) loginSucceeded(ctx context.Context, w Writes, username, addr string) error {
	if err := w.Unhit(ctx, addrKey(addr)); err != nil {
		return err
	}
	return w.ResetHits(ctx, lockKey(username, addr))
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// throttleClient rate-limits client_credentials attempts per address, as
// password attempts are; clientSucceeded gives a success back.
func (s *Identity) throttleClient(ctx context.Context, addr string) error {
	t, now := s.cfg.Throttle, s.now()
	var refuse error
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		a, err := w.Hit(ctx, addrKey(addr), now, t.AddrWindow)
		if err == nil && a.Hits > t.AddrLimit {
			refuse = throttled(a.WindowStart.Add(t.AddrWindow).Sub(now))
		}
		return err
	})
	if err != nil {
		return err
	}
	return refuse
}

func (s *Identity) clientSucceeded(ctx context.Context, addr string) error {
	return s.st.InTx(ctx, func(ctx context.Context, w Writes) error { return w.Unhit(ctx, addrKey(addr)) })
}

// PruneThrottle deletes counters idle for a day; the key worker calls it.
func (s *Identity) PruneThrottle(ctx context.Context) (int64, error) {
	now := s.now()
	var n int64
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		var err error
		n, err = w.PruneCounters(ctx, now.Add(-lockWindow), now)
		return err
	})
	return n, err
}
