package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

func TestPlanItemsAndContentUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		d := draft("p1", "A", t0, domain.Recipient{UnitID: "B", AgencyID: "B"})
		d.Kind = domain.KindPlan
		d.Items = []domain.PlanItem{
			{ID: "i1", Title: "Tuyên truyền", LeadUnitID: "B", CooperatingUnitIDs: []string{"C", "D"}, DueDate: "2026-06-30",
				ReportCadence: domain.CadenceMonthly, Indicator: &domain.Indicator{Name: "PAPI", Target: "7"}},
			{ID: "i2", Title: "Cổng", Description: "mô tả", LeadUnitID: "C", CooperatingUnitIDs: []string{}, DueDate: "2026-03-31",
				ReportCadence: domain.CadenceNone},
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.InsertDocument(ctx, tx, d) })
		got, err := s.Document(ctx, "p1")
		if err != nil || !reflect.DeepEqual(got, d) {
			t.Fatalf("round trip %v:\n got %+v\nwant %+v", err, got, d)
		}
		d.Summary, d.Body, d.Items = "Kế hoạch mới", "Phản ánh kiến nghị", d.Items[1:]
		d.Recipients = []domain.Recipient{{UnitID: "C", AgencyID: "C"}}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.UpdateContent(ctx, tx, d) })
		got, _ = s.Document(ctx, "p1")
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("after edit:\n got %+v\nwant %+v", got, d)
		}
		// Only a draft is edited.
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE documents SET status = 'issued' WHERE id = 'p1'`)
			return err
		})
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return s.UpdateContent(ctx, tx, d) })
		if !errors.Is(err, store.ErrStale) {
			t.Fatalf("editing an issued document: %v", err)
		}
	})
}

func TestSearchIsAccentBlindAndLiteral(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		insert := func(id, text string) {
			d := draft(id, "A", t0)
			d.Summary, d.Body = text, ""
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.InsertDocument(ctx, tx, d) })
		}
		insert("d1", "Tiếp nhận phản ánh, kiến nghị")
		insert("d2", "Đường giao thông 100% hoàn thành")
		a := domain.Actor{UserID: "x", UnitID: "A", AgencyID: "A"}
		check := func(stage string, s *store.Store, want map[string]int) {
			t.Helper()
			for q, n := range want {
				rows, _, err := s.List(ctx, store.ListQuery{Box: store.BoxOutgoing, Actor: a, Q: domain.Fold(q)})
				if err != nil || len(rows) != n {
					t.Errorf("%s: q=%q: %d rows, %v; want %d", stage, q, len(rows), err, n)
				}
			}
		}
		check("scan", s, map[string]int{"phan anh": 1, "duong": 1, "100%": 1, "%": 1, "_": 0, "": 2})
		// With the index: documents from before it (copied), after it
		// (insert trigger) and edited (update trigger).
		indexed := store.New(db)
		if err := indexed.PrepareSearch(ctx); err != nil {
			t.Fatal(err)
		}
		if err := indexed.PrepareSearch(ctx); err != nil {
			t.Fatalf("prepare twice: %v", err)
		}
		insert("d3", "Quy_chế \"dân chủ\" ở cơ sở")
		d1, _ := s.Document(ctx, "d1")
		d1.Body = "Bổ sung: đẩy mạnh cải cách"
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.UpdateContent(ctx, tx, d1) })
		want := map[string]int{"phan anh": 1, "PHẢN ÁNH": 1, "duong": 1, "100%": 1, "%": 1, "_": 1, "quy_che": 1, "quyxche": 0,
			`"dan chu"`: 1, "day manh": 1, "dd": 0, "": 3}
		check("index", indexed, want)
		check("scan after", s, want)
	})
}

func TestReceiptRegistrationAndDirection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		d := draft("d1", "A", t0, domain.Recipient{UnitID: "B", AgencyID: "B"})
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.InsertDocument(ctx, tx, d); err != nil {
				return err
			}
			return s.InsertReceipts(ctx, tx, []domain.Receipt{{DocumentID: "d1", AgencyID: "B", Status: domain.ReceiptReceived, CreatedAt: t0, UpdatedAt: t0}})
		})
		at := t0.Add(time.Hour)
		var r domain.Receipt
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			var err error
			if r, err = s.ReceiptForUpdate(ctx, tx, "d1", "B"); err != nil {
				return err
			}
			r.Status, r.IncomingNumber, r.IncomingYear, r.RegisteredAt, r.RegisteredBy, r.UpdatedAt = domain.ReceiptRegistered, 4, 2025, &at, "clerk", at
			if err := s.SaveReceipt(ctx, tx, r, domain.ReceiptReceived); err != nil {
				return err
			}
			r.Status = domain.ReceiptDirected
			r.Direction = &domain.Direction{LeadUnitID: "B-1", CooperatingUnitIDs: []string{"B-2"}, DueDate: "2025-05-01", Note: "khẩn", DirectedBy: "lead", DirectedAt: at}
			return s.SaveReceipt(ctx, tx, r, domain.ReceiptRegistered)
		})
		rs, err := s.Receipts(ctx, "d1")
		if err != nil || len(rs) != 1 || !reflect.DeepEqual(rs[0], r) {
			t.Fatalf("receipt %v:\n got %+v\nwant %+v", err, rs, r)
		}
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.SaveReceipt(ctx, tx, r, domain.ReceiptReceived)
		}); !errors.Is(err, store.ErrStale) {
			t.Fatalf("stale receipt update: %v", err)
		}
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := s.ReceiptForUpdate(ctx, tx, "d1", "C")
			return err
		}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no receipt: %v", err)
		}

		// Done once both tasks of B's direction ended; the issuer's own task
		// on the document and a delegated child do not count.
		task := func(id, assignerAgency, parent, status string, report bool, progress int, class string) domain.TaskView {
			return domain.TaskView{TaskID: id, SourceDocumentID: "d1", ParentTaskID: parent, AssignerUnitID: assignerAgency,
				AssignerAgencyID: assignerAgency, Status: status, HasReport: report, Reported: report, Progress: progress, Class: class,
				UpdatedAt: pkgstore.FormatTime(at)}
		}
		steps := []struct {
			t    domain.TaskView
			done bool
		}{
			{task("issuer", "A", "", "completed", true, 100, "completed_on_time"), false},
			{task("lead", "B", "", "completed", true, 100, "completed_late"), false},
			{task("child", "B", "lead", "cancelled", false, 0, ""), false},
			{task("coop", "B", "", "in_progress", true, 50, ""), false},
			{task("coop", "B", "", "cancelled", false, 0, ""), true},
			{task("coop", "B", "", "in_progress", false, 0, ""), true}, // a late event does not reopen it
		}
		for i, st := range steps {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if err := s.UpsertTask(ctx, tx, st.t); err != nil {
					return err
				}
				_, err := s.MarkReceiptsDone(ctx, tx, "d1", pkgstore.FormatTime(at))
				return err
			})
			rs, _ := s.Receipts(ctx, "d1")
			if done := rs[0].Status == domain.ReceiptDone; done != st.done {
				t.Fatalf("step %d: receipt %s, want done=%v", i, rs[0].Status, st.done)
			}
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE task_views SET plan_item_id = 'i1' WHERE task_id = 'coop'`)
			return err
		})
		ts, err := s.PlanTasks(ctx, "d1")
		if err != nil || len(ts) != 1 || ts[0].Status != "cancelled" || ts[0].Progress != 50 || !ts[0].Reported {
			t.Fatalf("plan tasks %+v, %v", ts, err)
		}
	})
}

func TestAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return s.InsertDocument(ctx, tx, draft("d1", "A", t0))
		})
		a := domain.Attachment{ID: "a1", DocumentID: "d1", Filename: "Phụ lục.pdf", ContentType: "application/pdf", Size: 12,
			SHA256: "ab", UploadedBy: "u", CreatedAt: t0}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.InsertAttachment(ctx, tx, a) })
		got, err := s.Attachment(ctx, "d1", "a1")
		if err != nil || got != a {
			t.Fatalf("attachment %+v, %v", got, err)
		}
		if _, err := s.Attachment(ctx, "d2", "a1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another document's attachment: %v", err)
		}
		list, err := s.Attachments(ctx, "d1")
		if err != nil || len(list) != 1 || list[0] != a {
			t.Fatalf("list %+v, %v", list, err)
		}
	})
}

func TestBackfillSearchText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		for _, id := range []string{"d1", "d2"} {
			d := draft(id, "A", t0)
			d.Summary = "Phản ánh " + id
			d.Sender.Name, d.ExternalSigner.FullName = "Bộ Nội vụ "+id, "Đỗ Văn Đức "+id
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.InsertDocument(ctx, tx, d) })
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			// as before the migrations
			_, err := tx.ExecContext(ctx, `UPDATE documents SET search_text = '', sender_search = '', signer_search = ''`)
			return err
		})
		if n, err := s.BackfillSearchText(ctx); err != nil || n != 2 {
			t.Fatalf("backfill %d, %v", n, err)
		}
		if n, err := s.BackfillSearchText(ctx); err != nil || n != 0 {
			t.Fatalf("second backfill %d, %v", n, err)
		}
		rows, _, err := s.List(ctx, store.ListQuery{Box: store.BoxOutgoing, Actor: domain.Actor{UserID: "x", UnitID: "A", AgencyID: "A"}, Q: "phan anh d2"})
		if err != nil || len(rows) != 1 || rows[0].Document.ID != "d2" {
			t.Fatalf("search after backfill: %+v %v", rows, err)
		}
		a := domain.Actor{UserID: "x", UnitID: "A", AgencyID: "A"}
		for _, q := range []store.ListQuery{{Box: store.BoxOutgoing, Actor: a, Sender: "bo noi vu d1"}, {Actor: a, Signer: "do van duc d1"}} {
			rows, _, err := s.List(ctx, q)
			if err != nil || len(rows) != 1 || rows[0].Document.ID != "d1" {
				t.Fatalf("names after backfill: %+v %v", rows, err)
			}
		}
	})
}

