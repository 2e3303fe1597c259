// Package localca is the embedded default key store: a certificate
// authority kept in a data folder that issues each signer a certificate on
// first use. Its root and every certificate it issues say in their names
// that they are NOT legally valid: it exists so a trial installation can
// sign and verify documents end to end without a real provider.
package localca

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/signing"
)

// NotLegallyValid is written into the root's and every certificate's
// subject, so no reader can mistake a trial signature for a real one.
const NotLegallyValid = "eoffice local CA – không có giá trị pháp lý / not legally valid, for trials"

const (
	rootFile   = "ca.pem"
	signersDir = "signers"
	rootLife   = 20 * 365 * 24 * time.Hour
	leafLife   = 5 * 365 * 24 * time.Hour
)

// oidDocumentSigning is the RFC 9336 extended key usage for document
// signing, which PDF validators look for.
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// CA is a local certificate authority and a signing.KeyStore.
type CA struct {
	dir     string
	root    *x509.Certificate
	rootKey crypto.Signer
	now     func() time.Time

	mu    sync.Mutex
	cache map[string]signing.Key
}

// Open loads the CA kept in dir, creating the folder and the root on first
// use. Two processes opening the same new folder at once end up with one
// root: each writes its candidate to a temporary file and links it into
// place, and the one that loses the link race reads the winner's.
func Open(dir string) (*CA, error) {
	if err := os.MkdirAll(filepath.Join(dir, signersDir), 0o700); err != nil {
		return nil, fmt.Errorf("localca: %w", err)
	}
	path := filepath.Join(dir, rootFile)
	cert, key, err := load(path)
	if errors.Is(err, os.ErrNotExist) {
		var data []byte
		if data, err = newRoot(); err == nil {
			if err = createOnce(path, data); err == nil {
				cert, key, err = load(path)
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("localca: root in %s: %w", dir, err)
	}
	return &CA{dir: dir, root: cert, rootKey: key, now: time.Now, cache: map[string]signing.Key{}}, nil
}

// Root is the CA's self-signed root certificate.
func (c *CA) Root() *x509.Certificate { return c.root }

// Roots is a pool holding only the root, for signing.Verify.
func (c *CA) Roots() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c.root)
	return p
}

// Key returns the signer's key and certificate, issuing them on first use
// and again when the signer's name or agency changed since.
func (c *CA) Key(_ context.Context, who signing.Identity) (signing.Key, error) {
	if err := who.Validate(); err != nil {
		return signing.Key{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if k, ok := c.cache[who.Key()]; ok && matches(k.Certificate(), who) {
		return k, nil
	}
	path := filepath.Join(c.dir, signersDir, fileName(who))
	cert, key, err := load(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err = c.issueTo(path, who, createOnce); err == nil {
			cert, key, err = load(path)
		}
	case err == nil && (!matches(cert, who) || c.now().After(cert.NotAfter)):
		// Renamed or expired: a new certificate replaces the old one.
		if err = c.issueTo(path, who, replace); err == nil {
			cert, key, err = load(path)
		}
	}
	if err != nil {
		return signing.Key{}, fmt.Errorf("localca: certificate for %s: %w", who.Key(), err)
	}
	k := signing.Key{Signer: key, Chain: []*x509.Certificate{cert, c.root}}
	c.cache[who.Key()] = k
	return k, nil
}

func (c *CA) issueTo(path string, who signing.Identity, write func(string, []byte) error) error {
	data, err := c.issue(who)
	if err != nil {
		return err
	}
	return write(path, data)
}

func (c *CA) issue(who signing.Identity) ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	now := c.now()
	tpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               subject(who),
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(leafLife),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, c.root, &key.PublicKey, c.rootKey)
	if err != nil {
		return nil, err
	}
	return encode(der, key)
}

// subject names the signer; OU carries the not-legally-valid mark and the
// subject serial number the kind and id, which signing.Verify reads back
// as the kind hint.
func subject(who signing.Identity) pkix.Name {
	n := pkix.Name{
		CommonName:         who.Name,
		OrganizationalUnit: []string{NotLegallyValid},
		SerialNumber:       who.Key(),
		Country:            []string{"VN"},
	}
	switch {
	case who.Kind == signing.KindAgency:
		n.Organization = []string{who.Name}
	case who.Agency != "":
		n.Organization = []string{who.Agency}
	}
	return n
}

func matches(cert *x509.Certificate, who signing.Identity) bool {
	want := subject(who)
	return cert.Subject.CommonName == want.CommonName &&
		cert.Subject.SerialNumber == want.SerialNumber &&
		slices.Equal(cert.Subject.Organization, want.Organization)
}

func newRoot() ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: NotLegallyValid, Organization: []string{"eoffice (trial, not legally valid)"}, Country: []string{"VN"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(rootLife),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	return encode(der, key)
}

func newSerial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}
