// Package p12store is a key store over PKCS#12 files: one <id>.p12 per
// signer in a folder, the kind of file a Vietnamese CA hands out with a
// USB token's software or for a server-side seal.
package p12store

import (
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/eoffice-vn/eoffice/pkg/signing"
)

// PasswordSource gives the password of a signer's file.
type PasswordSource func(ctx context.Context, who signing.Identity) (string, error)

// StaticPassword is one password for every file.
func StaticPassword(pw string) PasswordSource {
	return func(context.Context, signing.Identity) (string, error) { return pw, nil }
}

// PasswordFiles reads the password of <id>.p12 from <dir>/<id>.pass (one
// line; a trailing newline is dropped), so each file can have its own and
// the passwords can live apart from the keys.
func PasswordFiles(dir string) PasswordSource {
	return func(_ context.Context, who signing.Identity) (string, error) {
		if !safeID.MatchString(who.ID) {
			return "", fmt.Errorf("%w: id %q is not a file name", signing.ErrInvalidIdentity, who.ID)
		}
		b, err := os.ReadFile(filepath.Join(dir, who.ID+".pass"))
		if err != nil {
			return "", err
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}

// Store reads <Dir>/<id>.p12 for the signer with that id, a person's user
// id or an agency's id. Files are read on every call, so a renewed file
// takes effect without a restart.
type Store struct {
	Dir      string
	Password PasswordSource
}

// ErrNoFile is returned when a signer has no PKCS#12 file.
var ErrNoFile = errors.New("p12store: no PKCS#12 file for signer")

var safeID = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$`)

// Key decodes the signer's file: its key, its certificate and whatever
// CA certificates the file carries, leaf first.
func (s *Store) Key(ctx context.Context, who signing.Identity) (signing.Key, error) {
	if err := who.Validate(); err != nil {
		return signing.Key{}, err
	}
	if !safeID.MatchString(who.ID) {
		return signing.Key{}, fmt.Errorf("%w: id %q is not a file name", signing.ErrInvalidIdentity, who.ID)
	}
	path := filepath.Join(s.Dir, who.ID+".p12")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return signing.Key{}, fmt.Errorf("%w: %s", ErrNoFile, path)
	}
	if err != nil {
		return signing.Key{}, fmt.Errorf("p12store: %w", err)
	}
	pw, err := s.Password(ctx, who)
	if err != nil {
		return signing.Key{}, fmt.Errorf("p12store: password for %s: %w", who.Key(), err)
	}
	key, cert, cas, err := pkcs12.DecodeChain(data, pw)
	if err != nil {
		return signing.Key{}, fmt.Errorf("p12store: %s: %w", path, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return signing.Key{}, fmt.Errorf("p12store: %s: key of type %T cannot sign", path, key)
	}
	return signing.Key{Signer: signer, Chain: append([]*x509.Certificate{cert}, cas...)}, nil
}
