package mail_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

// Two replicas' senders on one database send each e-mail once.
func TestTwoSendersSendEachOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t)
		const n = 20
		for i := range n {
			queue(t, db, s, fmt.Sprintf("n%02d", i), domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
		}
		var wg sync.WaitGroup
		for range 2 {
			snd := mail.NewSender(s, out, mail.SMTP{Addr: srv.Addr, From: from}, fast, quiet)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 5 {
					if _, err := snd.RunOnce(context.Background()); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		seen := map[string]int{}
		for _, m := range srv.Messages() {
			seen[m.To]++
		}
		if len(seen) != n {
			t.Fatalf("%d distinct recipients got mail, want %d", len(seen), n)
		}
		for to, c := range seen {
			if c != 1 {
				t.Errorf("%s got %d copies", to, c)
			}
		}
		if got := outboxTypes(t, db); len(got) != n {
			t.Fatalf("%d email.sent events, want %d", len(got), n)
		}
	})
}

func TestSMTPAuthAndTLSPolicy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t, testsmtp.RequireAuth("eoffice", "mat-khau-dung"))
		tests := []struct {
			name      string
			transport mail.SMTP
			wantSent  bool
			wantErr   string
		}{
			{"right credentials", mail.SMTP{Addr: srv.Addr, From: from, User: "eoffice", Password: "mat-khau-dung"}, true, ""},
			{"wrong password", mail.SMTP{Addr: srv.Addr, From: from, User: "eoffice", Password: "sai"}, false, "auth"},
			{"no credentials", mail.SMTP{Addr: srv.Addr, From: from}, false, "530"},
			{"STARTTLS required but not offered", mail.SMTP{Addr: srv.Addr, From: from, User: "eoffice", Password: "mat-khau-dung", StartTLS: "always"}, false, "STARTTLS"},
		}
		for i, tt := range tests {
			id := fmt.Sprintf("auth-%d", i)
			queue(t, db, s, id, domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
			snd := mail.NewSender(s, out, tt.transport, fast, quiet)
			if _, err := snd.RunOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			e, err := s.Email(context.Background(), db, id)
			if err != nil {
				t.Fatal(err)
			}
			if sent := e.Status == domain.EmailSent; sent != tt.wantSent {
				t.Errorf("%s: status %s (%s)", tt.name, e.Status, e.LastError)
			}
			if tt.wantErr != "" && !strings.Contains(e.LastError, tt.wantErr) {
				t.Errorf("%s: last error %q lacks %q", tt.name, e.LastError, tt.wantErr)
			}
			if strings.Contains(e.LastError, "mat-khau") {
				t.Errorf("%s: the password leaked into the error", tt.name)
			}
			// Take the row out of the way of the next case.
			if err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE email_outbox SET status = 'failed' WHERE id = $1 AND status = 'pending'`, id)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		if got := srv.Messages(); len(got) != 1 {
			t.Fatalf("server accepted %d messages, want 1", len(got))
		}
	})
}
