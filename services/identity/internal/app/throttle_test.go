package app_test

import (
	"context"
	"errors"
	"fmt"
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
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration // the slow-downs the service asked for
}

// sleep records the wait and moves the clock past it, as a real one would.
func (c *clock) sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.t = c.t.Add(d)
	return nil
}

// slept returns and forgets the recorded waits.
func (c *clock) slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sleeps
	c.sleeps = nil
	return s
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
	cfg.Sleep = clk.sleep
	cfg.Throttle = th
	return app.New(store.New(e.DB, e.Outbox), cfg)
}

// throttledEnv is a seeded service on db with throttle, on a clock the
// test moves.
func throttledEnv(t *testing.T, db *pkgstore.DB, th app.Throttle) (*testenv.Env, org, *clock, *app.Identity) {
	t.Helper()
	e := testenv.New(t, db)
	o := seed(t, e, e.Admin(t))
	clk := &clock{t: time.Now()}
	return e, o, clk, clocked(e, clk, th)
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

// TestSuccessesKeepAddressBudget is the 8 a.m. rush behind one address (a
// console, an office's NAT): logins that succeed never use up the
// address's budget, while wrong passwords still do.
func TestSuccessesKeepAddressBudget(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		_, _, _, s := throttledEnv(t, db, app.Throttle{AddrLimit: 8, AddrWindow: time.Minute})
		const office = "198.51.100.20"
		for i := 0; i < 30; i++ {
			user := []string{"leader.ubnd", "clerk.vp"}[i%2]
			if err := attempt(s, user, password, office); err != nil {
				t.Fatalf("login %d from the office: %v", i+1, err)
			}
		}
		for i := 0; i < 8; i++ {
			wantKind(t, attempt(s, "guess"+string(rune('a'+i)), "wrong-password", office), apperr.ErrInvalid, app.CodeInvalidGrant)
		}
		if retryAfter(attempt(s, "leader.ubnd", password, office)) == 0 {
			t.Fatal("the 9th failure-laden attempt from one address is not refused")
		}
	})
}

// TestManyAddresses: a guesser spreading over addresses. An IPv6 /64 is
// one address; past the username's limit an address that never failed is
// slowed by a bounded wait but still let in with the right password.
func TestManyAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e, _, clk, s := throttledEnv(t, db, app.Throttle{UserLimit: 6, UserWindow: 10 * time.Minute, SlowDown: 3 * time.Second})

		// Five addresses of one /64 lock it for the username.
		for i := 1; i <= 5; i++ {
			addr := fmt.Sprintf("2001:db8:1:2::%x", i)
			wantKind(t, attempt(s, "leader.ubnd", "wrong-password", addr), apperr.ErrInvalid, app.CodeInvalidGrant)
		}
		if retryAfter(attempt(s, "leader.ubnd", password, "2001:db8:1:2:ffff::9")) == 0 {
			t.Fatal("a fresh address in the same /64 is not locked")
		}
		// The official's own network (another /64) gets in at once.
		if err := attempt(s, "leader.ubnd", password, "2001:db8:1:3::1"); err != nil {
			t.Fatalf("another /64: %v", err)
		}
		if w := clk.slept(); len(w) != 0 {
			t.Fatalf("slowed under the username's limit: %v", w)
		}

		// One more failure from elsewhere: 6, the username's limit.
		wantKind(t, attempt(s, "leader.ubnd", "wrong-password", "192.0.2.1"), apperr.ErrInvalid, app.CodeInvalidGrant)
		// Each fresh address now waits a bounded time first, right or wrong
		// password, and then is answered as usual.
		wantKind(t, attempt(s, "leader.ubnd", "wrong-password", "192.0.2.2"), apperr.ErrInvalid, app.CodeInvalidGrant)
		if err := attempt(s, "leader.ubnd", password, "10.20.30.40"); err != nil {
			t.Fatalf("the right password from an address that never failed: %v", err)
		}
		w := clk.slept()
		if len(w) != 2 || w[0] != 3*time.Second || w[1] != 3*time.Second {
			t.Fatalf("slow-downs %v, want two of 3s", w)
		}
		// An address that failed is refused; other usernames are not slowed.
		if retryAfter(attempt(s, "leader.ubnd", password, "192.0.2.2")) == 0 {
			t.Fatal("an address that failed past the limit is not refused")
		}
		if err := attempt(s, "clerk.vp", password, "192.0.2.2"); err != nil {
			t.Fatalf("another username: %v", err)
		}
		if w := clk.slept(); len(w) != 0 {
			t.Fatalf("unexpected slow-downs %v", w)
		}
		// One attempt at a time from a fresh address: a burst of guesses
		// does not all slip in before the first one fails.
		if checked, _ := burst(t, 10, func() error { return attempt(s, "leader.ubnd", "wrong-password", "10.20.30.50") }); checked > 1 {
			t.Fatalf("%d guesses of a burst from one fresh address were checked, want 1", checked)
		}
		clk.slept()
		// A slow-down is a few seconds at most, whatever is configured.
		long := clocked(e, clk, app.Throttle{UserLimit: 6, UserWindow: 10 * time.Minute, SlowDown: time.Hour})
		if err := attempt(long, "leader.ubnd", password, "10.20.30.41"); err != nil {
			t.Fatal(err)
		}
		if w := clk.slept(); len(w) != 1 || w[0] > 5*time.Second {
			t.Fatalf("slow-down %v is not bounded", w)
		}
	})
}

