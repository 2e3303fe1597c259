package config

import (
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name     string
		env      map[string]string
		wantErr  []string
		rotation time.Duration
		proxies  int
	}{
		{name: "defaults", rotation: app.DefaultKeyRotation, proxies: 2},
		{name: "days", env: map[string]string{"EOFFICE_KEY_ROTATION_INTERVAL": "7d"}, rotation: 7 * 24 * time.Hour, proxies: 2},
		{name: "duration and proxies", env: map[string]string{"EOFFICE_KEY_ROTATION_INTERVAL": "90m",
			"EOFFICE_IDENTITY_TRUSTED_PROXIES": "10.0.0.0/8,192.168.1.5"}, rotation: 90 * time.Minute, proxies: 2},
		{name: "too short", env: map[string]string{"EOFFICE_KEY_ROTATION_INTERVAL": "30s"}, wantErr: []string{"EOFFICE_KEY_ROTATION_INTERVAL"}},
		{name: "old proxy switch refused", env: map[string]string{"EOFFICE_TRUST_PROXY": "1"}, wantErr: []string{"EOFFICE_TRUST_PROXY"}},
		{name: "both bad, both named", env: map[string]string{"EOFFICE_KEY_ROTATION_INTERVAL": "soon", "EOFFICE_IDENTITY_TRUSTED_PROXIES": "everyone"},
			wantErr: []string{"EOFFICE_KEY_ROTATION_INTERVAL", "EOFFICE_IDENTITY_TRUSTED_PROXIES"}},
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
			if c.KeyRotation != tc.rotation || len(c.TrustedProxies) != tc.proxies {
				t.Errorf("got rotation %v, proxies %v", c.KeyRotation, c.TrustedProxies)
			}
		})
	}
}

func TestServiceClientSecrets(t *testing.T) {
	long := "0123456789abcdef0123456789abcdef0123"
	envconftest.Only(t, map[string]string{"EOFFICE_EXCHANGE_CLIENT_SECRET": long, "EOFFICE_WEB_CLIENT_SECRET": long + "w"})
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	secrets := map[string]string{}
	for _, sc := range c.ServiceClients {
		secrets[sc.ID] = sc.Secret
	}
	if len(secrets) != 3 || secrets["svc-exchange"] != long || secrets["svc-documents"] != "" || secrets["svc-web"] != long+"w" {
		t.Fatalf("service clients = %+v", c.ServiceClients)
	}
	envconftest.Only(t, map[string]string{"EOFFICE_DOCUMENTS_CLIENT_SECRET": "short"})
	_, err = Load()
	envconftest.Named(t, err, "EOFFICE_DOCUMENTS_CLIENT_SECRET")
}
