package store_test

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// migrationsBefore are the service's migrations older than version.
func migrationsBefore(t *testing.T, version string) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	entries, err := fs.ReadDir(taskstore.Migrations, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() >= version {
			continue
		}
		b, err := fs.ReadFile(taskstore.Migrations, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = &fstest.MapFile{Data: b}
	}
	return out
}

// TestHistoryFromOldNotes: entries written before history had fields of
// its own, with what they were about in the note, read back with the
// fields filled and the note left with people's text only; a note of no
// known form stays as it was.
func TestHistoryFromOldNotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.Migrate(ctx, "goose_tasks", migrationsBefore(t, "00005")); err != nil {
			t.Fatal(err)
		}
		s := taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{}))
		at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
		child := func(id, unit, user string) domain.Task {
			c := task(id, "d1", "sttt", unit, t0)
			c.Origin, c.ParentTaskID, c.AssigneeUserID = domain.OriginDelegation, "t1", user
			return c
		}
		reviewed := at(9) // the time of the returned review's entry below
		old := []struct {
			action domain.Action
			note   string
		}{
			{domain.ActionAssigned, ""},
			{domain.ActionDelegated, "ttbc/u-chau: Khẩn trương: gấp"},
			{domain.ActionDelegated, "ttbc: "},
			{domain.ActionDelegated, "nowhere: Giao đi đâu"},
			{domain.ActionExtensionAsked, "2025-03-31 → 2025-04-15: Chờ số liệu: các huyện"},
			{domain.ActionExtensionDecided, "approved 2025-03-31 → 2025-04-15: Đồng ý"},
			{domain.ActionExtensionDecided, "rejected 2025-04-15 → 2025-05-01: "},
			{domain.ActionReportSubmitted, "r1"},
			{domain.ActionReportReviewed, "returned: Bổ sung: số liệu"},
			{domain.ActionReportReviewed, "accepted: "},
			{domain.ActionCompleted, "r1"},
			{domain.ActionCancelled, "Ban hành nhầm"},
			{domain.ActionExtensionAsked, "gia hạn"},
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, tk := range []domain.Task{task("t1", "d1", "ubnd", "sttt", t0), child("c1", "ttbc", "u-chau"), child("c2", "ttbc", "")} {
				if err := createOldTask(ctx, tx, tk); err != nil {
					return err
				}
			}
			if _, err := s.AddReport(ctx, tx, domain.Report{ID: "r1", TaskID: "t1", AuthorUserID: "u2", AuthorUnitID: "sttt",
				ProgressPercent: 60, Summary: "Đã tổng hợp", SubmittedAt: at(7)}); err != nil {
				return err
			}
			if err := s.ReviewReport(ctx, tx, domain.Report{ID: "r1", TaskID: "t1", Decision: domain.ReviewReturned,
				Comment: "Bổ sung: số liệu", ReviewedBy: "u1", ReviewedAt: &reviewed}); err != nil {
				return err
			}
			for i, h := range old {
				if _, err := tx.ExecContext(ctx, `INSERT INTO task_history (task_id, seq, action, actor_user_id, actor_unit_id, at,
    from_status, to_status, note, event_id) VALUES ('t1', $1, $2, 'u1', 'ubnd', $3, 'in_progress', 'in_progress', $4, '')`,
					i+1, string(h.action), store.FormatTime(at(i+1)), h.note); err != nil {
					return err
				}
			}
			return nil
		})
		if err := taskstore.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		got, err := s.History(ctx, "t1")
		if err != nil {
			t.Fatal(err)
		}
		d := domain.MustDate
		want := []domain.HistoryEntry{
			{Action: domain.ActionAssigned},
			{Action: domain.ActionDelegated, ToUnitID: "ttbc", ToUserID: "u-chau", Note: "Khẩn trương: gấp"},
			{Action: domain.ActionDelegated, ToUnitID: "ttbc"},
			{Action: domain.ActionDelegated, Note: "nowhere: Giao đi đâu"},
			{Action: domain.ActionExtensionAsked, OldDueDate: d("2025-03-31"), NewDueDate: d("2025-04-15"), Reason: "Chờ số liệu: các huyện"},
			{Action: domain.ActionExtensionDecided, Decision: "approved", OldDueDate: d("2025-03-31"), NewDueDate: d("2025-04-15"), Note: "Đồng ý"},
			{Action: domain.ActionExtensionDecided, Decision: "rejected", OldDueDate: d("2025-04-15"), NewDueDate: d("2025-05-01")},
			{Action: domain.ActionReportSubmitted, ReportID: "r1"},
			{Action: domain.ActionReportReviewed, Decision: "returned", ReportID: "r1", Note: "Bổ sung: số liệu"},
			{Action: domain.ActionReportReviewed, Decision: "accepted"}, // no review of this time: the report is unknown
			{Action: domain.ActionCompleted, ReportID: "r1"},
			{Action: domain.ActionCancelled, Reason: "Ban hành nhầm"},
			{Action: domain.ActionExtensionAsked, Note: "gia hạn"},
		}
		if len(got) != len(want) {
			t.Fatalf("history = %+v", got)
		}
		for i, w := range want {
			w.TaskID, w.Seq, w.ActorUserID, w.ActorUnitID = "t1", i+1, "u1", "ubnd"
			w.FromStatus, w.ToStatus = domain.StatusInProgress, domain.StatusInProgress
			w.At = at(i + 1)
			g := got[i]
			if !g.At.Equal(w.At) {
				t.Errorf("entry %d at %s, want %s", i+1, g.At, w.At)
			}
			g.At = w.At
			if g != w {
				t.Errorf("entry %d:\n got %+v\nwant %+v", i+1, g, w)
			}
		}
	})
}