// TestPasswordChangeThrottled: a stolen access token does not let its
// holder guess the password through POST /v1/me/password, nor keep the
// hasher busy with a burst.
func TestPasswordChangeThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		_, o, clk, s := throttledEnv(t, db, app.Throttle{Cooloff: time.Minute, MaxCooloff: 10 * time.Minute})
		me := testenv.As(o.clerk)
		const next = "một mật khẩu mới"

		for i := 0; i < 5; i++ {
			wantKind(t, s.ChangePassword(me, "wrong-password", next), apperr.ErrInvalid, "")
		}
		if got := retryAfter(s.ChangePassword(me, password, next)); got != 60 {
			t.Fatalf("6th attempt: Retry-After %d, want 60", got)
		}
		// Another user is not affected.
		if err := s.ChangePassword(testenv.As(o.leader), password, next); err != nil {
			t.Fatalf("another user: %v", err)
		}
		clk.add(61 * time.Second)
		// A burst of wrong guesses: only the allowed number reach the
		// hasher, the rest are refused at once.
		if checked, _ := burst(t, 20, func() error { return s.ChangePassword(me, "wrong-password", next) }); checked > 5 {
			t.Fatalf("burst: %d guesses checked, want at most 5", checked)
		}
		// After the (doubled) cool-off the right old password works.
		clk.add(121 * time.Second)
		if err := s.ChangePassword(me, password, next); err != nil {
			t.Fatalf("after the cool-off: %v", err)
		}
	})
}

// TestLoginBurst: concurrent guesses for one person from one address are
// counted before any is checked, so no more than the allowed failures
// reach the hasher.
func TestLoginBurst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		_, _, _, s := throttledEnv(t, db, app.Throttle{})
		if checked, _ := burst(t, 20, func() error { return attempt(s, "leader.ubnd", "wrong-password", "203.0.113.9") }); checked > 5 {
			t.Fatalf("%d guesses of a burst were checked, want at most 5", checked)
		}
		if retryAfter(attempt(s, "leader.ubnd", password, "203.0.113.9")) == 0 {
			t.Fatal("the pair is not locked after the burst")
		}
		if err := attempt(s, "leader.ubnd", password, "10.0.0.1"); err != nil {
			t.Fatalf("the official elsewhere: %v", err)
		}
	})
}

// burst runs n calls of fn at once and counts those answered with a
// checked 400 (the secret was compared) and those refused with 429.
func burst(t *testing.T, n int, fn func() error) (checked, refused int) {
	t.Helper()
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := fn()
			mu.Lock()
			defer mu.Unlock()
			switch {
			case retryAfter(err) > 0:
				refused++
			case errors.Is(err, apperr.ErrInvalid):
				checked++
			default:
				t.Errorf("burst: %v", err)
			}
		}()
	}
	wg.Wait()
	return checked, refused
}
