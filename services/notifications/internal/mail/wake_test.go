package mail_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

// The transaction that queues an e-mail wakes the sender when it commits,
// not when it rolls back; Run with an hour's poll sends e-mails queued one
// after another.
func TestSenderWakesOnCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t)
		ctx := context.Background()

		woken := s.EmailsQueued().C()
		errRollback := errors.New("rolled back")
		err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.AddEmail(ctx, tx, domain.Email{ID: "gone", MessageID: domain.MessageIDFor("gone"), UserID: "u",
				ToAddr: "gone@example.vn", CreatedAt: time.Now().UTC()}); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}
		select {
		case <-woken:
			t.Fatal("a rollback woke the sender")
		default:
		}
		queue(t, db, s, "n0", domain.UrgencyNormal, time.Now().UTC())
		select {
		case <-woken:
		default:
			t.Fatal("the commit did not wake the sender")
		}

		cfg := fast
		cfg.Poll = time.Hour
		snd := mail.NewSender(s, out, clearSMTP(t, srv.Addr), cfg, quiet)
		runCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		stopped := make(chan error, 1)
		go func() { stopped <- snd.Run(runCtx) }()
		for want := 1; want <= 4; want++ {
			if want > 1 {
				queue(t, db, s, fmt.Sprintf("n%d", want), domain.UrgencyNormal, time.Now().UTC())
			}
			deadline := time.Now().Add(60 * time.Second)
			for len(srv.Messages()) < want {
				if time.Now().After(deadline) {
					t.Fatalf("e-mail %d not sent", want)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		cancel()
		if err := <-stopped; !errors.Is(err, context.Canceled) {
			t.Fatalf("Run ended with %v", err)
		}
	})
}

// One RunOnce sends at most a batch, most urgent first; the rest follow.
func TestSenderSendsInBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		dir := t.TempDir()
		now := time.Now().UTC().Add(-time.Minute)
		for i := range 7 {
			u := domain.UrgencyNormal
			if i == 6 {
				u = domain.UrgencyFlash // the newest, yet first
			}
			queue(t, db, s, fmt.Sprintf("b%d", i), u, now.Add(time.Duration(i)*time.Second))
		}
		cfg := fast
		cfg.Batch = 3
		snd := mail.NewSender(s, out, mail.Dir{Path: dir, From: from}, cfg, quiet)
		for _, want := range []int{3, 3, 1, 0} {
			if n, err := snd.RunOnce(context.Background()); err != nil || n != want {
				t.Fatalf("RunOnce sent %d (%v), want %d", n, err, want)
			}
		}
		flash, err := s.Email(context.Background(), db, "b6")
		if err != nil {
			t.Fatal(err)
		}
		last, err := s.Email(context.Background(), db, "b5")
		if err != nil {
			t.Fatal(err)
		}
		if flash.SentAt == nil || last.SentAt == nil || !flash.SentAt.Before(*last.SentAt) {
			t.Fatalf("the flash e-mail was not sent first: %v, %v", flash.SentAt, last.SentAt)
		}
		if got := outboxTypes(t, db); len(got) != 7 {
			t.Fatalf("%d events, want 7 email.sent", len(got))
		}
	})
}
