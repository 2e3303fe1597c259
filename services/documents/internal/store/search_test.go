package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestSearch: the search form's fields, alone and combined, with and
// without a box, on the visibility rules of the boxes.
func TestSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, u := range []identityview.Unit{
				{ID: "A", Kind: "agency", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND"},
				{ID: "B", Kind: "agency", Name: "Sở Y tế", ShortName: "SYT"},
				{ID: "C", Kind: "agency", Name: "Sở Tài chính", ShortName: "STC"},
			} {
				if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{Time: t0, EventID: "e-" + u.ID}); err != nil {
					return err
				}
			}
			return nil
		})
		day := func(d int) time.Time { return time.Date(2026, 3, d, 3, 0, 0, 0, time.UTC) } // 10:00 in Viet Nam
		type doc struct {
			id, issuer, notation, signer string
			kind                         domain.Kind
			urgency                      domain.Urgency
			at                           time.Time
			to                           string // recipient agency
			number                       int64  // số đến at the recipient; 0: not registered
			directed                     bool
			outside                      *domain.Sender
		}
		docs := []doc{
			{id: "ct01", issuer: "A", notation: "01/CT-UBND", signer: "Nguyễn Văn Hùng", kind: domain.KindDirective, urgency: domain.UrgencyNormal, at: day(2), to: "B", number: 125, directed: true},
			{id: "ct11", issuer: "A", notation: "11/CT-UBND", signer: "Trần Thị Lan", kind: domain.KindDirective, urgency: domain.UrgencyFlash, at: day(3), to: "B", number: 126},
			{id: "tb02", issuer: "A", notation: "02/TB-UBND", signer: "Nguyễn Văn Hùng", kind: domain.KindNotice, urgency: domain.UrgencyUrgent, at: day(5), to: "B"},
			{id: "cv03", issuer: "A", notation: "03/UBND-VP", signer: "Trần Thị Lan", kind: domain.KindOfficialLetter, urgency: domain.UrgencyNormal, at: day(7), to: "B"},
			{id: "c-tb", issuer: "C", notation: "05/TB-STC", signer: "Lê Đức Anh", kind: domain.KindNotice, urgency: domain.UrgencyNormal, at: day(4), to: "A"},
			{id: "paper", issuer: "", notation: "125/UBND-VX", kind: domain.KindOfficialLetter, urgency: domain.UrgencyNormal, at: day(9), to: "B", number: 127,
				outside: &domain.Sender{OrganisationCode: "000.00.00.H29", Name: "Ủy ban nhân dân huyện Đồng Văn"}},
		}
		for i, x := range docs {
			d := draft(x.id, x.issuer, x.at.Add(-time.Hour), domain.Recipient{UnitID: x.to, AgencyID: x.to})
			d.Kind, d.Urgency, d.Summary = x.kind, x.urgency, "Về việc "+x.id
			if x.outside != nil {
				d.Channel, d.Sender, d.OriginalNotation, d.OriginalDate = domain.ChannelPaper, *x.outside, x.notation, "2026-02-27"
				d.ExternalSigner.FullName = "Hoàng Văn Đông"
			}
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if err := s.InsertDocument(ctx, tx, d); err != nil {
					return err
				}
				d.Status, d.IssuedAt, d.IssuedBy, d.Notation = domain.StatusIssued, &x.at, "clerk"+x.issuer, x.notation
				if x.outside == nil {
					d.Number, d.NumberYear = int64(i+1), 2026
					d.Signer = &domain.Signer{UserID: "signer-" + x.id, FullName: x.signer}
				}
				if err := s.SaveDocument(ctx, tx, d, domain.StatusDraft); err != nil {
					return err
				}
				rs := domain.NewReceipts(d, x.at)
				if err := s.InsertReceipts(ctx, tx, rs); err != nil {
					return err
				}
				if x.number == 0 {
					return nil
				}
				r := rs[0]
				r.Status, r.IncomingNumber, r.IncomingYear, r.RegisteredAt, r.RegisteredBy = domain.ReceiptRegistered, x.number, 2026, &x.at, "clerkB"
				if x.directed {
					r.Status = domain.ReceiptDirected
					r.Direction = &domain.Direction{LeadUnitID: "B", DueDate: "2026-04-30", DirectedBy: "leaderB", DirectedAt: x.at}
				}
				return s.SaveReceipt(ctx, tx, r, domain.ReceiptReceived)
			})
		}
		clerkB := domain.Actor{UserID: "clerkB", UnitID: "B", AgencyID: "B", Roles: []string{"clerk"}}
		clerkA := domain.Actor{UserID: "clerkA", UnitID: "A", AgencyID: "A", Roles: []string{"clerk"}}
		stranger := domain.Actor{UserID: "x", UnitID: "D", AgencyID: "D", Roles: []string{"clerk", "leader"}}
		fold := domain.Fold
		tests := []struct {
			name string
			q    store.ListQuery
			want []string
		}{
			// Waiting (registered or received) first, most urgent first;
			// the directed one and the paper one by date.
			{"incoming: urgent first only among the waiting", store.ListQuery{Box: "incoming", Actor: clerkB},
				[]string{"ct11", "tb02", "paper", "cv03", "ct01"}},
			{"everything the caller sees, newest first", store.ListQuery{Actor: clerkB},
				[]string{"paper", "cv03", "tb02", "ct11", "ct01"}},
			{"notation exact", store.ListQuery{Actor: clerkB, Notation: "01/CT-UBND", NotationFirst: "01/CT-UBND"}, []string{"ct01"}},
			{"notation prefix", store.ListQuery{Actor: clerkB, Notation: "0", NotationFirst: "0"}, []string{"cv03", "tb02", "ct01"}},
			{"original notation", store.ListQuery{Actor: clerkB, Notation: "125/UBND", NotationFirst: "125/UBND"}, []string{"paper"}},
			{"q spelling a notation puts it first", store.ListQuery{Actor: clerkB, Q: fold("về việc"), NotationFirst: "01/CT-UBND"},
				[]string{"ct01", "paper", "cv03", "tb02", "ct11"}},
			{"incoming: q spelling a notation puts it first", store.ListQuery{Box: "incoming", Actor: clerkB, Q: fold("về việc"), NotationFirst: "01/CT-UBND"},
				[]string{"ct01", "ct11", "tb02", "paper", "cv03"}},
			{"q spelling a notation finds it alone", store.ListQuery{Actor: clerkB, Q: fold("01/CT-UBND"), NotationFirst: "01/CT-UBND"}, []string{"ct01"}},
			{"incoming number", store.ListQuery{Box: "incoming", Actor: clerkB, IncomingNumber: 125}, []string{"ct01"}},
			{"incoming number without a box", store.ListQuery{Actor: clerkB, IncomingNumber: 127}, []string{"paper"}},
			{"sender outside, accent blind", store.ListQuery{Actor: clerkB, Sender: fold("dong van")}, []string{"paper"}},
			{"sender outside by code", store.ListQuery{Actor: clerkB, Sender: fold("000.00.00.H29")}, []string{"paper"}},
			{"sender: the issuing unit", store.ListQuery{Actor: clerkB, Sender: fold("uy ban nhan dan tinh")}, []string{"cv03", "tb02", "ct11", "ct01"}},
			{"recipient", store.ListQuery{Actor: clerkA, Recipient: fold("so y te")}, []string{"cv03", "tb02", "ct11", "ct01"}},
			{"signer accent blind", store.ListQuery{Actor: clerkB, Signer: fold("tran thi lan")}, []string{"cv03", "ct11"}},
			{"signer outside", store.ListQuery{Actor: clerkB, Signer: fold("Hoàng văn đông")}, []string{"paper"}},
			{"kind", store.ListQuery{Actor: clerkB, Kind: "notice"}, []string{"tb02"}},
			{"date range on the issue day", store.ListQuery{Actor: clerkB, From: "2026-03-03", To: "2026-03-05"}, []string{"tb02", "ct11"}},
			{"date range on the original date", store.ListQuery{Actor: clerkB, From: "2026-02-27", To: "2026-02-27"}, []string{"paper"}},
			{"status and channel", store.ListQuery{Box: "incoming", Actor: clerkB, Status: "registered", Channel: "paper"}, []string{"paper"}},
			{"combined", store.ListQuery{Actor: clerkB, Kind: "directive", Signer: fold("nguyen van hung"), From: "2026-03-01", Sender: "ubnd"}, []string{"ct01"}},
			{"combined, none", store.ListQuery{Actor: clerkB, Kind: "notice", Signer: fold("tran thi lan")}, nil},
			{"a stranger finds nothing", store.ListQuery{Actor: stranger, Notation: "0", NotationFirst: "0"}, nil},
			{"a stranger finds nothing by sender", store.ListQuery{Actor: stranger, Sender: "ubnd"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, _, err := s.List(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(ids(page)) != fmt.Sprint(tt.want) {
					t.Fatalf("got %v, want %v", ids(page), tt.want)
				}
				// Pages of one by cursor yield the same order.
				var paged []string
				q := tt.q
				q.Limit = 1
				for range 10 {
					page, next, err := s.List(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					paged = append(paged, ids(page)...)
					if next == nil {
						break
					}
					q.After = next
				}
				if fmt.Sprint(paged) != fmt.Sprint(tt.want) {
					t.Fatalf("paged %v, want %v", paged, tt.want)
				}
			})
		}
		// Hạn xử lý: the direction's due date comes with the incoming box.
		page, _, err := s.List(ctx, store.ListQuery{Box: "incoming", Actor: clerkB, IncomingNumber: 125})
		if err != nil || len(page) != 1 || page[0].DirectionDueDate != "2026-04-30" {
			t.Fatalf("direction due date: %+v %v", page, err)
		}
		// Pages continue the order.
		var got []string
		q := store.ListQuery{Box: "incoming", Actor: clerkB, Limit: 2}
		for range 5 {
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
		if fmt.Sprint(got) != "[ct11 tb02 paper cv03 ct01]" {
			t.Fatalf("pages: %v", got)
		}
	})
}
