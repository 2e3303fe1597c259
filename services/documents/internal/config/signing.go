package config

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/csc"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
	"github.com/eoffice-vn/eoffice/pkg/signing/p12store"
)

// Key stores EOFFICE_SIGNING_KEYSTORE may name.
const (
	KeystoreLocal  = "local"
	KeystorePKCS12 = "pkcs12"
	KeystoreCSC    = "csc"
)

// Signing says where the keys that sign issued documents come from.
type Signing struct {
	// Keystore is local (default), pkcs12 or csc.
	Keystore string
	// LocalDir holds the embedded trial CA (EOFFICE_SIGNING_LOCAL_DIR,
	// default <EOFFICE_DATA_DIR>/signing-ca). Its certificates say they
	// are not legally valid.
	LocalDir string
	// P12Dir holds <id>.p12 per signer (a person's user id, an agency's
	// id) and PasswordDir <id>.pass (EOFFICE_SIGNING_P12_DIR,
	// EOFFICE_SIGNING_P12_PASSWORD_DIR, default the same folder).
	P12Dir, PasswordDir string
	// CSC is the remote signing service (EOFFICE_SIGNING_CSC_URL,
	// _CLIENT_ID, _CLIENT_SECRET, _AUTH oauth2client|basic, and
	// _CREDENTIALS: "person:<user id>=<credentialID>,agency:<agency
	// id>=<credentialID>,…").
	CSC csc.Config
	// RootsFile is a PEM file of the CAs whose signatures count as
	// trusted (EOFFICE_SIGNING_ROOTS); the local CA's root always does
	// when the keystore is local.
	RootsFile string
}

func loadSigning() (Signing, error) {
	s := Signing{Keystore: envconf.Env("EOFFICE_SIGNING_KEYSTORE", KeystoreLocal), RootsFile: envconf.Env("EOFFICE_SIGNING_ROOTS", "")}
	var errs []error
	switch s.Keystore {
	case KeystoreLocal:
		s.LocalDir = envconf.Env("EOFFICE_SIGNING_LOCAL_DIR", filepath.Join(envconf.Env("EOFFICE_DATA_DIR", "./data"), "signing-ca"))
	case KeystorePKCS12:
		s.P12Dir = envconf.Env("EOFFICE_SIGNING_P12_DIR", "")
		s.PasswordDir = envconf.Env("EOFFICE_SIGNING_P12_PASSWORD_DIR", s.P12Dir)
		if fi, err := os.Stat(s.P12Dir); s.P12Dir == "" || err != nil || !fi.IsDir() {
			errs = append(errs, fmt.Errorf("EOFFICE_SIGNING_P12_DIR %q: want the folder of the signers' .p12 files", s.P12Dir))
		}
		if fi, err := os.Stat(s.PasswordDir); s.PasswordDir == "" || err != nil || !fi.IsDir() {
			errs = append(errs, fmt.Errorf("EOFFICE_SIGNING_P12_PASSWORD_DIR %q: want the folder of the .pass files", s.PasswordDir))
		}
	case KeystoreCSC:
		s.CSC = csc.Config{
			BaseURL: envconf.Env("EOFFICE_SIGNING_CSC_URL", ""), ClientID: envconf.Env("EOFFICE_SIGNING_CSC_CLIENT_ID", ""),
			ClientSecret: envconf.Env("EOFFICE_SIGNING_CSC_CLIENT_SECRET", ""), Auth: envconf.Env("EOFFICE_SIGNING_CSC_AUTH", ""),
		}
		if _, err := csc.New(s.CSC); err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_SIGNING_CSC_URL/_AUTH: %w", err))
		}
		if s.CSC.ClientID == "" || s.CSC.ClientSecret == "" {
			errs = append(errs, errors.New("EOFFICE_SIGNING_CSC_CLIENT_ID and EOFFICE_SIGNING_CSC_CLIENT_SECRET are required with the csc keystore"))
		}
		creds, err := parseCredentials(envconf.Env("EOFFICE_SIGNING_CSC_CREDENTIALS", ""))
		if err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_SIGNING_CSC_CREDENTIALS: %w", err))
		}
		s.CSC.Credentials = creds
	default:
		errs = append(errs, fmt.Errorf("EOFFICE_SIGNING_KEYSTORE %q: want %s, %s or %s", s.Keystore, KeystoreLocal, KeystorePKCS12, KeystoreCSC))
	}
	if s.RootsFile != "" {
		if _, err := readRoots(s.RootsFile); err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_SIGNING_ROOTS: %w", err))
		}
	}
	return s, errors.Join(errs...)
}

// parseCredentials reads "person:u1=cred-1,agency:a1=cred-2".
func parseCredentials(v string) (map[string]string, error) {
	out := map[string]string{}
	if strings.TrimSpace(v) == "" {
		return nil, errors.New(`want "person:<user id>=<credentialID>,agency:<agency id>=<credentialID>,…"`)
	}
	for _, pair := range strings.Split(v, ",") {
		who, cred, ok := strings.Cut(strings.TrimSpace(pair), "=")
		kind, id, _ := strings.Cut(who, ":")
		if !ok || cred == "" || id == "" || (kind != string(signing.KindPerson) && kind != string(signing.KindAgency)) {
			return nil, fmt.Errorf("%q: want person:<id>=<credentialID> or agency:<id>=<credentialID>", pair)
		}
		out[who] = cred
	}
	return out, nil
}

func readRoots(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// Open returns the configured key store and the roots its signatures are
// verified under (nil: none trusted). The local CA is created on first
// use.
func (s Signing) Open() (signing.KeyStore, *x509.CertPool, error) {
	roots := x509.NewCertPool()
	if s.RootsFile != "" {
		var err error
		if roots, err = readRoots(s.RootsFile); err != nil {
			return nil, nil, err
		}
	}
	switch s.Keystore {
	case KeystoreLocal:
		ca, err := localca.Open(s.LocalDir)
		if err != nil {
			return nil, nil, err
		}
		roots.AddCert(ca.Root())
		return ca, roots, nil
	case KeystorePKCS12:
		return &p12store.Store{Dir: s.P12Dir, Password: p12store.PasswordFiles(s.PasswordDir)}, roots, nil
	case KeystoreCSC:
		c, err := csc.New(s.CSC)
		return c, roots, err
	}
	return nil, nil, fmt.Errorf("unknown keystore %q", s.Keystore)
}
