package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// migrationsBefore are the documents' migrations numbered before first.
func migrationsBefore(t *testing.T, first string) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(store.Migrations, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path >= first {
			return err
		}
		b, err := fs.ReadFile(store.Migrations, path)
		out[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHandlingTimesStored: the handling times the statistics read are
// those the domain takes from the receipt (domain/handling.go), whether
// migration 00020 filled them in for receipts and steps stored before it
// (to the nanosecond, across a leap day and months) or the store wrote
// them with a step.
func TestHandlingTimesStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := identityview.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx, "goose_documents", migrationsBefore(t, "00020")); err != nil {
			t.Fatal(err)
		}
		s := store.New(db)
		arrived := time.Date(2028, 2, 28, 23, 59, 58, 999_999_999, time.UTC)
		at := func(h int, ns int) time.Time { return arrived.Add(time.Duration(h)*time.Hour + time.Duration(ns)) }
		type step struct {
			kind, by string
			at       time.Time
		}
		receipts := []struct {
			id                   string
			registered, directed time.Time // zero: not
			steps                []step
		}{
			{id: "routed", registered: at(1, 7), directed: at(30, 3), steps: []step{{"forward", "clerk", at(2, 11)},
				{"return", "office", at(3, 5)}, {"forward", "clerk", at(5, 1)}, {"propose", "office", at(9, 2)},
				{"direct", "chair", at(30, 3)}, {"read", "reader", at(31, 0)}, {"assign", "lead", at(24*40, 9)}}},
			{id: "legacy", registered: at(26, 1), directed: at(24*33, 123)},
			{id: "forwarded", registered: at(1, 0), steps: []step{{"forward", "clerk", at(48, 999)}}},
			{id: "no-lead", registered: at(0, 5), steps: []step{{"direct", "chair", at(7, 0)}}},
			{id: "received"},
		}
		fmt := pkgstore.FormatTime
		for _, r := range receipts {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				// Rows as the schema before 00020 holds them: the store's
				// writes are today's, for today's schema.
				if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, kind, status, issuer_unit_id, drafting_unit_id,
					drafter_id, summary, urgency, urgency_rank, confidentiality, created_at, updated_at)
					VALUES ($1, 'directive', 'draft', 'A', 'A-KT', 'drafter', 'Trích yếu', 'normal', 0, 'normal', $2, $2)`,
					r.id, fmt(arrived)); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO receipts (document_id, agency_id, status, created_at, updated_at)
					VALUES ($1, 'B', 'received', $2, $2)`, r.id, fmt(arrived)); err != nil {
					return err
				}
				if !r.registered.IsZero() {
					if _, err := tx.ExecContext(ctx, `UPDATE receipts SET status = 'registered', registered_at = $1,
						registered_by = 'clerk' WHERE document_id = $2`, fmt(r.registered), r.id); err != nil {
						return err
					}
				}
				if !r.directed.IsZero() {
					if _, err := tx.ExecContext(ctx, `UPDATE receipts SET status = 'directed', lead_unit_id = 'B-KT',
						directed_at = $1, directed_by = 'chair' WHERE document_id = $2`, fmt(r.directed), r.id); err != nil {
						return err
					}
				}
				for i, st := range r.steps {
					if _, err := tx.ExecContext(ctx, `INSERT INTO routing_steps (document_id, agency_id, seq, id, kind,
						from_user_id, at) VALUES ($1, 'B', $2, $3, $4, $5, $6)`, r.id, i+1, r.id+"-"+st.kind+string(rune('a'+i)),
						st.kind, st.by, fmt(st.at)); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if err := store.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		check := func(id string) {
			t.Helper()
			rs, err := s.Receipts(ctx, id)
			if err != nil || len(rs) != 1 {
				t.Fatalf("%s: %v", id, err)
			}
			r := rs[0]
			var reg, dir sql.NullInt64
			var dirBy string
			if err := db.QueryRowContext(ctx, `SELECT registration_ns, direction_by, direction_ns FROM receipts
				WHERE document_id = $1`, id).Scan(&reg, &dirBy, &dir); err != nil {
				t.Fatal(err)
			}
			wantReg, regOK := r.RegistrationTook()
			wantBy, wantDir, dirOK := r.DirectionTook()
			if reg.Valid != regOK || time.Duration(reg.Int64) != wantReg || dir.Valid != dirOK ||
				time.Duration(dir.Int64) != wantDir || dirBy != wantBy {
				t.Errorf("%s: registration %v direction %s %v; want %v %v, %s %v %v", id, reg, dirBy, dir, wantReg, regOK, wantBy, wantDir, dirOK)
			}
			for i, st := range r.Routing {
				var took sql.NullInt64
				var arrivedAt string
				if err := db.QueryRowContext(ctx, `SELECT took_ns, arrived_at FROM routing_steps WHERE id = $1`, st.ID).Scan(&took, &arrivedAt); err != nil {
					t.Fatal(err)
				}
				want, ok := r.StepTook(i)
				if took.Valid != ok || time.Duration(took.Int64) != want || arrivedAt != fmt(arrived) {
					t.Errorf("%s step %d (%s): took %v arrived %s, want %v %v", id, i+1, st.Kind, took, arrivedAt, want, ok)
				}
			}
		}
		for _, r := range receipts {
			check(r.id)
		}
		// A step the store writes now.
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			r, err := s.ReceiptForUpdate(ctx, tx, "forwarded", "B")
			if err != nil {
				return err
			}
			r.Routing = append(r.Routing, domain.RoutingStep{ID: "forwarded-direct", Seq: 2, Kind: domain.StepDirect,
				FromUserID: "chair", At: at(24*5, 77)})
			r.Status = domain.ReceiptDirected
			return s.SaveReceipt(ctx, tx, r, domain.ReceiptRegistered)
		})
		check("forwarded")
		// The figures themselves, for one receipt.
		rs, _ := s.Receipts(ctx, "routed")
		if by, d, _ := rs[0].DirectionTook(); by != "chair" || d != 30*time.Hour+3 {
			t.Errorf("direction %s %v", by, d)
		}
		var took []string
		for i := range rs[0].Routing {
			d, ok := rs[0].StepTook(i)
			if !ok {
				took = append(took, "none")
				continue
			}
			took = append(took, d.String())
		}
		if got := strings.Join(took, " "); got != "1h0m0.000000004s 59m59.999999994s 1h59m59.999999996s 4h0m0.000000001s 21h0m0.000000001s none 930h0m0.000000006s" {
			t.Errorf("steps took %s", got)
		}
	})
}