// TestFirstHistoryFields: the batch writer keeps every field too.
func TestFirstHistoryFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		h := domain.HistoryEntry{TaskID: "t1", Seq: 1, Action: domain.ActionAssigned, ActorUserID: "u1", ActorUnitID: "ubnd", At: t0,
			ToStatus: domain.StatusAssigned, Decision: "d", Reason: "r", ReportID: "rp", OldDueDate: domain.MustDate("2025-03-01"),
			NewDueDate: domain.MustDate("2025-03-02"), ToUnitID: "tu", ToUserID: "tp", Note: "n", EventID: "ev"}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			if _, err := s.CreateTask(ctx, tx, task("t1", "d1", "ubnd", "sttt", t0)); err != nil {
				return err
			}
			return s.AddFirstHistory(ctx, tx, []domain.HistoryEntry{h})
		})
		got, err := s.History(ctx, "t1")
		if err != nil || len(got) != 1 {
			t.Fatalf("history = %+v, %v", got, err)
		}
		if !got[0].At.Equal(h.At) {
			t.Fatalf("at %s", got[0].At)
		}
		got[0].At = h.At
		if got[0] != h {
			t.Fatalf("got  %+v\nwant %+v", got[0], h)
		}
	})
}

// createOldTask writes a task as the schema before 00007 holds it (no
// due_working_days): the store's CreateTask writes today's columns.
func createOldTask(ctx context.Context, tx *store.Tx, t domain.Task) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO tasks (id, origin, source_document_id, source_kind, source_notation,
    confidentiality, urgency, plan_item_id, parent_task_id, assigner_unit_id, assignee_unit_id, assignee_user_id, role, title,
    due_date, status, progress_percent, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
		t.ID, string(t.Origin), t.SourceDocumentID, t.SourceKind, t.SourceNotation, t.Confidentiality, string(t.Urgency),
		t.PlanItemID, t.ParentTaskID, t.AssignerUnitID, t.AssigneeUnitID, t.AssigneeUserID, string(t.Role), t.Title,
		t.DueDate.String(), string(t.Status), t.ProgressPercent, store.FormatTime(t.CreatedAt), store.FormatTime(t.UpdatedAt), t.Version)
	return err
}
