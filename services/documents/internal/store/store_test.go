package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

func open(t *testing.T, db *pkgstore.DB) *store.Store {
	t.Helper()
	if err := store.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return store.New(db)
}

func inTx(t *testing.T, db *pkgstore.DB, fn func(ctx context.Context, tx *pkgstore.Tx) error) {
	t.Helper()
	if err := db.InTx(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

var t0 = time.Date(2025, 3, 1, 2, 3, 4, 123456789, time.UTC)

// TestMigrateKeepsOldUnitsAndUsers: a database from before the shared
// identity read model keeps its unit directory and people, and any event
// about them replaces them.
func TestMigrateKeepsOldUnitsAndUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := db.Migrate(ctx, "goose_documents", storetest.MigrationsBefore(t, store.Migrations, "00007")); err != nil {
			t.Fatal(err)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, q := range []string{
				`INSERT INTO units (id, parent_id, kind, code, name, short_name, agency_id, active, updated_at)
				 VALUES ('u1', '', 'agency', '000.00.31.H41', 'Sở Thông tin và Truyền thông', 'STTTT', 'u1', TRUE, '2025-01-01T00:00:00.000000000Z')`,
				`INSERT INTO users (id, full_name, title, unit_id, active, updated_at)
				 VALUES ('p1', 'Trần Thị Bình', 'Phó Chủ tịch', 'u1', TRUE, '2025-01-01T00:00:00.000000000Z')`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		s := open(t, db) // migrates the rest
		want := domain.Unit{ID: "u1", Kind: domain.UnitAgency, Code: "000.00.31.H41", Name: "Sở Thông tin và Truyền thông",
			ShortName: "STTTT", AgencyID: "u1", Active: true}
		if got, err := s.Unit(ctx, db, "u1"); err != nil || got != want {
			t.Fatalf("unit after migration: %+v %v", got, err)
		}
		want2 := store.User{ID: "p1", FullName: "Trần Thị Bình", Title: "Phó Chủ tịch", UnitID: "u1", Active: true}
		if got, err := s.User(ctx, db, "p1"); err != nil || got != want2 {
			t.Fatalf("user after migration: %+v %v", got, err)
		}
		if _, err := s.Unit(ctx, db, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing unit: %v", err)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: "u1", Kind: "agency", ShortName: "SKHCN"},
				identityview.Version{Time: t0, EventID: "e1"})
			return err
		})
		if got, _ := s.Unit(ctx, db, "u1"); got.ShortName != "SKHCN" || got.Active {
			t.Fatalf("an event did not replace a migrated unit: %+v", got)
		}
	})
}

func draft(id, issuer string, created time.Time, recipients ...domain.Recipient) domain.Document {
	return domain.Document{
		ID: id, Kind: domain.KindDirective, Status: domain.StatusDraft, IssuerUnitID: issuer, DraftingUnitID: issuer + "-KT",
		Drafter: domain.Person{UserID: "drafter", FullName: "Lê Văn A"}, Summary: "Trích yếu " + id, Body: "Nội dung",
		Urgency: domain.UrgencyNormal, Confidentiality: domain.ConfidentialityNormal, DueDate: "2025-06-30",
		ImplementsDocumentID: "", InReplyToDocumentID: "x", Recipients: recipients, CreatedAt: created, UpdatedAt: created,
		RequestedMark: domain.MarkKT, Channel: domain.ChannelInternal,
	}
}

func TestDocumentRoundTripAndUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		d := draft("d1", "A", t0, domain.Recipient{UnitID: "B-2", AgencyID: "B"}, domain.Recipient{UnitID: "A-KT", AgencyID: "A"})
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.InsertDocument(ctx, tx, d) })
		got, err := s.Document(ctx, "d1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, d)
		}
		if _, err := s.Document(ctx, "d404"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}

		// Issue it: every lifecycle field survives the round trip.
		at := t0.Add(time.Hour)
		d.Status, d.UpdatedAt = domain.StatusIssued, at
		d.Signer = &domain.Signer{UserID: "lead", FullName: "Trần B", Title: "Giám đốc Sở Tư pháp", SigningMark: "TUQ.",
			MarkLine: "TUQ. CHỦ TỊCH", PositionLine: "GIÁM ĐỐC SỞ TƯ PHÁP", AuthorisationID: "au1",
			AuthorisedByID: "ct", AuthorisedByName: "Trần Văn Chủ"}
		d.ApprovedAt, d.IssuedAt, d.IssuedBy = &at, &at, "clerk"
		d.Number, d.NumberYear, d.Notation = 7, 2025, "07/CT-UBND"
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			locked, err := s.DocumentForUpdate(ctx, tx, "d1")
			if err != nil || locked.Status != domain.StatusDraft {
				return fmt.Errorf("for update: %+v %v", locked, err)
			}
			return s.SaveDocument(ctx, tx, d, domain.StatusDraft)
		})
		got, _ = s.Document(ctx, "d1")
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("after update:\n got %+v\nwant %+v", got, d)
		}
		// A transition from a status the document no longer has is stale.
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.SaveDocument(ctx, tx, d, domain.StatusApproved)
		})
		if !errors.Is(err, store.ErrStale) {
			t.Fatalf("stale update: %v", err)
		}
		// The register refuses a number twice in one agency and year.
		other := draft("d2", "A", t0)
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.InsertDocument(ctx, tx, other); err != nil {
				return err
			}
			other.Number, other.NumberYear, other.Notation, other.Status = 7, 2025, "07/CT-UBND", domain.StatusIssued
			return s.SaveDocument(ctx, tx, other, domain.StatusDraft)
		})
		if !pkgstore.IsUniqueViolation(err) {
			t.Fatalf("duplicate number: %v", err)
		}
	})
}

