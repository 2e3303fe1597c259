package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
	"github.com/eoffice-vn/eoffice/pkg/testtls"
)

func TestLoad(t *testing.T) {
	ca := testtls.New(t).CAFile()
	junk := filepath.Join(t.TempDir(), "junk.pem")
	if err := os.WriteFile(junk, []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.SMTPAddr != "" || c.SMTPMode != "starttls" || c.SMTPAuth != "none" || c.SMTPRootCAs != nil || c.AllowPrivate || c.MailPaused || c.From.Address != "no-reply@eoffice.localhost" ||
				c.MailDir != filepath.Join("data", "mail") || c.WebURL != "http://127.0.0.1:8080" || c.EmailRetention != DefaultRetention || c.WebhookRetention != DefaultRetention {
				t.Errorf("defaults = %+v", c)
			}
		}},
		{name: "smtp and webhooks set", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp.example.vn:587", "EOFFICE_SMTP_MODE": "SMTPS",
			"EOFFICE_SMTP_USER": "eoffice", "EOFFICE_SMTP_PASSWORD": "mat-khau", "EOFFICE_SMTP_CA_FILE": ca,
			"EOFFICE_SMTP_FROM": "eOffice <eoffice@example.vn>", "EOFFICE_WEBHOOK_ALLOW_PRIVATE": "true", "EOFFICE_WEB_URL": "https://eoffice.example.vn",
			"EOFFICE_MAIL_PAUSED": "true", "EOFFICE_EMAIL_RETENTION": "2160h", "EOFFICE_WEBHOOK_RETENTION": "72h"},
			check: func(t *testing.T, c Config) {
				if c.SMTPAddr != "smtp.example.vn:587" || c.SMTPMode != "smtps" || c.SMTPAuth != "plain" || c.SMTPRootCAs == nil || c.From.Address != "eoffice@example.vn" ||
					!c.AllowPrivate || !c.MailPaused || c.WebURL != "https://eoffice.example.vn" || c.EmailRetention != 90*24*time.Hour || c.WebhookRetention != 72*time.Hour {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "smtp address without a port", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp.example.vn"}, wantErr: []string{"EOFFICE_SMTP_ADDR"}},
		{name: "login", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp.example.vn:465", "EOFFICE_SMTP_MODE": "smtps",
			"EOFFICE_SMTP_AUTH": "login", "EOFFICE_SMTP_USER": "eoffice", "EOFFICE_SMTP_PASSWORD": "mat-khau"},
			check: func(t *testing.T, c Config) {
				if c.SMTPAuth != "login" || c.SMTPRootCAs != nil {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "every bad one named", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp", "EOFFICE_SMTP_MODE": "maybe",
			"EOFFICE_SMTP_AUTH": "cram-md5", "EOFFICE_SMTP_CA_FILE": "/nonexistent/ca.pem",
			"EOFFICE_SMTP_FROM": "not an address", "EOFFICE_WEBHOOK_ALLOW_PRIVATE": "sometimes", "EOFFICE_MAIL_PAUSED": "later",
			"EOFFICE_EMAIL_RETENTION": "a month", "EOFFICE_WEBHOOK_RETENTION": "-1h"},
			wantErr: []string{"EOFFICE_SMTP_ADDR", "EOFFICE_SMTP_MODE", "EOFFICE_SMTP_AUTH", "EOFFICE_SMTP_CA_FILE", "EOFFICE_SMTP_FROM", "EOFFICE_WEBHOOK_ALLOW_PRIVATE", "EOFFICE_MAIL_PAUSED",
				"EOFFICE_EMAIL_RETENTION", "EOFFICE_WEBHOOK_RETENTION"}},
		{name: "a retention of nothing", env: map[string]string{"EOFFICE_EMAIL_RETENTION": "0s"}, wantErr: []string{"EOFFICE_EMAIL_RETENTION"}},
		{name: "old STARTTLS switch refused", env: map[string]string{"EOFFICE_SMTP_STARTTLS": "always"}, wantErr: []string{"EOFFICE_SMTP_MODE"}},
		{name: "auth without a user", env: map[string]string{"EOFFICE_SMTP_AUTH": "plain"}, wantErr: []string{"EOFFICE_SMTP_USER"}},
		{name: "a user without auth", env: map[string]string{"EOFFICE_SMTP_AUTH": "none", "EOFFICE_SMTP_USER": "eoffice"}, wantErr: []string{"EOFFICE_SMTP_AUTH"}},
		{name: "a password in clear text to another host", env: map[string]string{"EOFFICE_SMTP_ADDR": "smtp.example.vn:25", "EOFFICE_SMTP_MODE": "none",
			"EOFFICE_SMTP_USER": "eoffice", "EOFFICE_SMTP_PASSWORD": "mat-khau"}, wantErr: []string{"EOFFICE_SMTP_MODE"}},
		{name: "clear text to localhost", env: map[string]string{"EOFFICE_SMTP_ADDR": "127.0.0.1:1025", "EOFFICE_SMTP_MODE": "none",
			"EOFFICE_SMTP_USER": "eoffice", "EOFFICE_SMTP_PASSWORD": "mat-khau"},
			check: func(t *testing.T, c Config) {
				if c.SMTPMode != "none" || c.SMTPAuth != "plain" {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "a CA file without a certificate", env: map[string]string{"EOFFICE_SMTP_CA_FILE": junk}, wantErr: []string{"no PEM certificate"}},
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
