package store_test

import (
	"context"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

func TestEmailClaimsAndOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		ctx := context.Background()
		t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
		for i, p := range []struct {
			id       string
			priority int
		}{{"old-normal", 0}, {"new-flash", 3}, {"urgent", 1}} {
			e := domain.Email{ID: p.id, MessageID: domain.MessageIDFor(p.id), UserID: "u", ToAddr: "u@example.vn", Subject: "s",
				Priority: p.priority, CauseEventID: "ev", CauseEventType: "task.assigned", CreatedAt: t0.Add(time.Duration(i) * time.Second)}
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if err := s.AddEmail(ctx, tx, e); err != nil {
					return err
				}
				return s.AddEmail(ctx, tx, e) // again: nothing more
			})
		}
		now := t0.Add(time.Minute)
		due, err := s.DueEmails(ctx, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"new-flash", "urgent", "old-normal"}; len(due) != 3 || due[0] != want[0] || due[1] != want[1] || due[2] != want[2] {
			t.Fatalf("due = %v, want %v (most urgent first)", due, want)
		}
		_, ok, err := s.ClaimEmail(ctx, "new-flash", now, now.Add(time.Minute))
		if err != nil || !ok {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		if _, ok, _ := s.ClaimEmail(ctx, "new-flash", now, now.Add(time.Minute)); ok {
			t.Fatal("claimed twice while the lease lasts")
		}
		if due, _ := s.DueEmails(ctx, now, 10); len(due) != 2 {
			t.Fatalf("a held e-mail is listed as due: %v", due)
		}
		later := now.Add(2 * time.Minute)
		if _, ok, _ := s.ClaimEmail(ctx, "new-flash", later, later.Add(time.Minute)); !ok {
			t.Fatal("not claimable after the lease ran out")
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.MarkEmailSent(ctx, tx, "new-flash", 1, later)
		})
		if _, ok, _ := s.ClaimEmail(ctx, "new-flash", later.Add(time.Hour), later.Add(2*time.Hour)); ok {
			t.Fatal("a sent e-mail was claimed")
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.MarkEmailFailed(ctx, tx, "urgent", 1, later.Add(time.Hour), false, "451")
		})
		if due, _ := s.DueEmails(ctx, later, 10); len(due) != 1 || due[0] != "old-normal" {
			t.Fatalf("due before the retry time = %v", due)
		}
	})
}

func TestWebhookFailuresDisableOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		ctx := context.Background()
		at := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
		if err := s.AddWebhook(ctx, domain.Webhook{ID: "w", OwnerID: "c", URL: "https://x.example.vn", EventTypes: []string{"task.assigned", "document.issued"}, Secret: "0123456789abcdef", CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
		if ids, _ := s.ActiveWebhooksFor(ctx, db, "task.assigned"); len(ids) != 1 {
			t.Fatalf("subscribers = %v", ids)
		}
		if ids, _ := s.ActiveWebhooksFor(ctx, db, "task.completed"); len(ids) != 0 {
			t.Fatalf("subscribers of another type = %v", ids)
		}
		var disabledAt []int
		for i := 1; i <= 5; i++ {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				n, disabled, err := s.WebhookFailedOnce(ctx, tx, "w", 3, at)
				if n != i {
					t.Errorf("failure %d counted as %d", i, n)
				}
				if disabled {
					disabledAt = append(disabledAt, i)
				}
				return err
			})
		}
		if len(disabledAt) != 1 || disabledAt[0] != 3 {
			t.Fatalf("disabled at failures %v, want once at 3", disabledAt)
		}
		if ids, _ := s.ActiveWebhooksFor(ctx, db, "task.assigned"); len(ids) != 0 {
			t.Fatal("a disabled webhook still subscribes")
		}
	})
}

func TestDeliveryOncePerWebhookAndEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		at := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
		var created []bool
		for _, id := range []string{"d1", "d2"} {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				ok, err := s.AddDelivery(ctx, tx, domain.Delivery{ID: id, WebhookID: "w", EventID: "ev-1", EventType: "task.assigned", Body: []byte(`{}`), CreatedAt: at})
				created = append(created, ok)
				return err
			})
		}
		if !created[0] || created[1] {
			t.Fatalf("created = %v, want only the first", created)
		}
	})
}

func TestDirectoryHorizon(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		ctx := context.Background()
		if h, err := s.DirectoryHorizon(ctx, db); err != nil || !h.IsZero() {
			t.Fatalf("empty directory horizon = %v, %v", h, err)
		}
		t1 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := putUnit(ctx, tx, domain.Unit{ID: "u", Kind: "agency", Active: true}, t1); err != nil {
				return err
			}
			return putPerson(ctx, tx, domain.Person{ID: "p", UnitID: "u", Active: true}, t1.Add(time.Minute))
		})
		if h, err := s.DirectoryHorizon(ctx, db); err != nil || !h.Equal(t1.Add(time.Minute)) {
			t.Fatalf("horizon = %v, %v", h, err)
		}
	})
}
