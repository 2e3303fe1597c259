// Package testsmtp runs a real SMTP server (go-smtp) inside a test, so the
// mail code is tested against the protocol rather than a mock of the
// client. It keeps what it accepts, can refuse the first messages with a
// temporary error, and can require PLAIN authentication.
package testsmtp

import (
	"errors"
	"io"
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
}

// Server is the running server.
type Server struct {
	Addr string

	mu        sync.Mutex
	failFirst int
	user, pw  string
	tries     int
	got       []Message
}

// Option configures a Server.
type Option func(*Server)

// FailFirst refuses the first n messages with 451 (try again later).
func FailFirst(n int) Option { return func(s *Server) { s.failFirst = n } }

// RequireAuth accepts mail only after PLAIN authentication as user.
func RequireAuth(user, password string) Option {
	return func(s *Server) { s.user, s.pw = user, password }
}

// Start runs a server on a free loopback port until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{}
	for _, o := range opts {
		o(s)
	}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
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

// NewSession implements smtp.Backend.
func (s *Server) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }

type session struct {
	srv      *Server
	authed   bool
	from, to string
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pw string) error {
		if s.srv.user == "" || user != s.srv.user || pw != s.srv.pw {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

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
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.tries++
	if s.srv.tries <= s.srv.failFirst {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.srv.got = append(s.srv.got, Message{From: s.from, To: s.to, Data: b})
	return nil
}
