package auth

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestVerifierKeySource checks that a key source replaces the JWKS fetch
// with the same rules: asked on first use and on an unknown kid (spaced by
// minRefetch), its failure is ErrKeysUnavailable, known keys survive it.
func TestVerifierKeySource(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Now()}
	k1, k2 := newKey(t, "k1"), newKey(t, "k2")
	var (
		mu    sync.Mutex
		keys  = []testKey{k1}
		fail  error
		calls int
	)
	src := func(context.Context) (JWKSet, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if fail != nil {
			return JWKSet{}, fail
		}
		var set JWKSet
		for _, k := range keys {
			set.Keys = append(set.Keys, PublicJWK(k.kid, k.pub))
		}
		return set, nil
	}
	v := NewVerifier("", testIssuer, WithKeySource(src), WithClock(clk.now))
	steps := []struct {
		name   string
		before func()
		token  testKey
		ok     bool
		calls  int
	}{
		{"first use asks the source", nil, k1, true, 1},
		{"cached", nil, k1, true, 1},
		{"new key within the limit is refused", func() { mu.Lock(); keys = []testKey{k1, k2}; mu.Unlock() }, k2, false, 1},
		{"new key after the limit is found", func() { clk.add(minRefetch) }, k2, true, 2},
		{"source failure leaves known keys", func() {
			mu.Lock()
			fail = errors.New("db down")
			mu.Unlock()
			clk.add(maxKeyAge)
		}, k1, true, 3},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		_, err := v.Verify(ctx, clk.tok(t, s.token))
		if s.ok != (err == nil) {
			t.Fatalf("%s: err = %v, want ok=%v", s.name, err, s.ok)
		}
		mu.Lock()
		got := calls
		mu.Unlock()
		if got != s.calls {
			t.Fatalf("%s: calls = %d, want %d", s.name, got, s.calls)
		}
	}
	clk.add(minRefetch)
	if _, err := v.Verify(ctx, clk.tok(t, newKey(t, "k3"))); !errors.Is(err, ErrKeysUnavailable) {
		t.Fatalf("unknown kid with a failing source: err = %v, want ErrKeysUnavailable", err)
	}
}
