package p12store_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/p12store"
)

func TestKey(t *testing.T) {
	dir := t.TempDir()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: pkix.Name{CommonName: "Phạm Văn Cường"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, _ := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	cert, _ := x509.ParseCertificate(der)
	data, err := pkcs12.Modern.Encode(key, cert, nil, "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "u-5.p12"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	who := signing.Identity{Kind: signing.KindPerson, ID: "u-5", Name: "Phạm Văn Cường"}
	cases := []struct {
		name  string
		who   signing.Identity
		pw    string
		check func(signing.Key, error) bool
	}{
		{"decodes key and certificate", who, "s3cret", func(k signing.Key, err error) bool {
			return err == nil && k.Certificate().Equal(cert) && k.Signer.Public().(*ecdsa.PublicKey).Equal(&key.PublicKey)
		}},
		{"wrong password", who, "nope", func(_ signing.Key, err error) bool { return errors.Is(err, pkcs12.ErrIncorrectPassword) }},
		{"no file", signing.Identity{Kind: signing.KindPerson, ID: "u-6", Name: "X"}, "s3cret", func(_ signing.Key, err error) bool { return errors.Is(err, p12store.ErrNoFile) }},
		{"id outside the folder", signing.Identity{Kind: signing.KindPerson, ID: "../u-5", Name: "X"}, "s3cret", func(_ signing.Key, err error) bool {
			return errors.Is(err, signing.ErrInvalidIdentity)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &p12store.Store{Dir: dir, Password: p12store.StaticPassword(tc.pw)}
			k, err := s.Key(context.Background(), tc.who)
			if !tc.check(k, err) {
				t.Errorf("got %v, %v", k.Chain, err)
			}
		})
	}
}
