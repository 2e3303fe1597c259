// Package config reads the notifications service's own settings from the
// environment (the shared ones are svc.Config's) and validates them.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"path/filepath"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// Config is what the notifications service reads beyond svc.Config.
type Config struct {
	SMTPAddr     string       // EOFFICE_SMTP_ADDR; empty: .eml files under MailDir
	SMTPUser     string       // EOFFICE_SMTP_USER
	SMTPPassword string       // EOFFICE_SMTP_PASSWORD
	From         mail.Address // EOFFICE_SMTP_FROM
	StartTLS     string       // EOFFICE_SMTP_STARTTLS: auto, always, never
	MailDir      string       // <EOFFICE_DATA_DIR>/mail
	AllowPrivate bool         // EOFFICE_WEBHOOK_ALLOW_PRIVATE
	WebURL       string       // EOFFICE_WEB_URL: links in e-mails
}

// Load reads and validates the settings; every problem is reported at
// once. dataDir is svc.Config.DataDir.
func Load(dataDir string) (Config, error) {
	c := Config{
		SMTPAddr:     envconf.Env("EOFFICE_SMTP_ADDR", ""),
		SMTPUser:     envconf.Env("EOFFICE_SMTP_USER", ""),
		SMTPPassword: envconf.Env("EOFFICE_SMTP_PASSWORD", ""),
		StartTLS:     envconf.Env("EOFFICE_SMTP_STARTTLS", "auto"),
		MailDir:      filepath.Join(dataDir, "mail"),
		WebURL:       envconf.Env("EOFFICE_WEB_URL", "http://"+envconf.Env("EOFFICE_WEB_ADDR", "127.0.0.1:8080")),
	}
	var errs []error
	if from, err := mail.ParseAddress(envconf.Env("EOFFICE_SMTP_FROM", "Hệ thống eOffice <no-reply@eoffice.localhost>")); err != nil {
		errs = append(errs, fmt.Errorf("EOFFICE_SMTP_FROM: %w", err))
	} else {
		c.From = *from
	}
	if c.SMTPAddr != "" {
		if _, _, err := net.SplitHostPort(c.SMTPAddr); err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_SMTP_ADDR %q: %w", c.SMTPAddr, err))
		}
	}
	switch c.StartTLS {
	case "auto", "always", "never":
	default:
		errs = append(errs, fmt.Errorf("EOFFICE_SMTP_STARTTLS %q: want auto, always or never", c.StartTLS))
	}
	var err error
	if c.AllowPrivate, err = envconf.EnvBool("EOFFICE_WEBHOOK_ALLOW_PRIVATE", false); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}
