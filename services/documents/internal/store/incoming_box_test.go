package store_test

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestIncomingBoxOrder: the incoming box is the agency's receipts and its
// own documents addressed to itself, what still waits first (most urgent
// first), the rest by issue; a receipt leaves the waiting when directed;
// every page size walks the same order by cursor; and the migration's
// backfill gives rows of older versions the same places.
func TestIncomingBoxOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		day := func(d int) time.Time { return time.Date(2026, 3, d, 3, 0, 0, 0, time.UTC) }
		type doc struct {
			id, issuer, to string
			urgency        domain.Urgency
			at             time.Time
			status         domain.ReceiptStatus // after receipt; "" received
		}
		for _, x := range []doc{
			{"x1", "A", "B", domain.UrgencyNormal, day(1), ""},
			{"x2", "A", "B", domain.UrgencyFlash, day(2), domain.ReceiptDirected},
			{"x3", "C", "B", domain.UrgencyUrgent, day(3), domain.ReceiptDirected},
			{"own1", "B", "B", domain.UrgencyFlash, day(4), ""},
			{"own2", "B", "C", domain.UrgencyNormal, day(6), ""},
			{"own3", "B", "B", domain.UrgencyNormal, day(1).Add(-time.Hour), ""},
			{"x4", "A", "B", domain.UrgencyUrgent, day(5), domain.ReceiptRegistered},
			{"x5", "A", "C", domain.UrgencyFlash, day(7), ""},
		} {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				d := draft(x.id, x.issuer, x.at.Add(-time.Hour), domain.Recipient{UnitID: x.to + "-VP", AgencyID: x.to})
				d.Urgency = x.urgency
				if err := s.InsertDocument(ctx, tx, d); err != nil {
					return err
				}
				// Receipts first, the issue written after them, as Issue does.
				d.Status, d.IssuedAt, d.IssuedBy = domain.StatusIssued, &x.at, "clerk"+x.issuer
				rs := domain.NewReceipts(d, x.at.Add(-time.Minute))
				if err := s.InsertReceipts(ctx, tx, rs); err != nil {
					return err
				}
				if err := s.SaveDocument(ctx, tx, d, domain.StatusDraft); err != nil {
					return err
				}
				if x.status == "" {
					return nil
				}
				r := rs[0]
				r.Status, r.IncomingNumber, r.IncomingYear, r.RegisteredAt, r.RegisteredBy = domain.ReceiptRegistered, int64(x.at.Day()), 2026, &x.at, "clerkB"
				if err := s.SaveReceipt(ctx, tx, r, domain.ReceiptReceived); err != nil {
					return err
				}
				if x.status == domain.ReceiptDirected {
					r.Status = domain.ReceiptDirected
					r.Direction = &domain.Direction{LeadUnitID: "B-VP", DirectedBy: "leaderB", DirectedAt: x.at}
					return s.SaveReceipt(ctx, tx, r, domain.ReceiptRegistered)
				}
				return nil
			})
		}
		clerkB := domain.Actor{UserID: "clerkB", UnitID: "B", AgencyID: "B", Roles: []string{"clerk"}}
		check := func(t *testing.T) {
			for _, tt := range []struct {
				name   string
				status string
				want   string
			}{
				{"all", "", "[x4 x1 own1 x3 x2 own3]"},
				{"directed", "directed", "[x3 x2]"},
				{"received", "received", "[x1]"},
			} {
				for _, limit := range []int{1, 2, 3, 4, 10} {
					var got []string
					q := store.ListQuery{Box: store.BoxIncoming, Actor: clerkB, Status: tt.status, Limit: limit}
					for range 10 {
						page, next, err := s.List(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						got = append(got, ids(page)...)
						if next == nil {
							break
						}
						q.After = next
					}
					if fmt.Sprint(got) != tt.want {
						t.Errorf("%s, pages of %d: %v, want %s", tt.name, limit, got, tt.want)
					}
				}
			}
		}
		check(t)
		t.Run("backfill", func(t *testing.T) {
			up, err := fs.ReadFile(store.Migrations, "00026_incoming_box_order.sql")
			if err != nil {
				t.Fatal(err)
			}
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE receipts SET box_rank = 0, box_at = ''`)
				if err == nil {
					_, err = tx.ExecContext(ctx, `UPDATE documents SET self_addressed = FALSE`)
				}
				if err != nil {
					return err
				}
				for _, stmt := range strings.Split(strings.Split(string(up), "-- +goose Down")[0], ";") {
					if i := strings.Index(stmt, "UPDATE"); i >= 0 {
						if _, err := tx.ExecContext(ctx, stmt[i:]); err != nil {
							return err
						}
					}
				}
				return nil
			})
			check(t)
		})
	})
}
