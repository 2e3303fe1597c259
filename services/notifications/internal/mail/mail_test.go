package mail_test

import (
	"context"
	"io"
	"log/slog"
	"mime"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

var from = netmail.Address{Name: "Hệ thống eOffice", Address: "no-reply@eoffice.test"}

func queue(t *testing.T, db *pkgstore.DB, s *store.Store, id string, u domain.Urgency, at time.Time) domain.Email {
	t.Helper()
	msg := templates.TaskAssigned{TaskID: "t-" + id, Title: "Tuyên truyền PAPI", SourceNotation: "07/CT-UBND",
		UnitName: "Sở Thông tin và Truyền thông", Role: "lead", DueDate: "2022-12-31", Urgency: u}.Render()
	m := templates.RenderEmail(msg, "Trần Văn Hùng", "https://eoffice.example.vn")
	e := domain.Email{ID: id, MessageID: domain.MessageIDFor(id), UserID: "u-" + id, ToName: "Trần Văn Hùng",
		ToAddr: id + "@example.vn", Subject: m.Subject, Text: m.Text, HTML: m.HTML, Priority: u.Rank(),
		CauseEventID: "ev-" + id, CauseEventType: "task.assigned", CreatedAt: at}
	if err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error { return s.AddEmail(ctx, tx, e) }); err != nil {
		t.Fatal(err)
	}
	return e
}

func setup(t *testing.T, db *pkgstore.DB) (*store.Store, *messaging.Outbox) {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return store.New(db), messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}})
}

func outboxTypes(t *testing.T, db *pkgstore.DB) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT type FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// clearSMTP is a transport to the clear-text test server (mode none).
func clearSMTP(t *testing.T, addr string) *mail.SMTP {
	t.Helper()
	return newSMTP(t, mail.SMTPConfig{Addr: addr, Mode: mail.ModeNone})
}

// newSMTP is a transport of cfg (From defaulted), closed when the test ends.
func newSMTP(t *testing.T, cfg mail.SMTPConfig) *mail.SMTP {
	t.Helper()
	if cfg.From.Address == "" {
		cfg.From = from
	}
	tr, err := mail.NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tr.Close() })
	return tr
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fast retries for tests; the production defaults are seconds to minutes.
var fast = mail.SenderConfig{BaseBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, MaxAttempts: 3, Source: "/eoffice/notifications"}

func drain(t *testing.T, snd *mail.Sender, rounds int) {
	t.Helper()
	for range rounds {
		if _, err := snd.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSMTPDeliversOnceWithEncodedHeaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t, testsmtp.FailFirst(1)) // the first try meets a temporary failure
		now := time.Now().UTC()
		queue(t, db, s, "n-normal", domain.UrgencyNormal, now.Add(-2*time.Second))
		flash := queue(t, db, s, "n-flash", domain.UrgencyFlash, now.Add(-time.Second))
		snd := mail.NewSender(s, out, clearSMTP(t, srv.Addr), fast, quiet)
		drain(t, snd, 5)

		got := srv.Messages()
		if len(got) != 2 {
			t.Fatalf("server accepted %d messages, want 2 (each once)", len(got))
		}
		// The flash one was tried first: it met the failure and went after.
		msg, err := netmail.ReadMessage(strings.NewReader(string(got[1].Data)))
		if err != nil {
			t.Fatal(err)
		}
		if got[1].To != flash.ToAddr || got[1].From != from.Address {
			t.Fatalf("envelope %s -> %s", got[1].From, got[1].To)
		}
		raw := msg.Header.Get("Subject")
		if !strings.HasPrefix(strings.ToUpper(raw), "=?UTF-8?") { // Q or B encoding: RFC 2047 either way
			t.Fatalf("subject not RFC 2047 encoded: %q", raw)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(raw)
		if err != nil || subject != "[Hỏa tốc] Nhiệm vụ mới: Tuyên truyền PAPI" {
			t.Fatalf("subject = %q, %v", subject, err)
		}
		if msg.Header.Get("Message-ID") != "<n-flash@notifications.eoffice>" {
			t.Fatalf("Message-ID = %q", msg.Header.Get("Message-ID"))
		}
		to, err := msg.Header.AddressList("To")
		if err != nil || to[0].Name != "Trần Văn Hùng" {
			t.Fatalf("To = %v, %v", to, err)
		}
		if ct := msg.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative;") {
			t.Fatalf("Content-Type = %q", ct)
		}
		body := string(got[1].Data)
		for _, want := range []string{"Content-Type: text/plain; charset=UTF-8", "Content-Type: text/html; charset=UTF-8", "quoted-printable"} {
			if !strings.Contains(body, want) {
				t.Errorf("message lacks %q", want)
			}
		}
		for _, id := range []string{"n-normal", "n-flash"} {
			e, err := s.Email(context.Background(), db, id)
			if err != nil {
				t.Fatal(err)
			}
			if e.Status != domain.EmailSent || e.SentAt == nil {
				t.Errorf("%s: status %s", id, e.Status)
			}
		}
		if e, _ := s.Email(context.Background(), db, "n-flash"); e.Attempts != 2 {
			t.Errorf("flash attempts = %d, want 2 (one failure, one success)", e.Attempts)
		}
		if got := outboxTypes(t, db); len(got) != 2 || got[0] != "vn.eoffice.email.sent" || got[1] != "vn.eoffice.email.sent" {
			t.Fatalf("events = %v", got)
		}
		// Nothing more to send: a further round sends nothing again.
		drain(t, snd, 2)
		if n := len(srv.Messages()); n != 2 {
			t.Fatalf("server has %d messages after more rounds", n)
		}
	})
}

