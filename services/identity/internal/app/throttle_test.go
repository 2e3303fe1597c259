package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// clocked is the service of e on a clock the test moves, with throttle.
func clocked(e *testenv.Env, clk *clock, th app.Throttle) *app.Identity {
	cfg := testenv.Config()
	cfg.Now = clk.now
	cfg.Throttle = th
	return app.New(store.New(e.DB), e.Outbox, cfg)
}

func attempt(s *app.Identity, user, pass, addr string) error {
	_, err := s.Token(context.Background(), app.TokenRequest{GrantType: "password", Username: user, Password: pass, ClientAddr: addr})
	return err
}

// retryAfter is the Retry-After of a 429, or 0 for any other outcome.
func retryAfter(err error) int {
	if e, ok := apperr.As(err); ok && e.Kind == apperr.ErrThrottled {
		return e.RetryAfter
	}
	return 0
}

func TestLockout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		seed(t, e, e.Admin(t))
		clk := &clock{t: time.Now()}
		s := clocked(e, clk, app.Throttle{Cooloff: time.Minute, MaxCooloff: 10 * time.Minute})
		const home, attacker = "10.0.0.1", "203.0.113.9"

		for i := 1; i <= 5; i++ {
			err := attempt(s, "leader.ubnd", "wrong-password", attacker)
			wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		}
		// Locked for that username from that address, even with the right
		// password; the wait is the cool-off.
		err := attempt(s, "leader.ubnd", password, attacker)
		if got := retryAfter(err); got != 60 {
			t.Fatalf("6th attempt: err = %v, Retry-After %d; want 429 after 60 s", err, got)
		}
		// The official, elsewhere, is not locked out; nor is another
		// username from the attacker's address.
		if err := attempt(s, "leader.ubnd", password, home); err != nil {
			t.Fatalf("login from home: %v", err)
		}
		if err := attempt(s, "clerk.vp", password, attacker); err != nil {
			t.Fatalf("other user from the locked address: %v", err)
		}
		// An unknown username locks the same way: throttling does not tell
		// whether it exists.
		for i := 0; i < 5; i++ {
			wantKind(t, attempt(s, "nobody.here", "wrong-password", attacker), apperr.ErrInvalid, app.CodeInvalidGrant)
		}
		if retryAfter(attempt(s, "nobody.here", "wrong-password", attacker)) != 60 {
			t.Fatal("unknown username is not locked like a known one")
		}

		// After the cool-off the right password works and clears the count.
		clk.add(61 * time.Second)
		if err := attempt(s, "leader.ubnd", password, attacker); err != nil {
			t.Fatalf("after the cool-off: %v", err)
		}
		// A second lock of the same pair lasts twice as long, a third four
		// times (growing with repeats).
		for _, want := range []int{120, 240} {
			for i := 0; i < 5; i++ {
				wantKind(t, attempt(s, "leader.ubnd", "wrong-password", attacker), apperr.ErrInvalid, app.CodeInvalidGrant)
			}
			// The right password fails with the 6th attempt too.
			if got := retryAfter(attempt(s, "leader.ubnd", password, attacker)); got != want {
				t.Fatalf("Retry-After %d, want %d", got, want)
			}
			clk.add(time.Duration(want+1) * time.Second)
		}
		// Another replica (another service value on the same database)
		// sees the same counters.
		for i := 0; i < 5; i++ {
			_ = attempt(s, "leader.ubnd", "wrong-password", attacker)
		}
		other := clocked(e, clk, app.Throttle{Cooloff: time.Minute, MaxCooloff: 10 * time.Minute})
		if retryAfter(attempt(other, "leader.ubnd", password, attacker)) == 0 {
			t.Fatal("another replica does not see the lock")
		}
	})
}

func TestRateLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		seed(t, e, e.Admin(t))
		clk := &clock{t: time.Now()}
		s := clocked(e, clk, app.Throttle{AddrLimit: 8, AddrWindow: time.Minute, UserLimit: 6, UserWindow: 10 * time.Minute})

		// Per address: the 9th attempt in a minute is refused whatever the
		// username, right password or not.
		for i := 0; i < 8; i++ {
			_ = attempt(s, "user"+string(rune('a'+i)), "wrong-password", "198.51.100.1")
		}
		if got := retryAfter(attempt(s, "leader.ubnd", password, "198.51.100.1")); got < 1 || got > 60 {
			t.Fatalf("9th attempt from one address: Retry-After %d", got)
		}
		clk.add(time.Minute)
		if err := attempt(s, "leader.ubnd", password, "198.51.100.1"); err != nil {
			t.Fatalf("next window: %v", err)
		}

		// Per username, from many addresses (each under its own limits):
		// past 6 failures in the window, addresses that failed for it are
		// refused; an address that never failed still gets in.
		for i := 0; i < 6; i++ {
			addr := "192.0.2." + string(rune('1'+i))
			wantKind(t, attempt(s, "clerk.vp", "wrong-password", addr), apperr.ErrInvalid, app.CodeInvalidGrant)
		}
		if retryAfter(attempt(s, "clerk.vp", password, "192.0.2.1")) == 0 {
			t.Fatal("a failing address is not refused past the username limit")
		}
		if err := attempt(s, "clerk.vp", password, "10.1.1.1"); err != nil {
			t.Fatalf("the official's own address is locked out: %v", err)
		}
	})
}
