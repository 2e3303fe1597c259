package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// TestRoutingSteps: a receipt's routing steps are stored as they are
// added, each once however often the receipt is saved, read back in order
// with their addressees, by Receipts and inside a transaction.
func TestRoutingSteps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		r := domain.Receipt{DocumentID: "d1", AgencyID: "B", Status: domain.ReceiptRegistered, IncomingNumber: 1, IncomingYear: 2025,
			IncomingSeries: domain.SeriesIncoming, CreatedAt: t0, UpdatedAt: t0}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.InsertDocument(ctx, tx, draft("d1", "A", t0)); err != nil {
				return err
			}
			return s.InsertReceipts(ctx, tx, []domain.Receipt{r})
		})
		steps := []domain.RoutingStep{
			{ID: "s1", Seq: 1, Kind: domain.StepForward, FromUserID: "clerk", FromName: "Văn thư", ToUserID: "office", ToName: "Chánh VP",
				Note: "Kính chuyển", At: t0},
			{ID: "s2", Seq: 2, Kind: domain.StepDirect, FromUserID: "chair", ToUnitID: "C", Note: "Bút phê", DueDate: "2025-04-30",
				Cooperating: []domain.Addressee{{UserID: "u9"}}, Informed: []domain.Addressee{{UnitID: "D"}}, At: t0.Add(time.Minute)},
		}
		for i := range steps {
			r.Routing = steps[:i+1]
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				return s.SaveReceipt(ctx, tx, r, domain.ReceiptRegistered) // saves the earlier step again too
			})
		}
		rs, err := s.Receipts(ctx, "d1")
		if err != nil || len(rs) != 1 {
			t.Fatalf("receipts %+v, %v", rs, err)
		}
		got := rs[0].Routing
		for i := range got {
			got[i].At = got[i].At.UTC()
		}
		if len(got) != 2 || got[1].Cooperating[0].UserID != "u9" || got[1].Informed[0].UnitID != "D" || got[0].ToName != "Chánh VP" {
			t.Fatalf("routing %+v", got)
		}
		want := steps[0]
		want.Cooperating, want.Informed = []domain.Addressee{}, []domain.Addressee{} // none is an empty list
		if !reflect.DeepEqual(got[0], want) || !got[1].At.Equal(steps[1].At) {
			t.Fatalf("step read back %+v, want %+v", got[0], want)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			locked, err := s.ReceiptForUpdate(ctx, tx, "d1", "B")
			if err != nil || len(locked.Routing) != 2 || locked.Routing[1].ID != "s2" {
				t.Fatalf("locked receipt's routing %+v, %v", locked.Routing, err)
			}
			return nil
		})
	})
}
