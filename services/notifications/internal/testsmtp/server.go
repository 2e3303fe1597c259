// Package testsmtp runs a real SMTP server (go-smtp) inside a test, so the
// mail code is tested against the protocol rather than a mock of the
// client. It keeps what it accepts, counts the connections it was given,
// can refuse the first messages with a temporary error, can require PLAIN
// or LOGIN authentication, and can speak TLS from the first byte (SMTPS)
// or offer STARTTLS, with a test CA's certificate.
package testsmtp

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one accepted message.
type Message struct {
	From, To string
	Data     []byte
	Conn     int // the number of the connection it came on, from 1
	TLS      bool
}

// Server is the running server.
type Server struct {
	Addr string

	mu        sync.Mutex
	failFirst int
	user, pw  string
	mechs     []string
	tls       *tls.Config
	smtps     bool
	conns     int
	open      int
	tries     int
	got       []Message
	live      map[*smtp.Conn]bool
}

// Option configures a Server.
type Option func(*Server)

// FailFirst refuses the first n messages with 451 (try again later).
func FailFirst(n int) Option { return func(s *Server) { s.failFirst = n } }

// RequireAuth accepts mail only after authentication as user, offering
// PLAIN and LOGIN.
func RequireAuth(user, password string) Option {
	return func(s *Server) { s.user, s.pw = user, password }
}

// Mechanisms limits the AUTH mechanisms offered (sasl.Plain, sasl.Login).
func Mechanisms(m ...string) Option { return func(s *Server) { s.mechs = m } }

// StartTLS offers STARTTLS with cfg's certificate. Without it (and without
// SMTPS) the server speaks only clear text and does not offer STARTTLS.
func StartTLS(cfg *tls.Config) Option { return func(s *Server) { s.tls = cfg } }

// SMTPS speaks TLS from the first byte, with cfg's certificate.
func SMTPS(cfg *tls.Config) Option { return func(s *Server) { s.tls, s.smtps = cfg, true } }

// Start runs a server on a free loopback port until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{mechs: []string{sasl.Plain, sasl.Login}}
	for _, o := range opts {
		o(s)
	}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are cases of the tests, not noise for their output
	srv.AllowInsecureAuth = true              // the client's side refuses to authenticate in clear; that is what is tested
	var ln net.Listener
	var err error
	if s.smtps {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", s.tls)
	} else {
		srv.TLSConfig = s.tls // nil: no STARTTLS offered
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages returns what the server accepted, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.got...)
}

// Tries counts the DATA commands received, accepted or refused.
func (s *Server) Tries() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tries
}

// Connections counts the connections (SMTP sessions) the server was given.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Open counts the connections not yet closed.
func (s *Server) Open() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open
}

// DropConnections closes every open connection, as a server does with
// idle ones.
func (s *Server) DropConnections() {
	s.mu.Lock()
	live := make([]*smtp.Conn, 0, len(s.live))
	for c := range s.live {
		live = append(live, c)
	}
	s.mu.Unlock()
	for _, c := range live {
		_ = c.Close()
	}
}

// NewSession implements smtp.Backend; it is called once per connection.
func (s *Server) NewSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conns++
	s.open++
	if s.live == nil {
		s.live = map[*smtp.Conn]bool{}
	}
	s.live[c] = true
	return &session{srv: s, conn: s.conns, c: c}, nil
}

type session struct {
	srv      *Server
	conn     int
	c        *smtp.Conn
	authed   bool
	from, to string
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}

func (s *session) AuthMechanisms() []string { return s.srv.mechs }

func (s *session) check(user, pw string) error {
	if s.srv.user == "" || user != s.srv.user || pw != s.srv.pw {
		return errors.New("invalid credentials")
	}
	s.authed = true
	return nil
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pw string) error { return s.check(user, pw) }), nil
	case sasl.Login:
		return &loginServer{check: s.check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (s *session) Reset() {}

func (s *session) Logout() error {
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.open--
	delete(s.srv.live, s.c)
	return nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.user != "" && !s.authed {
		return errAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.c.TLSConnectionState()
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.tries++
	if s.srv.tries <= s.srv.failFirst {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.srv.got = append(s.srv.got, Message{From: s.from, To: s.to, Data: b, Conn: s.conn, TLS: isTLS})
	return nil
}

// loginServer is the server side of AUTH LOGIN (go-sasl has only the
// client's): it asks for the user name, then the password.
type loginServer struct {
	check func(user, pw string) error
	user  string
	step  int
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		if response != nil { // the user name as initial response
			l.user, l.step = string(response), 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(response)
		return []byte("Password:"), false, nil
	default:
		return nil, true, l.check(l.user, string(response))
	}
}
