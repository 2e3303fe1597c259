package mail_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/testtls"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

// TestSMTPSecurity: SMTPS and STARTTLS against a server with a test CA's
// certificate, PLAIN and LOGIN, and the refusals: each case sends one
// e-mail through the sender; a refused one stays queued for its retry.
func TestSMTPSecurity(t *testing.T) {
	ca := testtls.New(t)
	cert := ca.ServerConfig("localhost", "127.0.0.1")
	pool := ca.Pool()
	const user, pw = "eoffice", "mat-khau-dung"
	tests := []struct {
		name     string
		server   []testsmtp.Option
		cfg      mail.SMTPConfig // Addr filled in
		wantSent bool
		wantErr  string
	}{
		{"smtps, plain", []testsmtp.Option{testsmtp.SMTPS(cert), testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Mode: mail.ModeSMTPS, Auth: mail.AuthPlain, User: user, Password: pw, RootCAs: pool}, true, ""},
		{"smtps, login", []testsmtp.Option{testsmtp.SMTPS(cert), testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Mode: mail.ModeSMTPS, Auth: mail.AuthLogin, User: user, Password: pw, RootCAs: pool}, true, ""},
		{"starttls, plain", []testsmtp.Option{testsmtp.StartTLS(cert), testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Auth: mail.AuthPlain, User: user, Password: pw, RootCAs: pool}, true, ""},
		{"starttls, login only offered", []testsmtp.Option{testsmtp.StartTLS(cert), testsmtp.RequireAuth(user, pw), testsmtp.Mechanisms(sasl.Login)},
			mail.SMTPConfig{Mode: mail.ModeSTARTTLS, Auth: mail.AuthLogin, User: user, Password: pw, RootCAs: pool}, true, ""},
		{"plain wanted, login only offered", []testsmtp.Option{testsmtp.StartTLS(cert), testsmtp.RequireAuth(user, pw), testsmtp.Mechanisms(sasl.Login)},
			mail.SMTPConfig{Auth: mail.AuthPlain, User: user, Password: pw, RootCAs: pool}, false, "PLAIN"},
		{"starttls required, not offered", []testsmtp.Option{testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Auth: mail.AuthPlain, User: user, Password: pw, RootCAs: pool}, false, "does not support STARTTLS"},
		{"smtps, CA not trusted", []testsmtp.Option{testsmtp.SMTPS(cert)},
			mail.SMTPConfig{Mode: mail.ModeSMTPS}, false, "certificate"},
		{"starttls, CA not trusted", []testsmtp.Option{testsmtp.StartTLS(cert)},
			mail.SMTPConfig{}, false, "certificate"},
		{"wrong password", []testsmtp.Option{testsmtp.SMTPS(cert), testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Mode: mail.ModeSMTPS, Auth: mail.AuthPlain, User: user, Password: "sai", RootCAs: pool}, false, "AUTH"},
		{"no credentials", []testsmtp.Option{testsmtp.SMTPS(cert), testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Mode: mail.ModeSMTPS, RootCAs: pool}, false, "530"},
		{"clear text to loopback, login", []testsmtp.Option{testsmtp.RequireAuth(user, pw)},
			mail.SMTPConfig{Mode: mail.ModeNone, Auth: mail.AuthLogin, User: user, Password: pw}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
				s, out := setup(t, db)
				srv := testsmtp.Start(t, tt.server...)
				cfg := tt.cfg
				cfg.Addr = srv.Addr
				e := queue(t, db, s, "n1", domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
				snd := mail.NewSender(s, out, newSMTP(t, cfg), fast, quiet)
				if _, err := snd.RunOnce(context.Background()); err != nil {
					t.Fatal(err)
				}
				got, err := s.Email(context.Background(), db, e.ID)
				if err != nil {
					t.Fatal(err)
				}
				if sent := got.Status == domain.EmailSent; sent != tt.wantSent {
					t.Fatalf("status %s (%s)", got.Status, got.LastError)
				}
				msgs := srv.Messages()
				if tt.wantSent {
					if len(msgs) != 1 || msgs[0].TLS != (cfg.Mode != mail.ModeNone) {
						t.Fatalf("server has %d messages (%+v)", len(msgs), msgs)
					}
					return
				}
				// Refused: nothing reached the server, and the e-mail waits
				// for its retry, its error saying why.
				if len(msgs) != 0 || got.Status != domain.EmailPending || got.Attempts != 1 {
					t.Fatalf("refused e-mail: %d messages on the server, status %s, attempts %d", len(msgs), got.Status, got.Attempts)
				}
				if !strings.Contains(got.LastError, tt.wantErr) {
					t.Errorf("last error %q lacks %q", got.LastError, tt.wantErr)
				}
				if strings.Contains(got.LastError, "mat-khau") {
					t.Errorf("the password leaked into the error")
				}
			})
		})
	}
}

