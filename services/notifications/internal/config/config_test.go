package config

import (
	"path/filepath"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.SMTPAddr != "" || c.StartTLS != "auto" || c.AllowPrivate || c.From.Address != "no-reply@eoffice.localhost" ||
				c.MailDir != filepath.Join("data", "mail") || c.WebURL != "http://127.0.0.1:8080" {
				t.Errorf("defaults = %+v", c)
			}
		}},
		{name: "smtp and webhooks set", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp.example.vn:587", "EOFFICE_SMTP_STARTTLS": "always",
			"EOFFICE_SMTP_FROM": "eOffice <eoffice@example.vn>", "EOFFICE_WEBHOOK_ALLOW_PRIVATE": "true", "EOFFICE_WEB_URL": "https://eoffice.example.vn"},
			check: func(t *testing.T, c Config) {
				if c.SMTPAddr != "smtp.example.vn:587" || c.StartTLS != "always" || c.From.Address != "eoffice@example.vn" ||
					!c.AllowPrivate || c.WebURL != "https://eoffice.example.vn" {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "smtp address without a port", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp.example.vn"}, wantErr: []string{"EOFFICE_SMTP_ADDR"}},
		{name: "every bad one named", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp", "EOFFICE_SMTP_STARTTLS": "maybe",
			"EOFFICE_SMTP_FROM": "not an address", "EOFFICE_WEBHOOK_ALLOW_PRIVATE": "sometimes"},
			wantErr: []string{"EOFFICE_SMTP_ADDR", "EOFFICE_SMTP_STARTTLS", "EOFFICE_SMTP_FROM", "EOFFICE_WEBHOOK_ALLOW_PRIVATE"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			envconftest.Only(t, tc.env)
			c, err := Load("data")
			if len(tc.wantErr) > 0 {
				envconftest.Named(t, err, tc.wantErr...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}
