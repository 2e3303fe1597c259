package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	netmail "net/mail"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

// A sender that dies after the server accepted but before "sent" was
// recorded leaves its lease behind; once it expires another sender sends
// again, with the same Message-ID, so the receiving side can drop it.
func TestCrashAfterAcceptanceRepeatsWithTheSameMessageID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t)
		e := queue(t, db, s, "n1", domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
		// The first sender: claims, hands the message over, dies.
		now := time.Now().UTC()
		claimed, ok, err := s.ClaimEmail(context.Background(), e.ID, now, now.Add(time.Hour))
		if err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if err := clearSMTP(t, srv.Addr).Send(context.Background(), claimed); err != nil {
			t.Fatal(err)
		}
		// While its lease lasts, nobody else sends it.
		snd := mail.NewSender(s, out, clearSMTP(t, srv.Addr), fast, quiet)
		if n, err := snd.RunOnce(context.Background()); err != nil || n != 0 {
			t.Fatalf("during the lease: sent %d, %v", n, err)
		}
		// Time passes: the lease runs out (set back rather than waited for).
		if err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE email_outbox SET lease_until = $2 WHERE id = $1`, e.ID, pkgstore.FormatTime(now.Add(-time.Second)))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := snd.RunOnce(context.Background()); err != nil || n != 1 {
			t.Fatalf("after the lease: sent %d, %v", n, err)
		}
		got := srv.Messages()
		if len(got) != 2 {
			t.Fatalf("server has %d messages, want the message and its repeat", len(got))
		}
		for _, m := range got {
			msg, err := netmail.ReadMessage(strings.NewReader(string(m.Data)))
			if err != nil {
				t.Fatal(err)
			}
			if id := msg.Header.Get("Message-ID"); id != "<n1@notifications.eoffice>" {
				t.Fatalf("Message-ID %q", id)
			}
		}
		if string(got[0].Data) != string(got[1].Data) {
			t.Error("the repeat is not byte-identical")
		}
		if e, _ := s.Email(context.Background(), db, "n1"); e.Status != domain.EmailSent || e.Attempts != 1 {
			t.Fatalf("status %s, attempts %d", e.Status, e.Attempts)
		}
	})
}