func TestNextNumber(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s := open(t, db)
		calls := []struct {
			agency string
			year   int
			series string
			want   int64
		}{
			{"A", 2025, domain.SeriesGeneral, 1},
			{"A", 2025, domain.SeriesGeneral, 2},
			{"B", 2025, domain.SeriesGeneral, 1},
			{"A", 2026, domain.SeriesGeneral, 1},
			{"A", 2025, "confidential", 1},
			{"A", 2025, domain.SeriesGeneral, 3},
		}
		for _, c := range calls {
			var n int64
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) (err error) {
				n, err = s.NextNumber(ctx, tx, c.agency, c.year, c.series)
				return err
			})
			if n != c.want {
				t.Fatalf("%+v: got %d", c, n)
			}
		}
		// A rolled-back issue gives its number back.
		boom := errors.New("boom")
		err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
			if _, err := s.NextNumber(ctx, tx, "A", 2025, domain.SeriesGeneral); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		var n int64
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) (err error) {
			n, err = s.NextNumber(ctx, tx, "A", 2025, domain.SeriesGeneral)
			return err
		})
		if n != 4 {
			t.Fatalf("after rollback got %d, want 4", n)
		}
	})
}

func TestReceiptsAndHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		d := draft("d1", "A", t0)
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.InsertDocument(ctx, tx, d); err != nil {
				return err
			}
			if err := s.InsertReceipts(ctx, tx, []domain.Receipt{
				{DocumentID: "d1", AgencyID: "C", Status: domain.ReceiptReceived, CreatedAt: t0, UpdatedAt: t0},
				{DocumentID: "d1", AgencyID: "B", Status: domain.ReceiptReceived, CreatedAt: t0, UpdatedAt: t0},
			}); err != nil {
				return err
			}
			for i, a := range []domain.Action{domain.ActionCreate, domain.ActionSubmit, domain.ActionReject} {
				h := domain.HistoryEntry{DocumentID: "d1", Action: a, From: "draft", To: "pending_approval", ActorID: "u",
					ActorName: "Người", At: t0.Add(time.Duration(i) * time.Second), TraceID: "0af7651916cd43dd8448eb211c80319c", Reason: "lý do"}
				if err := s.AddHistory(ctx, tx, h); err != nil {
					return err
				}
			}
			return nil
		})
		rs, err := s.Receipts(ctx, "d1")
		if err != nil || len(rs) != 2 || rs[0].AgencyID != "B" || rs[1].Status != domain.ReceiptReceived || !rs[0].CreatedAt.Equal(t0) {
			t.Fatalf("receipts = %+v, %v", rs, err)
		}
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.InsertReceipts(ctx, tx, []domain.Receipt{{DocumentID: "d1", AgencyID: "B", Status: domain.ReceiptReceived, CreatedAt: t0, UpdatedAt: t0}})
		})
		if !pkgstore.IsUniqueViolation(err) {
			t.Fatalf("second receipt for one agency: %v", err)
		}
		hs, err := s.History(ctx, "d1")
		if err != nil || len(hs) != 3 || hs[0].Action != domain.ActionCreate || hs[2].Action != domain.ActionReject ||
			hs[1].TraceID == "" || hs[1].Reason != "lý do" || hs[1].ID == "" || !hs[2].At.Equal(t0.Add(2*time.Second)) {
			t.Fatalf("history = %+v, %v", hs, err)
		}
	})
}

func ids(page []store.Listed) []string {
	var out []string
	for _, l := range page {
		out = append(out, l.Document.ID)
	}
	return out
}