// TestSMTPReusesOneConnection: a batch goes over one connection; when the
// server has closed it meanwhile, the next batch connects again without
// costing any e-mail an attempt.
func TestSMTPReusesOneConnection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		ca := testtls.New(t)
		srv := testsmtp.Start(t, testsmtp.SMTPS(ca.ServerConfig("127.0.0.1")), testsmtp.RequireAuth("eoffice", "mat-khau"))
		tr := newSMTP(t, mail.SMTPConfig{Addr: srv.Addr, Mode: mail.ModeSMTPS, User: "eoffice", Password: "mat-khau", RootCAs: ca.Pool()})
		snd := mail.NewSender(s, out, tr, fast, quiet)
		send := func(ids ...string) {
			t.Helper()
			for _, id := range ids {
				queue(t, db, s, id, domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
			}
			if n, err := snd.RunOnce(context.Background()); err != nil || n != len(ids) {
				t.Fatalf("recorded %d, %v", n, err)
			}
		}
		send("a1", "a2", "a3", "a4", "a5")
		if c := srv.Connections(); c != 1 {
			t.Fatalf("5 e-mails took %d connections, want 1", c)
		}
		srv.DropConnections() // as a server does with an idle one
		send("b1", "b2", "b3")
		if c := srv.Connections(); c != 2 {
			t.Fatalf("after the server closed the first, %d connections, want 2", c)
		}
		perConn := map[int]int{}
		for _, m := range srv.Messages() {
			perConn[m.Conn]++
		}
		if len(srv.Messages()) != 8 || perConn[1] != 5 || perConn[2] != 3 {
			t.Fatalf("messages per connection %v", perConn)
		}
		for _, id := range []string{"a1", "b1", "b3"} {
			if e, _ := s.Email(context.Background(), db, id); e.Status != domain.EmailSent || e.Attempts != 1 {
				t.Errorf("%s: %s after %d attempts", id, e.Status, e.Attempts)
			}
		}
	})
}

func TestComposeIsCRLFAndStable(t *testing.T) {
	e := domain.Email{ID: "n-1", MessageID: domain.MessageIDFor("n-1"), ToName: "Trần Văn Hùng", ToAddr: "hung@example.vn",
		Subject: "[Hỏa tốc] Nhiệm vụ mới", Text: "Dòng một\nDòng hai", HTML: "<p>Dòng một</p>\n<p>Dòng hai</p>",
		CreatedAt: time.Date(2026, 12, 7, 1, 2, 3, 0, time.UTC)}
	a, err := mail.Compose(e, from)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := mail.Compose(e, from)
	if !bytes.Equal(a, b) {
		t.Fatal("two compositions differ")
	}
	if n := bytes.Count(a, []byte("\n")); n != bytes.Count(a, []byte("\r\n")) {
		t.Fatalf("bare line feeds in\n%s", a)
	}
	for _, want := range []string{"Date: Mon, 07 Dec 2026 08:02:03 +0700", "Message-ID: <n-1@notifications.eoffice>",
		"Auto-Submitted: auto-generated", "boundary=eoffice-n1"} {
		if !strings.Contains(string(a), want) {
			t.Errorf("message lacks %q:\n%s", want, a)
		}
	}
}
