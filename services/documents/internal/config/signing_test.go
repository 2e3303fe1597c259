package config

import (
	"path/filepath"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
)

func TestLoadSigning(t *testing.T) {
	p12 := t.TempDir()
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string
		check   func(t *testing.T, s Signing)
	}{
		{name: "default: the local CA in the data folder", env: map[string]string{"EOFFICE_DATA_DIR": "/srv/eoffice"},
			check: func(t *testing.T, s Signing) {
				if s.Keystore != KeystoreLocal || s.LocalDir != filepath.Join("/srv/eoffice", "signing-ca") {
					t.Errorf("%+v", s)
				}
			}},
		{name: "pkcs12", env: map[string]string{"EOFFICE_SIGNING_KEYSTORE": "pkcs12", "EOFFICE_SIGNING_P12_DIR": p12},
			check: func(t *testing.T, s Signing) {
				if s.P12Dir != p12 || s.PasswordDir != p12 {
					t.Errorf("%+v", s)
				}
			}},
		{name: "pkcs12 without its folder", env: map[string]string{"EOFFICE_SIGNING_KEYSTORE": "pkcs12", "EOFFICE_SIGNING_P12_DIR": filepath.Join(p12, "none")},
			wantErr: []string{"EOFFICE_SIGNING_P12_DIR", "EOFFICE_SIGNING_P12_PASSWORD_DIR"}},
		{name: "csc", env: map[string]string{"EOFFICE_SIGNING_KEYSTORE": "csc", "EOFFICE_SIGNING_CSC_URL": "https://ky.example.vn",
			"EOFFICE_SIGNING_CSC_CLIENT_ID": "eoffice", "EOFFICE_SIGNING_CSC_CLIENT_SECRET": "s3cret",
			"EOFFICE_SIGNING_CSC_CREDENTIALS": "person:u1=c1, agency:a1=c2"},
			check: func(t *testing.T, s Signing) {
				if s.CSC.Credentials["person:u1"] != "c1" || s.CSC.Credentials["agency:a1"] != "c2" || len(s.CSC.Credentials) != 2 {
					t.Errorf("%+v", s.CSC.Credentials)
				}
			}},
		{name: "csc incomplete", env: map[string]string{"EOFFICE_SIGNING_KEYSTORE": "csc", "EOFFICE_SIGNING_CSC_URL": "ftp://x",
			"EOFFICE_SIGNING_CSC_CREDENTIALS": "signer=c1"},
			wantErr: []string{"EOFFICE_SIGNING_CSC_URL", "EOFFICE_SIGNING_CSC_CLIENT_ID", "EOFFICE_SIGNING_CSC_CREDENTIALS"}},
		{name: "unknown keystore", env: map[string]string{"EOFFICE_SIGNING_KEYSTORE": "hsm"}, wantErr: []string{"EOFFICE_SIGNING_KEYSTORE"}},
		{name: "roots not PEM", env: map[string]string{"EOFFICE_SIGNING_ROOTS": filepath.Join(p12, "none.pem")}, wantErr: []string{"EOFFICE_SIGNING_ROOTS"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			envconftest.Only(t, tc.env)
			c, err := Load()
			if len(tc.wantErr) > 0 {
				envconftest.Named(t, err, tc.wantErr...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c.Signing)
		})
	}
}
