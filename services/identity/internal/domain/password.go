package domain

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password policy (API.md): at least 10 characters, not containing the
// username. The upper bound keeps hashing cost bounded.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

var (
	errPasswordShort    = errors.New("must be at least 10 characters")
	errPasswordLong     = errors.New("must be at most 256 characters")
	errPasswordUsername = errors.New("must not contain the username")
)

// CheckPasswordPolicy returns why password is not acceptable for username,
// or nil.
func CheckPasswordPolicy(username, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLen:
		return errPasswordShort
	case n > MaxPasswordLen:
		return errPasswordLong
	case username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)):
		return errPasswordUsername
	}
	return nil
}

// Argon2Params are the argon2id cost parameters. They are stored in every
// hash, so changing the defaults leaves existing hashes verifiable.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
	SaltLen uint32
}

// DefaultArgon2 follows OWASP's argon2id recommendation (19 MiB, 2 passes,
// 1 lane): memory per login stays modest when many people sign in at once.
var DefaultArgon2 = Argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// Limits on parameters read back from a stored hash, so that a tampered row
// cannot make one login allocate gigabytes.
const (
	maxMemory  = 1 << 20 // 1 GiB
	maxTime    = 16
	maxKeyLen  = 64
	maxSaltLen = 64
)

// ErrBadHash marks a stored hash this package cannot read.
var ErrBadHash = errors.New("unreadable password hash")

// Hasher hashes and verifies passwords with argon2id in the PHC string
// format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
type Hasher struct {
	Params Argon2Params

	dummyOnce sync.Once
	dummy     string
	// slots bounds the hashes computed at once. Each takes Params.Memory
	// (19 MiB by default) for its duration; a burst of logins or seeded
	// people ran eight at once and took identity to 125 MB resident
	// (bench), with no gain in speed: the work is CPU-bound, so more at
	// once than there are processors only waits longer together.
	slotsOnce sync.Once
	slots     chan struct{}
	busy      atomic.Int32 // hashes running now
	mostBusy  atomic.Int32 // the most that ever ran at once (tests read it)
	releasing atomic.Bool  // a release of the hashes' memory is scheduled
}

// NewHasher returns a hasher with p (zero value: DefaultArgon2).
func NewHasher(p Argon2Params) *Hasher {
	if p == (Argon2Params{}) {
		p = DefaultArgon2
	}
	return &Hasher{Params: p}
}

// idKey is argon2.IDKey within one of the hasher's slots.
func (h *Hasher) idKey(password, salt []byte, p Argon2Params, keyLen uint32) []byte {
	h.slotsOnce.Do(func() { h.slots = make(chan struct{}, runtime.GOMAXPROCS(0)) })
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	n := h.busy.Add(1)
	defer func() {
		if h.busy.Add(-1) == 0 {
			h.releaseSoon()
		}
	}()
	for m := h.mostBusy.Load(); n > m && !h.mostBusy.CompareAndSwap(m, n); m = h.mostBusy.Load() {
	}
	// The last hash's 19 MiB are garbage by now: collected just before
	// this one allocates, their pages are free for it. Left to the
	// collector's pace, each hash took fresh pages beside the last ones,
	// and a run of logins one after another took identity from 31 to 85 MB
	// resident (bench, at the peak of the whole stack). Collected after
	// each hash instead, the small allocations between two logins landed
	// in the freed block and split it, so the next hash mostly took fresh
	// pages anyway (12 hashes with allocations between them: 49-52 MB high
	// water after, 33 MB in two runs of three before, 52 in the third; 68
	// MB without). A collection of identity's small heap costs a
	// millisecond or two, a few percent of a hash.
	runtime.GC()
	return argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, keyLen)
}

// releaseSoon hands the hashes' memory back to the OS a second after the
// last one ends, unless another has started. Without it identity stayed at
// 60-90 MB resident after the bench's logins, idle: the collector sets its
// next goal from the heap it last saw (the hashes' 19 MiB each, times
// GOGC), and an idle process never collects again to lower it, so the
// runtime kept the freed pages. One forced collection of a small heap per
// burst of logins costs about a millisecond.
func (h *Hasher) releaseSoon() {
	if !h.releasing.CompareAndSwap(false, true) {
		return
	}
	time.AfterFunc(time.Second, func() {
		h.releasing.Store(false)
		if h.busy.Load() == 0 {
			debug.FreeOSMemory()
		}
	})
}

// Hash encodes password with a fresh random salt.
func (h *Hasher) Hash(password string) (string, error) {
	p := h.Params
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := h.idKey([]byte(password), salt, p, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// Verify reports whether password matches encoded, comparing in constant
// time. A malformed hash is an error wrapping ErrBadHash.
func (h *Hasher) Verify(password, encoded string) (bool, error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := h.idKey([]byte(password), salt, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// VerifyNothing spends the time of one verification, so that a login for an
// unknown username takes as long as one with a wrong password.
func (h *Hasher) VerifyNothing(password string) {
	h.dummyOnce.Do(func() { h.dummy, _ = h.Hash("not a password anyone has") })
	_, _ = h.Verify(password, h.dummy)
}

// CheckHash reports whether encoded is a well-formed argon2id PHC string
// this package can verify against (an error wrapping ErrBadHash if not).
func CheckHash(encoded string) error {
	_, _, _, err := decodeHash(encoded)
	return err
}

func decodeHash(encoded string) (Argon2Params, []byte, []byte, error) {
	var p Argon2Params
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("%w: not an argon2id PHC string", ErrBadHash)
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("%w: unsupported version", ErrBadHash)
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("%w: parameters: %v", ErrBadHash, err)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return p, nil, nil, fmt.Errorf("%w: salt: %v", ErrBadHash, err)
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return p, nil, nil, fmt.Errorf("%w: hash: %v", ErrBadHash, err)
	}
	if p.Memory == 0 || p.Memory > maxMemory || p.Time == 0 || p.Time > maxTime || p.Threads == 0 ||
		p.Memory < 8*uint32(p.Threads) || len(salt) < 8 || len(salt) > maxSaltLen || len(key) < 16 || len(key) > maxKeyLen {
		return p, nil, nil, fmt.Errorf("%w: parameters out of range", ErrBadHash)
	}
	return p, salt, key, nil
}
