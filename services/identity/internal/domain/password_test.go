package domain

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var cheap = Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		name, username, password string
		want                     error
	}{
		{"long enough", "alice", "0123456789", nil},
		{"nine characters", "alice", "012345678", errPasswordShort},
		{"ten runes, more bytes", "alice", "mật khẩu đủ", nil},
		{"contains username", "alice", "my-alice-password", errPasswordUsername},
		{"contains username, other case", "alice", "my-ALICE-password", errPasswordUsername},
		{"too long", "alice", strings.Repeat("x", 257), errPasswordLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckPasswordPolicy(tt.username, tt.password); !errors.Is(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHasher(t *testing.T) {
	h := NewHasher(cheap)
	a, err := h.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := h.Hash("correct horse battery")
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if !strings.HasPrefix(a, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("not a PHC argon2id string: %s", a)
	}
	if strings.Contains(a, "correct horse") {
		t.Fatal("hash holds the password")
	}
	tests := []struct {
		name, password string
		ok             bool
	}{
		{"right", "correct horse battery", true},
		{"wrong", "correct horse battery!", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Verify(tt.password, a)
			if err != nil || ok != tt.ok {
				t.Fatalf("Verify = %v, %v; want %v", ok, err, tt.ok)
			}
		})
	}
	// Verification reads the parameters from the hash, so defaults may
	// change without breaking stored hashes.
	if ok, err := NewHasher(DefaultArgon2).Verify("correct horse battery", a); err != nil || !ok {
		t.Fatalf("verify with other defaults = %v, %v", ok, err)
	}
}

func TestHasherBadHashes(t *testing.T) {
	h := NewHasher(cheap)
	good, _ := h.Hash("whatever-password")
	parts := strings.Split(good, "$")
	tests := []struct{ name, hash string }{
		{"empty", ""},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuu"},
		{"argon2i", strings.Replace(good, "argon2id", "argon2i", 1)},
		{"old version", strings.Replace(good, "v=19", "v=16", 1)},
		{"huge memory", strings.Replace(good, "m=64", "m=99999999", 1)},
		{"bad salt", strings.Join([]string{"", parts[1], parts[2], parts[3], "!!", parts[5]}, "$")},
		{"short key", strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok, err := h.Verify("whatever-password", tt.hash); ok || !errors.Is(err, ErrBadHash) {
				t.Fatalf("Verify = %v, %v; want ErrBadHash", ok, err)
			}
		})
	}
}

func TestVerifyNothing(t *testing.T) {
	h := NewHasher(cheap)
	h.VerifyNothing("x") // must not panic and must work twice
	h.VerifyNothing("y")
	if h.dummy == "" {
		t.Fatal("no dummy hash")
	}
}

// A burst of hashes runs at most GOMAXPROCS at once (each holds its
// memory parameter while it runs), and every one still verifies.
func TestHasherBoundsConcurrentHashes(t *testing.T) {
	h := NewHasher(Argon2Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pw := fmt.Sprintf("mật-khẩu-%d", i)
			enc, err := h.Hash(pw)
			if err != nil {
				errs <- err
				return
			}
			if ok, err := h.Verify(pw, enc); err != nil || !ok {
				errs <- fmt.Errorf("verify %d: %v %v", i, ok, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got, limit := h.mostBusy.Load(), int32(runtime.GOMAXPROCS(0)); got < 1 || got > limit {
		t.Fatalf("%d hashes ran at once, want 1..%d", got, limit)
	}
}
