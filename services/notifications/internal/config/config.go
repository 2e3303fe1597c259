// Package config reads the notifications service's own settings from the
// environment (the shared ones are svc.Config's) and validates them.
package config

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// Config is what the notifications service reads beyond svc.Config.
type Config struct {
	SMTPAddr     string         // EOFFICE_SMTP_ADDR (host:port); empty: .eml files under MailDir
	SMTPMode     string         // EOFFICE_SMTP_MODE: starttls (default, required), smtps or none
	SMTPAuth     string         // EOFFICE_SMTP_AUTH: plain, login or none; default plain with a user, else none
	SMTPUser     string         // EOFFICE_SMTP_USER
	SMTPPassword string         // EOFFICE_SMTP_PASSWORD
	SMTPCAFile   string         // EOFFICE_SMTP_CA_FILE: PEM CAs the server's certificate is checked against
	SMTPRootCAs  *x509.CertPool // read from SMTPCAFile; nil: the system roots
	From         mail.Address   // EOFFICE_SMTP_FROM
	MailDir      string         // <EOFFICE_DATA_DIR>/mail
	AllowPrivate bool           // EOFFICE_WEBHOOK_ALLOW_PRIVATE
	WebURL       string         // EOFFICE_WEB_URL: links in e-mails
	// MailPaused leaves e-mails queued instead of sent
	// (EOFFICE_MAIL_PAUSED): for loading history in bulk (the bench's
	// province), whose mails nobody reads; started again without it, the
	// service sends them.
	MailPaused bool
	// EmailRetention is how long a sent e-mail is kept, for support, before
	// it is deleted (EOFFICE_EMAIL_RETENTION, default 30 days): a province
	// sends millions a year, each a few kilobytes. Pending and given-up
	// e-mails are kept.
	EmailRetention time.Duration
	// WebhookRetention is how long a finished webhook delivery stays in
	// its webhook's log (EOFFICE_WEBHOOK_RETENTION, default 30 days).
	WebhookRetention time.Duration
}

// DefaultRetention is the default of EOFFICE_EMAIL_RETENTION and
// EOFFICE_WEBHOOK_RETENTION.
const DefaultRetention = 30 * 24 * time.Hour

// Load reads and validates the settings; every problem is reported at
// once. dataDir is svc.Config.DataDir.
func Load(dataDir string) (Config, error) {
	c := Config{
		SMTPAddr:     envconf.Env("EOFFICE_SMTP_ADDR", ""),
		SMTPUser:     envconf.Env("EOFFICE_SMTP_USER", ""),
		SMTPPassword: envconf.Env("EOFFICE_SMTP_PASSWORD", ""),
		SMTPMode:     strings.ToLower(envconf.Env("EOFFICE_SMTP_MODE", "starttls")),
		SMTPAuth:     strings.ToLower(envconf.Env("EOFFICE_SMTP_AUTH", "")),
		SMTPCAFile:   envconf.Env("EOFFICE_SMTP_CA_FILE", ""),
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
	errs = append(errs, c.checkSMTP()...)
	var err error
	if c.AllowPrivate, err = envconf.EnvBool("EOFFICE_WEBHOOK_ALLOW_PRIVATE", false); err != nil {
		errs = append(errs, err)
	}
	if c.MailPaused, err = envconf.EnvBool("EOFFICE_MAIL_PAUSED", false); err != nil {
		errs = append(errs, err)
	}
	for _, r := range []struct {
		key string
		dst *time.Duration
	}{{"EOFFICE_EMAIL_RETENTION", &c.EmailRetention}, {"EOFFICE_WEBHOOK_RETENTION", &c.WebhookRetention}} {
		*r.dst = DefaultRetention
		if v := envconf.Env(r.key, ""); v != "" {
			if *r.dst, err = time.ParseDuration(v); err != nil || *r.dst <= 0 {
				errs = append(errs, fmt.Errorf("%s must be a positive duration such as 720h, not %q", r.key, v))
			}
		}
	}
	return c, errors.Join(errs...)
}

// checkSMTP validates the mail server's settings and reads the CA file.
func (c *Config) checkSMTP() []error {
	var errs []error
	if envconf.Env("EOFFICE_SMTP_STARTTLS", "") != "" {
		errs = append(errs, errors.New("EOFFICE_SMTP_STARTTLS is replaced by EOFFICE_SMTP_MODE: starttls (the default; "+
			"a server that does not offer STARTTLS gets no mail), smtps (TLS from the first byte, port 465) or none (clear text, for local tests)"))
	}
	switch c.SMTPMode {
	case "starttls", "smtps", "none":
	default:
		errs = append(errs, fmt.Errorf("EOFFICE_SMTP_MODE %q: want starttls, smtps or none", c.SMTPMode))
	}
	if c.SMTPAuth == "" {
		c.SMTPAuth = "none"
		if c.SMTPUser != "" {
			c.SMTPAuth = "plain"
		}
	}
	switch c.SMTPAuth {
	case "plain", "login":
		if c.SMTPUser == "" || c.SMTPPassword == "" {
			errs = append(errs, fmt.Errorf("EOFFICE_SMTP_AUTH %s needs EOFFICE_SMTP_USER and EOFFICE_SMTP_PASSWORD", c.SMTPAuth))
		}
	case "none":
		if c.SMTPUser != "" || c.SMTPPassword != "" {
			errs = append(errs, errors.New("EOFFICE_SMTP_USER or _PASSWORD set but EOFFICE_SMTP_AUTH is none"))
		}
	default:
		errs = append(errs, fmt.Errorf("EOFFICE_SMTP_AUTH %q: want plain, login or none", c.SMTPAuth))
	}
	// The mail library sends a password in clear text to localhost only
	// (as net/smtp does): said at start rather than at the first e-mail.
	if host, _, err := net.SplitHostPort(c.SMTPAddr); err == nil && c.SMTPMode == "none" && c.SMTPAuth != "none" &&
		host != "localhost" && host != "127.0.0.1" && host != "::1" {
		errs = append(errs, fmt.Errorf("EOFFICE_SMTP_MODE none with EOFFICE_SMTP_AUTH %s: a password goes in clear text to localhost only", c.SMTPAuth))
	}
	if c.SMTPCAFile != "" {
		pem, err := os.ReadFile(c.SMTPCAFile)
		if err != nil {
			return append(errs, fmt.Errorf("EOFFICE_SMTP_CA_FILE: %w", err))
		}
		c.SMTPRootCAs = x509.NewCertPool()
		if !c.SMTPRootCAs.AppendCertsFromPEM(pem) {
			errs = append(errs, fmt.Errorf("EOFFICE_SMTP_CA_FILE %s: no PEM certificate in it", c.SMTPCAFile))
		}
	}
	return errs
}
