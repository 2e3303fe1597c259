package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Transport hands one message over.
type Transport interface {
	Send(ctx context.Context, e domain.Email) error
}

// SMTP sends through a mail server.
type SMTP struct {
	Addr     string // host:port (EOFFICE_SMTP_ADDR)
	User     string // EOFFICE_SMTP_USER; empty: no AUTH
	Password string // EOFFICE_SMTP_PASSWORD
	From     mail.Address
	// StartTLS: "auto" (when offered), "always" (refuse to send in clear) or
	// "never" (EOFFICE_SMTP_STARTTLS).
	StartTLS  string
	TLSConfig *tls.Config // nil: verify against the system roots
	Timeout   time.Duration
}

// Send delivers e over one SMTP session.
func (s SMTP) Send(ctx context.Context, e domain.Email) error {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if err := c.Hello("eoffice.localhost"); err != nil {
		return fmt.Errorf("smtp hello: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok && s.StartTLS != "never" {
		cfg := s.TLSConfig
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	} else if s.StartTLS == "always" {
		return errors.New("smtp: server does not offer STARTTLS")
	}
	if s.User != "" {
		// PlainAuth refuses to send the password in clear except to localhost.
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return fmt.Errorf("smtp auth: %w", err)
		}
	}
	if err := c.Mail(s.From.Address); err != nil {
		return fmt.Errorf("smtp mail from: %w", err)
	}
	if err := c.Rcpt(e.ToAddr); err != nil {
		return fmt.Errorf("smtp rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if _, err := w.Write(Compose(e, s.From)); err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	return c.Quit()
}

// Dir writes each message as <dir>/<id>.eml, for the one-machine stack with
// no mail server. A temporary file renamed into place means a reader never
// sees half a message, and writing the same e-mail again replaces it.
type Dir struct {
	Path string
	From mail.Address
}

// Send writes e.
func (d Dir) Send(_ context.Context, e domain.Email) error {
	if err := os.MkdirAll(d.Path, 0o700); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == '.' {
			return '_'
		}
		return r
	}, e.ID) + ".eml"
	tmp, err := os.CreateTemp(d.Path, ".tmp-*")
	if err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	renamed := false
	defer func() {
		if !renamed { // a failed write leaves no temporary file behind
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(Compose(e, d.From)); err != nil {
		tmp.Close()
		return fmt.Errorf("mail dir: %w", err)
	}
	// No fsync: the bar is a killed process, which the page cache survives
	// (as SQLite's synchronous=NORMAL), and a lost file after a power cut
	// is a dev drop folder's loss. Syncing each file cost half of
	// notifications' CPU during a fan-out's 3,000 e-mails.
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(d.Path, name)); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	renamed = true // the name is gone: removing it would be a wasted system call per e-mail
	return nil
}
