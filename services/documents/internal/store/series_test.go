package store_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestMigrateKeepsNumbersInTheirSeries: numbers given before the series
// existed stay, in the general and incoming series; afterwards a number is
// unique per agency, year and series, so two series may both hold it.
func TestMigrateKeepsNumbersInTheirSeries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := identityview.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx, "goose_documents", storetest.MigrationsBefore(t, store.Migrations, "00008")); err != nil {
			t.Fatal(err)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, q := range []string{
				`INSERT INTO documents (id, kind, status, issuer_unit_id, drafting_unit_id, drafter_id, summary, urgency,
				 urgency_rank, confidentiality, number_year, number, notation, issued_at, created_at, updated_at)
				 VALUES ('old', 'directive', 'issued', 'A', 'A-KT', 'drafter', 'Chỉ thị', 'normal', 0, 'normal', 2025, 5,
				 '05/CT-A', '2025-03-01T00:00:00.000000000Z', '2025-03-01T00:00:00.000000000Z', '2025-03-01T00:00:00.000000000Z')`,
				`INSERT INTO receipts (document_id, agency_id, status, incoming_number, incoming_year, created_at, updated_at)
				 VALUES ('old', 'B', 'registered', 3, 2025, '2025-03-01T00:00:00.000000000Z', '2025-03-01T00:00:00.000000000Z')`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		s := open(t, db)
		d, err := s.Document(ctx, "old")
		if err != nil || d.Number != 5 || d.NumberYear != 2025 || d.Series != domain.SeriesGeneral || d.Notation != "05/CT-A" {
			t.Fatalf("migrated document %+v, %v", d, err)
		}
		rs, err := s.Receipts(ctx, "old")
		if err != nil || len(rs) != 1 || rs[0].IncomingNumber != 3 || rs[0].IncomingSeries != domain.SeriesIncoming {
			t.Fatalf("migrated receipts %+v, %v", rs, err)
		}
		numbered := func(id, series string) error {
			d := draft(id, "A", t0)
			d.Status, d.Number, d.NumberYear, d.Series, d.Notation, d.IssuedAt = domain.StatusIssued, 5, 2025, series, "05/CT-A", &t0
			return db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
				if err := s.InsertDocument(ctx, tx, d); err != nil {
					return err
				}
				return s.SaveDocument(ctx, tx, d, d.Status)
			})
		}
		for _, tt := range []struct {
			id, series string
			ok         bool
		}{
			{"conf", domain.SeriesConfidential, true},
			{"norm", domain.SeriesNormative, true},
			{"twice", domain.SeriesGeneral, false},
			{"conf-twice", domain.SeriesConfidential, false},
		} {
			if err := numbered(tt.id, tt.series); (err == nil) != tt.ok {
				t.Errorf("number 5 again in %s: %v", tt.series, err)
			}
		}
	})
}