// TestSearchIndexOfOlderDatabase (SQLite): an index made before its rows
// took the documents' rowids is rebuilt with them, finds what it found, and
// an edit then replaces the document's old text instead of adding to it.
func TestSearchIndexOfOlderDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		if db.Dialect != pkgstore.SQLite {
			t.Skip("SQLite's trigram index")
		}
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, q := range []string{
				`CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, search_text, tokenize = 'trigram')`,
				`CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
					INSERT INTO documents_fts (id, search_text) VALUES (new.id, new.search_text); END`,
				`CREATE VIRTUAL TABLE documents_names USING fts5(id UNINDEXED, sender_search, signer_search, tokenize = 'trigram')`,
				`CREATE TRIGGER documents_names_insert AFTER INSERT ON documents BEGIN
					INSERT INTO documents_names (id, sender_search, signer_search) VALUES (new.id, new.sender_search, new.signer_search); END`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		insert := func(id, text string) {
			d := draft(id, "A", t0)
			d.Summary, d.Body = text, ""
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.InsertDocument(ctx, tx, d) })
		}
		insert("d1", "Tiếp nhận phản ánh, kiến nghị")
		insert("d2", "Đường giao thông nông thôn")
		// The old index's rows have rowids of their own, unlike the documents'.
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM documents_fts WHERE id = 'd1'`); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (id, search_text) SELECT id, search_text FROM documents WHERE id = 'd1'`)
			return err
		})
		if err := s.PrepareSearch(ctx); err != nil {
			t.Fatal(err)
		}
		insert("d3", "Phản ánh về giao thông")
		d1, err := s.Document(ctx, "d1")
		if err != nil {
			t.Fatal(err)
		}
		d1.Summary = "Cải cách hành chính"
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.UpdateContent(ctx, tx, d1) })
		a := domain.Actor{UserID: "x", UnitID: "A", AgencyID: "A"}
		for q, want := range map[string]int{"phan anh": 1, "giao thong": 2, "cai cach": 1} {
			rows, _, err := s.List(ctx, store.ListQuery{Box: store.BoxOutgoing, Actor: a, Q: domain.Fold(q)})
			if err != nil || len(rows) != want {
				t.Errorf("q=%q: %d rows, %v; want %d", q, len(rows), err, want)
			}
		}
		for _, table := range []string{"documents_fts", "documents_names"} {
			var n, off int
			err := db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM documents d
				WHERE d.rowid = x.rowid AND d.id = x.id)) FROM `+table+` x`).Scan(&n, &off)
			if err != nil || n != 3 || off != 0 {
				t.Errorf("%s: %d rows, %d not on their document's rowid, %v; want 3, 0", table, n, off, err)
			}
		}
	})
}
