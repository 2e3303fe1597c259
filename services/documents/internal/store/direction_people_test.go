package store_test

import (
	"context"
	"reflect"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// TestDirectionPeopleRoundTrip: a direction's lead person and cooperating
// persons are stored on the receipt itself and read back by Receipts and
// inside a transaction, with no routing step to restore them from.
func TestDirectionPeopleRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name string
		dir  domain.Direction
	}{
		{"lead unit", domain.Direction{LeadUnitID: "C", CooperatingUnitIDs: []string{"D"}}},
		{"lead person", domain.Direction{LeadUnitID: "C-1", LeadUserID: "expert", CooperatingUnitIDs: []string{},
			CooperatingUsers: []domain.Addressee{{UserID: "head", UnitID: "C"}, {UserID: "aide", UnitID: "C-2"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
				s, ctx := open(t, db), context.Background()
				r := domain.Receipt{DocumentID: "d1", AgencyID: "B", Status: domain.ReceiptRegistered, IncomingNumber: 1,
					IncomingYear: 2025, IncomingSeries: domain.SeriesIncoming, CreatedAt: t0, UpdatedAt: t0}
				inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
					if err := s.InsertDocument(ctx, tx, draft("d1", "A", t0)); err != nil {
						return err
					}
					return s.InsertReceipts(ctx, tx, []domain.Receipt{r})
				})
				want := c.dir
				want.DueDate, want.Note, want.DirectedBy, want.DirectedAt = "2025-04-30", "Bút phê", "chair", t0
				r.Direction, r.Status = &want, domain.ReceiptDirected
				inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
					return s.SaveReceipt(ctx, tx, r, domain.ReceiptRegistered)
				})
				check := func(how string, got domain.Receipt) {
					t.Helper()
					if got.Direction == nil {
						t.Fatalf("%s: no direction", how)
					}
					d := *got.Direction
					d.DirectedAt = d.DirectedAt.UTC()
					if !reflect.DeepEqual(d, want) {
						t.Fatalf("%s: direction %+v, want %+v", how, d, want)
					}
				}
				rs, err := s.Receipts(ctx, "d1")
				if err != nil || len(rs) != 1 {
					t.Fatalf("receipts %+v, %v", rs, err)
				}
				check("Receipts", rs[0])
				inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
					locked, err := s.ReceiptForUpdate(ctx, tx, "d1", "B")
					if err != nil {
						return err
					}
					check("ReceiptForUpdate", locked)
					return nil
				})
			})
		})
	}
}