func TestSMTPGivesUpAfterMaxAttempts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t, testsmtp.FailFirst(100))
		queue(t, db, s, "n1", domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
		snd := mail.NewSender(s, out, clearSMTP(t, srv.Addr), fast, quiet)
		drain(t, snd, 8)
		e, err := s.Email(context.Background(), db, "n1")
		if err != nil {
			t.Fatal(err)
		}
		if e.Status != domain.EmailFailed || e.Attempts != fast.MaxAttempts || !strings.Contains(e.LastError, "451") {
			t.Fatalf("e-mail = %s after %d attempts (%s)", e.Status, e.Attempts, e.LastError)
		}
		if srv.Tries() != fast.MaxAttempts {
			t.Fatalf("server saw %d tries, want %d", srv.Tries(), fast.MaxAttempts)
		}
		if got := outboxTypes(t, db); len(got) != 1 || got[0] != "vn.eoffice.email.failed" {
			t.Fatalf("events = %v", got)
		}
	})
}

func TestBackoffGrows(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 10: time.Minute} {
		for range 20 {
			d := domain.Backoff(time.Second, time.Minute, attempt)
			if d < want*3/4 || d > want*5/4 {
				t.Fatalf("attempt %d: %v, want %v ±25%%", attempt, d, want)
			}
		}
	}
}

func TestEMLFilesWithoutSMTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		dir := filepath.Join(t.TempDir(), "mail")
		queue(t, db, s, "n1", domain.UrgencyUrgent, time.Now().UTC().Add(-time.Second))
		snd := mail.NewSender(s, out, mail.Dir{Path: dir, From: from}, fast, quiet)
		drain(t, snd, 2)
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || files[0].Name() != "n1.eml" {
			t.Fatalf("files = %v", files)
		}
		f, err := os.Open(filepath.Join(dir, "n1.eml"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		msg, err := netmail.ReadMessage(f)
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if subject != "[Khẩn] Nhiệm vụ mới: Tuyên truyền PAPI" || msg.Header.Get("Message-ID") != "<n1@notifications.eoffice>" {
			t.Fatalf("eml: subject %q, id %q", subject, msg.Header.Get("Message-ID"))
		}
		if e, _ := s.Email(context.Background(), db, "n1"); e.Status != domain.EmailSent {
			t.Fatalf("status %s", e.Status)
		}
	})
}
