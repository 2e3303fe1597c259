package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// Only e-mails sent before the cutoff are deleted, however many batches
// that takes; pending, given-up and recently sent ones stay.
func TestExpireSentEmails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		ctx := context.Background()
		cutoff := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		type mail struct {
			id      string
			status  string // "sent", "failed" or "pending"
			at      time.Time
			expires bool
		}
		var mails []mail
		for i := range 7 { // more than three batches of two
			mails = append(mails, mail{fmt.Sprintf("old-sent-%d", i), "sent", cutoff.Add(-time.Duration(i+1) * time.Hour), true})
		}
		mails = append(mails,
			mail{"sent-after", "sent", cutoff.Add(time.Minute), false},
			mail{"sent-at-cutoff", "sent", cutoff, false},
			mail{"old-failed", "failed", cutoff.Add(-48 * time.Hour), false},
			mail{"old-pending", "pending", cutoff.Add(-48 * time.Hour), false},
		)
		for _, m := range mails {
			e := domain.Email{ID: m.id, MessageID: domain.MessageIDFor(m.id), UserID: "u", ToAddr: "u@example.vn", Subject: "s",
				CauseEventID: "ev-" + m.id, CauseEventType: "task.assigned", CreatedAt: m.at.Add(-time.Minute)}
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if err := s.AddEmail(ctx, tx, e); err != nil {
					return err
				}
				switch m.status {
				case "sent":
					return s.MarkEmailSent(ctx, tx, m.id, 1, m.at)
				case "failed":
					return s.MarkEmailFailed(ctx, tx, m.id, 8, m.at, true, "550 no such mailbox")
				}
				return nil
			})
		}
		n, err := store.ExpireSentEmailsInBatches(s, ctx, cutoff, 2)
		if err != nil || n != 7 {
			t.Fatalf("expired %d, %v; want the 7 sent before the cutoff", n, err)
		}
		left, err := s.EmailsTo(ctx, "u")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range left {
			ids = append(ids, e.ID)
		}
		for _, m := range mails {
			if slices.Contains(ids, m.id) == m.expires {
				t.Errorf("%s (%s at %s): kept = %v", m.id, m.status, m.at.Format(time.RFC3339), !m.expires)
			}
		}
		if n, err := s.ExpireSentEmails(ctx, cutoff); err != nil || n != 0 {
			t.Errorf("second round expired %d, %v; want nothing left to expire", n, err)
		}
	})
}

// Finished deliveries made before the cutoff go with their attempts; a
// pending one, however old, and recent ones stay in the webhook's log.
func TestExpireDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		ctx := context.Background()
		cutoff := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		type delivery struct {
			id      string
			status  string // after one attempt; pending: none yet
			at      time.Time
			expires bool
		}
		var ds []delivery
		for i, st := range []string{domain.DeliveryDelivered, domain.DeliveryFailed, domain.DeliveryDelivered, domain.DeliveryDelivered, domain.DeliveryFailed} {
			ds = append(ds, delivery{fmt.Sprintf("old-%d", i), st, cutoff.Add(-time.Duration(i+1) * time.Hour), true})
		}
		ds = append(ds,
			delivery{"old-pending", domain.DeliveryPending, cutoff.Add(-72 * time.Hour), false},
			delivery{"recent", domain.DeliveryDelivered, cutoff.Add(time.Second), false},
		)
		for _, d := range ds {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if _, err := s.AddDelivery(ctx, tx, domain.Delivery{ID: d.id, WebhookID: "wh", EventID: "ev-" + d.id,
					EventType: "task.assigned", Body: []byte(`{}`), CreatedAt: d.at}); err != nil || d.status == domain.DeliveryPending {
					return err
				}
				_, err := s.RecordAttempt(ctx, tx, d.id, store.Outcome{Status: d.status,
					Attempt: domain.Attempt{Number: 1, At: d.at.Add(time.Second), StatusCode: 200}})
				return err
			})
		}
		n, err := store.ExpireDeliveriesInBatches(s, ctx, cutoff, 2)
		if err != nil || n != 5 {
			t.Fatalf("expired %d, %v; want the 5 finished before the cutoff", n, err)
		}
		log, _, err := s.Deliveries(ctx, "wh", nil, 100)
		if err != nil {
			t.Fatal(err)
		}
		kept := map[string]int{} // id → attempts in the log
		for _, l := range log {
			kept[l.ID] = len(l.Log)
		}
		for _, d := range ds {
			if _, ok := kept[d.id]; ok == d.expires {
				t.Errorf("%s (%s, %s): kept = %v", d.id, d.status, d.at.Format(time.RFC3339), ok)
			}
		}
		if kept["recent"] != 1 {
			t.Errorf("the kept delivery has %d attempts, want its 1", kept["recent"])
		}
		var orphans int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM webhook_attempts WHERE delivery_id LIKE 'old-%'`).Scan(&orphans); err != nil || orphans != 0 {
			t.Errorf("%d attempts of expired deliveries left (%v)", orphans, err)
		}
	})
}
