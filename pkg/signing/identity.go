package signing

import (
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
)

// Kind says whose signature it is: a person's own, or the agency's seal.
type Kind string

// The two kinds of signature an official document carries.
const (
	KindPerson Kind = "person"
	KindAgency Kind = "agency"
)

// Identity names a signer. For a person, ID is the user id, Name the full
// name and Agency the agency they sign for; for an agency seal, ID is the
// agency id and Name the agency's name.
type Identity struct {
	Kind   Kind
	ID     string
	Name   string
	Agency string
}

// ErrInvalidIdentity is returned for an identity a key store cannot name.
var ErrInvalidIdentity = errors.New("signing: invalid identity")

// Validate checks the fields every key store relies on.
func (i Identity) Validate() error {
	switch {
	case i.Kind != KindPerson && i.Kind != KindAgency:
		return fmt.Errorf("%w: kind %q", ErrInvalidIdentity, i.Kind)
	case strings.TrimSpace(i.ID) == "":
		return fmt.Errorf("%w: empty id", ErrInvalidIdentity)
	case strings.TrimSpace(i.Name) == "":
		return fmt.Errorf("%w: empty name", ErrInvalidIdentity)
	}
	return nil
}

// Key is "person:<id>" or "agency:<id>": a person and an agency may share
// an id string, their keys must not.
func (i Identity) Key() string { return string(i.Kind) + ":" + i.ID }

// Key is a signing key with its certificate chain, leaf first.
type Key struct {
	Signer crypto.Signer
	Chain  []*x509.Certificate
}

// Certificate is the signer's own certificate.
func (k Key) Certificate() *x509.Certificate { return k.Chain[0] }

// KeyStore hands out the key a signer signs with. A store that talks to a
// remote service binds ctx to the returned Signer, because crypto.Signer's
// Sign takes no context.
type KeyStore interface {
	Key(ctx context.Context, who Identity) (Key, error)
}

func checkKey(k Key, err error) (Key, error) {
	if err != nil {
		return Key{}, err
	}
	if k.Signer == nil || len(k.Chain) == 0 || k.Chain[0] == nil {
		return Key{}, errors.New("signing: key store returned no key or certificate")
	}
	return k, nil
}
