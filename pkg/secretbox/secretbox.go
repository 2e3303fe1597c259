// Package secretbox encrypts the secrets a service must be able to read
// back (identity's signing keys, webhook secrets) before they reach the
// database, with AES-256-GCM under a key from the environment.
//
// A sealed value is "v1:<key id>:<base64url(nonce | ciphertext)>"; the key
// id names the key that sealed it, so keys can rotate: EOFFICE_SECRET_KEY is
// the key that seals, EOFFICE_SECRET_KEY_OLD lists earlier keys still
// accepted for opening, and a value opened with an old key (or a plaintext
// value from before encryption) reports itself stale, to be sealed again.
// Each value is bound to a context (the row it belongs to), so a sealed
// value copied into another row does not open there.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Settings.
const (
	EnvKey     = "EOFFICE_SECRET_KEY"     // base64 of 32 random bytes: the key that seals
	EnvOldKeys = "EOFFICE_SECRET_KEY_OLD" // comma-separated earlier keys, accepted for opening
)

const (
	version = "v1"
	keySize = 32
)

// ErrUnknownKey marks a value sealed with a key that is neither the current
// one nor an old one: the setting lost a key still in use.
var ErrUnknownKey = errors.New("sealed with a key that is not configured")

// ErrCorrupt marks a sealed value that does not decrypt under its key: it
// was altered, or moved from the row it was sealed for.
var ErrCorrupt = errors.New("sealed value does not decrypt")

type key struct {
	id   string
	aead cipher.AEAD
}

// Box seals with its current key and opens with any of its keys.
type Box struct {
	current key
	byID    map[string]key
}

// New returns a box sealing with current and opening with current and old.
func New(current []byte, old ...[]byte) (*Box, error) {
	cur, err := newKey(current)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	b := &Box{current: cur, byID: map[string]key{cur.id: cur}}
	for i, raw := range old {
		k, err := newKey(raw)
		if err != nil {
			return nil, fmt.Errorf("old secret key %d: %w", i+1, err)
		}
		if _, dup := b.byID[k.id]; !dup {
			b.byID[k.id] = k
		}
	}
	return b, nil
}

func newKey(raw []byte) (key, error) {
	if len(raw) != keySize {
		return key{}, fmt.Errorf("want %d bytes, got %d", keySize, len(raw))
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return key{}, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return key{}, err
	}
	return key{id: KeyID(raw), aead: aead}, nil
}

// KeyID names a key without revealing it: the start of a hash of it.
func KeyID(raw []byte) string {
	sum := sha256.Sum256(append([]byte("eoffice secretbox key id\x00"), raw...))
	return base64.RawURLEncoding.EncodeToString(sum[:6])
}

// ParseKey decodes a key as the settings hold it: base64 (standard or URL
// alphabet, padded or not) of 32 bytes.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if raw, err := enc.DecodeString(s); err == nil {
			if len(raw) != keySize {
				return nil, fmt.Errorf("want base64 of %d bytes, got %d bytes", keySize, len(raw))
			}
			return raw, nil
		}
	}
	return nil, errors.New("not base64 (generate one with: openssl rand -base64 32)")
}

// GenerateKey returns a new random key, base64-encoded as the settings hold it.
func GenerateKey() (string, error) {
	raw := make([]byte, keySize)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("generate secret key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(raw), nil
}

// CurrentKeyID is the id of the key that seals.
func (b *Box) CurrentKeyID() string { return b.current.id }

// Seal encrypts plaintext for the row named by context.
func (b *Box) Seal(plaintext, context string) (string, error) {
	nonce := make([]byte, b.current.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	out := b.current.aead.Seal(nonce, nonce, []byte(plaintext), []byte(context))
	return version + ":" + b.current.id + ":" + base64.RawURLEncoding.EncodeToString(out), nil
}

// IsSealed reports whether value has the form of a sealed value (whether
// or not it opens).
func IsSealed(value string) bool {
	_, _, _, ok := split(value)
	return ok
}

func split(value string) (ver, id string, data []byte, ok bool) {
	ver, rest, ok1 := strings.Cut(value, ":")
	id, enc, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 || ver != version || len(id) != 8 {
		return "", "", nil, false
	}
	data, err := base64.RawURLEncoding.DecodeString(enc)
	return ver, id, data, err == nil
}

// Open decrypts a value sealed for context. A value that is not sealed is
// a plaintext row from before encryption: it is returned as it is, stale.
// stale is also true for a value sealed with an old key: the caller seals
// it again with the current one.
func (b *Box) Open(value, context string) (plaintext string, stale bool, err error) {
	_, id, data, ok := split(value)
	if !ok {
		return value, true, nil
	}
	k, known := b.byID[id]
	if !known {
		return "", false, fmt.Errorf("%w (key id %s; the current key is %s: set the missing one in %s)", ErrUnknownKey, id, b.current.id, EnvOldKeys)
	}
	n := k.aead.NonceSize()
	if len(data) < n+k.aead.Overhead() {
		return "", false, ErrCorrupt
	}
	out, err := k.aead.Open(nil, data[:n], data[n:], []byte(context))
	if err != nil {
		return "", false, ErrCorrupt
	}
	return string(out), id != b.current.id, nil
}

// Reseal returns value sealed with the current key when it is plaintext
// from before encryption or sealed with an old key; changed is false (and
// sealed is value) when it needs nothing, an empty value included.
func (b *Box) Reseal(value, context string) (sealed string, changed bool, err error) {
	if value == "" {
		return value, false, nil
	}
	plain, stale, err := b.Open(value, context)
	if err != nil || !stale {
		return value, false, err
	}
	sealed, err = b.Seal(plain, context)
	return sealed, err == nil, err
}

var ephemeral = sync.OnceValue(func() *Box {
	raw := make([]byte, keySize)
	if _, err := rand.Read(raw); err != nil {
		panic(err)
	}
	b, err := New(raw)
	if err != nil {
		panic(err)
	}
	return b
})

// Ephemeral is a box whose key lives only as long as the process, for
// stores nobody gave a key (tests): what it seals cannot be opened after a
// restart, but is never plaintext either.
func Ephemeral() *Box { return ephemeral() }
