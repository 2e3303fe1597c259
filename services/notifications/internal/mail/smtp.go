package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// How the connection to the mail server is protected (EOFFICE_SMTP_MODE).
const (
	ModeSMTPS    = "smtps"    // TLS from the first byte, usually port 465
	ModeSTARTTLS = "starttls" // STARTTLS, required: a server that does not offer it gets no mail
	ModeNone     = "none"     // clear text: local development and tests only
)

// How the sender authenticates (EOFFICE_SMTP_AUTH).
const (
	AuthNone  = "none"
	AuthPlain = "plain"
	AuthLogin = "login"
)

// SMTPConfig is the mail server and how to reach it.
type SMTPConfig struct {
	Addr     string // host:port (EOFFICE_SMTP_ADDR)
	Mode     string // ModeSMTPS, ModeSTARTTLS or ModeNone; empty: ModeSTARTTLS
	Auth     string // AuthNone, AuthPlain or AuthLogin; empty: AuthPlain with a User, else AuthNone
	User     string // EOFFICE_SMTP_USER
	Password string // EOFFICE_SMTP_PASSWORD
	From     mail.Address
	// RootCAs verify the server's certificate (EOFFICE_SMTP_CA_FILE, for a
	// private CA); nil: the system roots.
	RootCAs *x509.CertPool
	Timeout time.Duration // each SMTP command's; default 30 s
	// IdleTimeout closes a connection no e-mail has used for this long;
	// default 30 s, well under the 5 minutes servers wait (RFC 5321).
	IdleTimeout time.Duration
}

// SMTP sends through a mail server over one connection kept open while
// e-mails keep coming: a batch of the outbox goes over one session (one
// TLS handshake, one AUTH). The connection is checked (NOOP) before each
// message and dialled again when the server closed it meanwhile; after any
// other failure it is closed, and the e-mail stays queued for its retry.
type SMTP struct {
	cfg    SMTPConfig
	client *gomail.Client // settings only: the connection is conn
	tls    *tls.Config

	mu   sync.Mutex
	conn *gosmtp.Client // nil: not connected
	raw  net.Conn       // conn's socket, closed whatever state the session is in
	idle *time.Timer
}

// NewSMTP checks cfg and returns the transport; it connects at the first
// e-mail.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	host, portStr, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("smtp address %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port <= 0 || port > 65535 {
		return nil, fmt.Errorf("smtp address %q: bad port", cfg.Addr)
	}
	if cfg.Mode == "" {
		cfg.Mode = ModeSTARTTLS
	}
	if cfg.Auth == "" {
		cfg.Auth = AuthNone
		if cfg.User != "" {
			cfg.Auth = AuthPlain
		}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Second
	}
	s := &SMTP{cfg: cfg, tls: &tls.Config{ServerName: host, RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12}}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(cfg.Timeout), gomail.WithTLSConfig(s.tls),
		gomail.WithDialContextFunc(s.dial)}
	switch cfg.Mode {
	case ModeSMTPS:
		// s.dial speaks TLS from the first byte; go-mail must not try STARTTLS on top.
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case ModeSTARTTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case ModeNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("smtp mode %q: want smtps, starttls or none", cfg.Mode)
	}
	switch cfg.Auth {
	case AuthNone:
		if cfg.User != "" {
			return nil, errors.New("smtp: a user name without an AUTH mechanism")
		}
	case AuthPlain, AuthLogin:
		if cfg.User == "" {
			return nil, fmt.Errorf("smtp AUTH %s: no user name", cfg.Auth)
		}
		// go-mail's PLAIN and LOGIN refuse to send the password over a
		// connection that is not encrypted (but to localhost): mode none
		// with AUTH works on one machine only.
		mech := gomail.SMTPAuthPlain
		if cfg.Auth == AuthLogin {
			mech = gomail.SMTPAuthLogin
		}
		opts = append(opts, gomail.WithSMTPAuth(mech), gomail.WithUsername(cfg.User), gomail.WithPassword(cfg.Password))
	default:
		return nil, fmt.Errorf("smtp AUTH %q: want plain, login or none", cfg.Auth)
	}
	if s.client, err = gomail.NewClient(host, opts...); err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return s, nil
}

// dial opens the socket, TLS from the start in SMTPS mode; it keeps it so
// that a session that fails half-way (no STARTTLS, AUTH refused) is closed.
func (s *SMTP) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{}
	var c net.Conn
	var err error
	if s.cfg.Mode == ModeSMTPS {
		c, err = (&tls.Dialer{NetDialer: d, Config: s.tls}).DialContext(ctx, network, addr)
	} else {
		c, err = d.DialContext(ctx, network, addr)
	}
	s.raw = c
	return c, err
}

// Send delivers e, over the open connection when there is one.
func (s *SMTP) Send(ctx context.Context, e domain.Email) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idle != nil {
		s.idle.Stop()
	}
	msg := Message(e, s.cfg.From)
	if s.conn != nil {
		err := s.client.SendWithSMTPClient(s.conn, msg)
		var se *gomail.SendError
		if err == nil || !errors.As(err, &se) || se.Reason != gomail.ErrConnCheck {
			return s.after(err)
		}
		// The server closed the connection while it was idle (NOOP
		// failed): nothing of this e-mail was sent; connect again.
		s.closeLocked()
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	conn, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		s.closeLocked() // the socket of a session that failed half-way
		return fmt.Errorf("smtp %s: %w", s.cfg.Addr, err)
	}
	s.conn = conn
	return s.after(s.client.SendWithSMTPClient(conn, msg))
}

// after keeps the connection for the next e-mail after a success, closes
// it after a failure (its state is unknown), and words the error.
func (s *SMTP) after(err error) error {
	if err != nil {
		s.closeLocked()
		return fmt.Errorf("smtp %s: %w", s.cfg.Addr, err)
	}
	s.idle = time.AfterFunc(s.cfg.IdleTimeout, func() { _ = s.Close() })
	return nil
}

// Close ends the session (QUIT) and closes the connection.
func (s *SMTP) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idle != nil {
		s.idle.Stop()
	}
	s.closeLocked()
	return nil
}

func (s *SMTP) closeLocked() {
	if s.conn != nil {
		if s.raw != nil { // a polite QUIT, but not a long wait for a server gone quiet
			_ = s.raw.SetDeadline(time.Now().Add(2 * time.Second))
		}
		_ = s.conn.Quit()
		s.conn = nil
	}
	if s.raw != nil {
		_ = s.raw.Close()
		s.raw = nil
	}
}