func TestList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		type issue struct {
			urgency domain.Urgency
			at      time.Time
		}
		docs := []struct {
			d     domain.Document
			issue *issue
		}{
			{draft("a-draft", "A", t0, domain.Recipient{UnitID: "B", AgencyID: "B"}), nil},
			{draft("a-normal-old", "A", t0.Add(1*time.Minute), domain.Recipient{UnitID: "B-1", AgencyID: "B"}), &issue{domain.UrgencyNormal, t0.Add(time.Hour)}},
			{draft("a-flash", "A", t0.Add(2*time.Minute), domain.Recipient{UnitID: "B", AgencyID: "B"}), &issue{domain.UrgencyFlash, t0.Add(time.Hour)}},
			{draft("a-normal-new", "A", t0.Add(3*time.Minute), domain.Recipient{UnitID: "B", AgencyID: "B"}), &issue{domain.UrgencyNormal, t0.Add(2 * time.Hour)}},
			{draft("a-urgent", "A", t0.Add(4*time.Minute), domain.Recipient{UnitID: "B", AgencyID: "B"}, domain.Recipient{UnitID: "C", AgencyID: "C"}), &issue{domain.UrgencyUrgent, t0.Add(time.Hour)}},
			{draft("a-secret", "A", t0.Add(5*time.Minute), domain.Recipient{UnitID: "B", AgencyID: "B"}), &issue{domain.UrgencyFlash, t0.Add(3 * time.Hour)}},
			{draft("c-normal", "C", t0.Add(6*time.Minute), domain.Recipient{UnitID: "A-KT", AgencyID: "A"}), &issue{domain.UrgencyNormal, t0.Add(time.Hour)}},
			{draft("a-internal", "A", t0.Add(7*time.Minute), domain.Recipient{UnitID: "A-KT", AgencyID: "A"}), &issue{domain.UrgencyVeryUrgent, t0.Add(time.Hour)}},
		}
		for i, x := range docs {
			d := x.d
			if d.ID == "a-secret" {
				d.Confidentiality = domain.ConfidentialitySecret
			}
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if x.issue != nil {
					d.Urgency = x.issue.urgency
				}
				if err := s.InsertDocument(ctx, tx, d); err != nil {
					return err
				}
				if x.issue == nil {
					return nil
				}
				d.Status, d.IssuedAt, d.IssuedBy, d.Number, d.NumberYear = domain.StatusIssued, &x.issue.at, "clerkA", int64(i+1), 2025
				d.Notation = fmt.Sprintf("%02d/CT-X", i+1)
				if err := s.SaveDocument(ctx, tx, d, domain.StatusDraft); err != nil {
					return err
				}
				return s.InsertReceipts(ctx, tx, domain.NewReceipts(d, x.issue.at))
			})
		}
		specA := domain.Actor{UserID: "specA", UnitID: "A-KT", AgencyID: "A", Roles: []string{"specialist"}}
		specB := domain.Actor{UserID: "specB", UnitID: "B-1", AgencyID: "B", Roles: []string{"specialist"}}
		clerkA := domain.Actor{UserID: "clerkA", UnitID: "A-VP", AgencyID: "A", Roles: []string{"clerk"}}
		tests := []struct {
			name string
			q    store.ListQuery
			want []string
		}{
			{"outgoing newest first without others' secrets", store.ListQuery{Box: "outgoing", Actor: specA},
				[]string{"a-internal", "a-urgent", "a-normal-new", "a-flash", "a-normal-old", "a-draft"}},
			{"outgoing shows the issuing clerk the secret", store.ListQuery{Box: "outgoing", Actor: clerkA, Status: "issued"},
				[]string{"a-internal", "a-secret", "a-urgent", "a-normal-new", "a-flash", "a-normal-old"}},
			{"outgoing by status", store.ListQuery{Box: "outgoing", Actor: specA, Status: "draft"}, []string{"a-draft"}},
			{"outgoing by kind", store.ListQuery{Box: "outgoing", Actor: specA, Kind: "plan"}, nil},
			{"incoming by urgency then newest", store.ListQuery{Box: "incoming", Actor: specB},
				[]string{"a-flash", "a-urgent", "a-normal-new", "a-normal-old"}},
			{"incoming by receipt status", store.ListQuery{Box: "incoming", Actor: specB, Status: "registered"}, nil},
			{"incoming of A: from C (waiting) before internal (no receipt)", store.ListQuery{Box: "incoming", Actor: specA},
				[]string{"c-normal", "a-internal"}},
			{"internal documents take no receipt", store.ListQuery{Box: "incoming", Actor: specA, Status: "received"},
				[]string{"c-normal"}},
			{"no unit, no box", store.ListQuery{Box: "incoming", Actor: domain.Actor{UserID: "admin"}}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, next, err := s.List(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(ids(page)) != fmt.Sprint(tt.want) || next != nil {
					t.Fatalf("got %v (next %v), want %v", ids(page), next, tt.want)
				}
				// Paging one by one yields the same order.
				var paged []string
				q := tt.q
				q.Limit = 1
				for i := 0; i < 20; i++ {
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
		page, _, _ := s.List(ctx, store.ListQuery{Box: "incoming", Actor: specB, Limit: 1})
		if page[0].ReceiptStatus != domain.ReceiptReceived || len(page[0].Document.Recipients) != 1 || page[0].Document.Body != "" {
			t.Fatalf("incoming row = %+v", page[0])
		}
		for _, after := range [][]string{{"x"}, {"a", "b", "c", "d"}} {
			if _, _, err := s.List(ctx, store.ListQuery{Box: "incoming", Actor: specB, After: after}); !errors.Is(err, apperr.ErrInvalid) {
				t.Fatalf("cursor %v: %v", after, err)
			}
		}
	})
}
