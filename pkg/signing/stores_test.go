package signing_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/csc"
	"github.com/eoffice-vn/eoffice/pkg/signing/csctest"
	"github.com/eoffice-vn/eoffice/pkg/signing/p12store"
)

// allStores are the three key stores, each set up for person and agency.
func allStores(t testing.TB) []store {
	return []store{localStore(t), p12Store(t), cscStore(t, csc.AuthOAuth2Client), cscStore(t, csc.AuthBasic)}
}

// p12Store writes <id>.p12 files with RSA keys issued by a CA made here,
// the way a provider's files arrive: key, certificate and the CA chain.
func p12Store(t testing.TB) store {
	t.Helper()
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA for PKCS#12", Organization: []string{"Test"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTpl, caTpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	dir := t.TempDir()
	for i, who := range []signing.Identity{person, agency} {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		subj := pkix.Name{CommonName: who.Name, Organization: []string{agency.Name}}
		tpl := &x509.Certificate{
			SerialNumber: big.NewInt(int64(i + 2)), Subject: subj,
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		}
		der, err := x509.CreateCertificate(rand.Reader, tpl, caCert, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		cert, _ := x509.ParseCertificate(der)
		p12, err := pkcs12.Modern.Encode(key, cert, []*x509.Certificate{caCert}, "mật khẩu "+who.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, who.ID+".p12"), p12, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, who.ID+".pass"), []byte("mật khẩu "+who.ID+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	roots := x509.NewCertPool()
	roots.AddCert(caCert)
	return store{"PKCS#12", &p12store.Store{Dir: dir, Password: p12store.PasswordFiles(dir)}, roots}
}

// cscStore is a CSC v2 client against the test server, whose keys come
// from a local CA.
func cscStore(t testing.TB, auth string) store {
	t.Helper()
	st := localStore(t)
	srv := csctest.New(st.keys, map[string]signing.Identity{"cred-person": person, "cred-agency": agency})
	t.Cleanup(srv.Close)
	c, err := csc.New(srv.Config(auth))
	if err != nil {
		t.Fatal(err)
	}
	return store{"CSC " + auth, c, st.roots}
}
