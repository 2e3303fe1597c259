package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// incoming is a package's document as app would build it.
func incoming(id, pkg string) app.NewIncoming {
	d, err := domain.NewIncoming(id, domain.IncomingInput{Channel: domain.ChannelExchange, ExchangePackageID: pkg,
		Sender: domain.Sender{OrganisationCode: "000.00.00.G22", Name: "Văn phòng Chính phủ"}, OriginalNotation: "7816/VPCP-TTĐT",
		OriginalDate: "2025-02-27", Kind: "decision", Summary: "Về Đề án 06", Urgency: "flash", DueDate: "2025-03-31", Pages: 4,
		Signer: domain.ExternalSigner{FullName: "Trần Văn Sơn", Competence: "KT. BỘ TRƯỞNG", Position: "THỨ TRƯỞNG"}},
		"B", domain.Person{}, t0)
	if err != nil {
		panic(err)
	}
	att := domain.Attachment{ID: id + "-a", DocumentID: id, Filename: "qd.pdf", ContentType: domain.ContentTypePDF, Size: 3,
		SHA256: "abc", CreatedAt: t0}
	return app.NewIncoming{Document: d, Receipt: domain.NewReceipts(d, t0)[0], Attachments: []domain.Attachment{att},
		History: []domain.HistoryEntry{{DocumentID: id, Action: domain.ActionReceive, To: domain.StatusIssued, At: t0}}}
}

// TestReceivePackage: a package's document is stored with every field of
// its sender, released with a received receipt at the addressed agency and
// its files; the same package again runs nothing and stores nothing, and
// either way ends the package's intake.
func TestReceivePackage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.QueueIntake(ctx, tx, "p1", []byte(`{}`), t0)
		})
		n := incoming("d1", "p1")
		id, created, err := s.ReceivePackage(ctx, "p1", func(context.Context, app.Writes) (app.NewIncoming, error) { return n, nil })
		if err != nil || !created || id != "d1" {
			t.Fatalf("first: %q %v %v", id, created, err)
		}
		got, err := s.Document(ctx, "d1")
		if err != nil {
			t.Fatal(err)
		}
		want := n.Document
		want.CreatedAt, want.UpdatedAt = got.CreatedAt, got.UpdatedAt
		want.IssuedAt = got.IssuedAt
		if !reflect.DeepEqual(got, want) || !got.IssuedAt.Equal(t0) {
			t.Fatalf("stored\n%+v\nwant\n%+v", got, want)
		}
		rs, err := s.Receipts(ctx, "d1")
		if err != nil || len(rs) != 1 || rs[0].AgencyID != "B" || rs[0].Status != domain.ReceiptReceived {
			t.Fatalf("receipts %+v %v", rs, err)
		}
		if atts, _ := s.Attachments(ctx, "d1"); len(atts) != 1 || atts[0].SHA256 != "abc" {
			t.Fatalf("attachments %+v", atts)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.QueueIntake(ctx, tx, "p1", []byte(`{}`), t0) // its document exists: nothing queued
		})
		if due, _ := s.DueIntakes(ctx, t0.Add(time.Hour), 10); len(due) != 0 {
			t.Fatalf("intake left or requeued: %v", due)
		}
		id, created, err = s.ReceivePackage(ctx, "p1", func(context.Context, app.Writes) (app.NewIncoming, error) {
			t.Fatal("made again")
			return app.NewIncoming{}, nil
		})
		if err != nil || created || id != "d1" {
			t.Fatalf("again: %q %v %v", id, created, err)
		}
		// A second document for the package cannot be stored at all.
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.InsertDocument(ctx, tx, incoming("d2", "p1").Document)
		}); err == nil {
			t.Error("two documents of one package")
		}
	})
}

// TestIntakeLease: an intake is queued once, claimed once per lease with
// its event, put back on failure and claimed again when due.
func TestIntakeLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.QueueIntake(ctx, tx, "p1", []byte(`{"package_id":"p1"}`), t0); err != nil {
				return err
			}
			return s.QueueIntake(ctx, tx, "p1", []byte(`{"other":1}`), t0) // a repeat changes nothing
		})
		if due, err := s.DueIntakes(ctx, t0, 10); err != nil || len(due) != 1 || due[0] != "p1" {
			t.Fatalf("due %v %v", due, err)
		}
		claim := func(at time.Time) (bool, int) {
			ok, attempts, payload, err := s.ClaimIntake(ctx, "p1", at, at.Add(5*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if ok && string(payload) != `{"package_id":"p1"}` {
				t.Fatalf("payload %s", payload)
			}
			return ok, attempts
		}
		if ok, n := claim(t0); !ok || n != 1 {
			t.Fatalf("first claim %v %d", ok, n)
		}
		if ok, _ := claim(t0.Add(time.Minute)); ok {
			t.Fatal("claimed under a lease")
		}
		if err := s.FailIntake(ctx, "p1", t0.Add(10*time.Minute), "exchange unreachable"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := claim(t0.Add(9 * time.Minute)); ok {
			t.Fatal("claimed before its retry")
		}
		if ok, n := claim(t0.Add(10 * time.Minute)); !ok || n != 2 {
			t.Fatalf("retry claim %v %d", ok, n)
		}
	})
}

// TestMigrationKeepsDocumentsInternal: documents and receipts stored before
// documents from outside existed read as internal, with nothing refused.
func TestMigrationKeepsDocumentsInternal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := identityview.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx, "goose_documents", storetest.MigrationsBefore(t, store.Migrations, "00012")); err != nil {
			t.Fatal(err)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, q := range []string{
				`INSERT INTO documents (id, kind, status, issuer_unit_id, drafting_unit_id, drafter_id, summary, urgency,
				 urgency_rank, confidentiality, created_at, updated_at, issued_at, notation)
				 VALUES ('old', 'directive', 'issued', 'A', 'A', 'u', 'Trích yếu', 'normal', 0, 'normal',
				 '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z', '01/CT-A')`,
				`INSERT INTO receipts (document_id, agency_id, status, created_at, updated_at)
				 VALUES ('old', 'B', 'received', '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z')`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		s := open(t, db) // migrates the rest
		d, err := s.Document(ctx, "old")
		if err != nil || d.Channel != domain.ChannelInternal || d.Sender != (domain.Sender{}) || d.ExchangePackageID != "" || len(d.ExternalRecipients) != 0 {
			t.Fatalf("old document %+v %v", d, err)
		}
		rs, err := s.Receipts(ctx, "old")
		if err != nil || len(rs) != 1 || rs[0].RefusedAt != nil || rs[0].RefuseReason != "" {
			t.Fatalf("old receipt %+v %v", rs, err)
		}
	})
}
