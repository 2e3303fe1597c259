package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

func open(t testing.TB, db *store.DB) *taskstore.Store {
	t.Helper()
	if err := taskstore.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{}))
}

func inTx(t *testing.T, db *store.DB, fn func(ctx context.Context, tx *store.Tx) error) {
	t.Helper()
	if err := db.InTx(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

var t0 = time.Date(2025, 3, 1, 2, 0, 0, 123456789, time.UTC)

func task(id, doc, assigner, assignee string, created time.Time) domain.Task {
	return domain.Task{
		ID: id, Origin: domain.OriginDocument, SourceDocumentID: doc, SourceKind: "directive",
		SourceNotation: "07/CT-UBND", Confidentiality: "normal", Urgency: domain.UrgencyUrgent,
		AssignerUnitID: assigner, AssigneeUnitID: assignee, Role: domain.RoleLead,
		Title: "Xử lý văn bản 07/CT-UBND", DueDate: domain.MustDate("2025-03-31"), Status: domain.StatusAssigned,
		CreatedAt: created, UpdatedAt: created, Version: 1,
	}
}

func TestCreateTaskNaturalKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		base := task("t1", "d1", "ubnd", "sttt", t0)
		done := t0.Add(48 * time.Hour)
		full := base
		full.ID, full.PlanItemID, full.ParentTaskID, full.AssigneeUserID = "t-full", "item-1", "t0", "user-9"
		full.Origin, full.Role, full.Status, full.ProgressPercent = domain.OriginDelegation, domain.RoleCooperate, domain.StatusCompleted, 100
		full.CompletedAt, full.Version = &done, 3

		tests := []struct {
			name    string
			task    func() domain.Task
			created bool
		}{
			{"new", func() domain.Task { return base }, true},
			{"same key, new id", func() domain.Task { x := base; x.ID = "t2"; return x }, false},
			{"same key, other title and due date", func() domain.Task {
				x := base
				x.ID, x.Title, x.DueDate = "t3", "khác", domain.MustDate("2026-01-01")
				return x
			}, false},
			{"other assignee", func() domain.Task { x := base; x.ID, x.AssigneeUnitID = "t4", "sct"; return x }, true},
			{"other role", func() domain.Task { x := base; x.ID, x.Role = "t5", domain.RoleCooperate; return x }, true},
			{"other plan item", func() domain.Task {
				x := base
				x.ID, x.PlanItemID, x.Origin = "t6", "item-1", domain.OriginPlanItem
				return x
			}, true},
			{"other parent", func() domain.Task { x := base; x.ID, x.ParentTaskID = "t7", "t1"; return x }, true},
			{"other origin", func() domain.Task { x := base; x.ID, x.Origin = "t8", domain.OriginDirection; return x }, true},
			{"every optional field", func() domain.Task { return full }, true},
			{"every optional field again", func() domain.Task { x := full; x.ID = "t-full-2"; return x }, false},
		}
		for _, tt := range tests {
			var created bool
			inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
				var err error
				created, err = s.CreateTask(ctx, tx, tt.task())
				return err
			})
			if created != tt.created {
				t.Errorf("%s: created = %v, want %v", tt.name, created, tt.created)
			}
		}
		if _, err := s.Task(ctx, "t2"); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("a duplicate was stored: %v", err)
		}
		for _, want := range []domain.Task{base, full} {
			got, err := s.Task(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !sameTask(got, want) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
			}
		}

		// An invalid task is refused before it reaches the database.
		bad := base
		bad.ID, bad.AssigneeUnitID = "bad", ""
		err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { _, err := s.CreateTask(ctx, tx, bad); return err })
		if !errors.Is(err, apperr.ErrInvalid) {
			t.Fatalf("invalid task: %v", err)
		}
	})
}

func sameTask(a, b domain.Task) bool {
	eqTime := func(x, y *time.Time) bool { return (x == nil) == (y == nil) && (x == nil || x.Equal(*y)) }
	ok := a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt) && eqTime(a.CompletedAt, b.CompletedAt) && eqTime(a.CancelledAt, b.CancelledAt)
	a.CreatedAt, a.UpdatedAt, a.CompletedAt, a.CancelledAt = b.CreatedAt, b.UpdatedAt, b.CompletedAt, b.CancelledAt
	return ok && a == b
}

// The tree of the list tests:
//
//	ubnd (agency)
//	├── vp (division of ubnd)
//	│   └── vp-tk (division of ubnd)
//	└── sttt (agency)
//	    └── sttt-bc (division of sttt)
func seedTree(t *testing.T, db *store.DB, s *taskstore.Store) {
	units := []identityview.Unit{
		{ID: "ubnd", Kind: identityview.KindAgency, AgencyID: "ubnd", Active: true},
		{ID: "vp", ParentID: "ubnd", Kind: identityview.KindDivision, AgencyID: "ubnd", Active: true},
		{ID: "vp-tk", ParentID: "vp", Kind: identityview.KindDivision, AgencyID: "ubnd", Active: true},
		{ID: "sttt", ParentID: "ubnd", Kind: identityview.KindAgency, AgencyID: "sttt", Active: true},
		{ID: "sttt-bc", ParentID: "sttt", Kind: identityview.KindDivision, AgencyID: "sttt", Active: true},
	}
	inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
		for _, u := range units {
			if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{}); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestTasksBoxes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		seedTree(t, db, s)
		// id: assigner → assignee, created in id order.
		rows := [][3]string{
			{"a", "ubnd", "sttt"},
			{"b", "ubnd", "vp"},
			{"c", "ubnd", "sttt-bc"},
			{"d", "sttt", "sttt-bc"},
			{"e", "vp", "vp-tk"},
			{"f", "other", "ghost"}, // a unit the tree does not know
			{"g", "ubnd", "ubnd-x"},
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for i, r := range rows {
				if _, err := s.CreateTask(ctx, tx, task(r[0], "d-"+r[0], r[1], r[2], t0.Add(time.Duration(i)*time.Second))); err != nil {
					return err
				}
			}
			return nil
		})
		tests := []struct {
			name   string
			box    domain.Box
			viewer domain.Viewer
			want   []string
		}{
			{"inbox of the agency sees its divisions, not the sub-agency", domain.BoxInbox, domain.Viewer{UnitID: "ubnd", AgencyID: "ubnd"}, []string{"e", "b"}},
			{"inbox of a division sees itself and below", domain.BoxInbox, domain.Viewer{UnitID: "vp", AgencyID: "ubnd"}, []string{"e", "b"}},
			{"inbox of a leaf division", domain.BoxInbox, domain.Viewer{UnitID: "vp-tk", AgencyID: "ubnd"}, []string{"e"}},
			{"inbox of the sub-agency", domain.BoxInbox, domain.Viewer{UnitID: "sttt", AgencyID: "sttt"}, []string{"d", "c", "a"}},
			{"inbox of a sub-agency division", domain.BoxInbox, domain.Viewer{UnitID: "sttt-bc", AgencyID: "sttt"}, []string{"d", "c"}},
			{"inbox of a unit the tree does not know yet", domain.BoxInbox, domain.Viewer{UnitID: "ghost", AgencyID: "ghost"}, []string{"f"}},
			{"inbox of a unit that is no recipient", domain.BoxInbox, domain.Viewer{UnitID: "nobody", AgencyID: "nobody"}, nil},
			{"outbox of the agency", domain.BoxOutbox, domain.Viewer{UnitID: "ubnd", AgencyID: "ubnd"}, []string{"g", "e", "c", "b", "a"}},
			{"outbox of a division: its agency's and its own", domain.BoxOutbox, domain.Viewer{UnitID: "vp-tk", AgencyID: "ubnd"}, []string{"g", "c", "b", "a"}},
			{"outbox of the sub-agency", domain.BoxOutbox, domain.Viewer{UnitID: "sttt-bc", AgencyID: "sttt"}, []string{"d"}},
		}
		for _, tt := range tests {
			got, err := s.Tasks(ctx, app.TaskQuery{Box: tt.box, Viewer: tt.viewer, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if ids := idsOf(got); !slices.Equal(ids, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, ids, tt.want)
			}
		}
	})
}

func TestTasksFiltersAndPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		seedTree(t, db, s)
		done := t0.Add(time.Hour)
		mk := func(id, doc, due string, st domain.Status, i int) domain.Task {
			x := task(id, doc, "ubnd", "sttt", t0.Add(time.Duration(i)*time.Minute))
			x.AssigneeUserID = id // keeps the natural key apart for the same document
			x.DueDate, x.Status = domain.MustDate(due), st
			if st == domain.StatusCompleted {
				x.CompletedAt = &done
			}
			return x
		}
		all := []domain.Task{
			mk("t1", "d1", "2025-03-30", domain.StatusAssigned, 1),       // overdue on 2025-03-31
			mk("t2", "d1", "2025-03-31", domain.StatusInProgress, 2),     // due today: not overdue
			mk("t3", "d2", "2025-03-01", domain.StatusCompleted, 3),      // done: never overdue
			mk("t4", "d2", "2025-03-01", domain.StatusAwaitingReview, 4), // overdue
			mk("t5", "d3", "2025-01-01", domain.StatusCancelled, 5),      // cancelled: not overdue
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, x := range all {
				if _, err := s.CreateTask(ctx, tx, x); err != nil {
					return err
				}
			}
			return nil
		})
		yes, no := true, false
		today := domain.MustDate("2025-03-31")
		viewer := domain.Viewer{UnitID: "sttt", AgencyID: "sttt"}
		tests := []struct {
			name string
			q    app.TaskQuery
			want []string
		}{
			{"all", app.TaskQuery{}, []string{"t5", "t4", "t3", "t2", "t1"}},
			{"status", app.TaskQuery{Status: domain.StatusInProgress}, []string{"t2"}},
			{"document", app.TaskQuery{SourceDocumentID: "d2"}, []string{"t4", "t3"}},
			{"overdue", app.TaskQuery{Overdue: &yes, OverdueBefore: today}, []string{"t4", "t1"}},
			{"not overdue", app.TaskQuery{Overdue: &no, OverdueBefore: today}, []string{"t5", "t3", "t2"}},
			{"overdue and document", app.TaskQuery{Overdue: &yes, OverdueBefore: today, SourceDocumentID: "d1"}, []string{"t1"}},
			{"after a cursor", app.TaskQuery{After: &app.Cursor{CreatedAt: all[3].CreatedAt, ID: "t4"}}, []string{"t3", "t2", "t1"}},
		}
		for _, tt := range tests {
			q := tt.q
			q.Box, q.Viewer, q.Limit = domain.BoxInbox, viewer, 50
			got, err := s.Tasks(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if ids := idsOf(got); !slices.Equal(ids, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, ids, tt.want)
			}
		}

		// Pages of two walk the whole box once; ties on created_at break by id.
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			x := mk("t6", "d9", "2025-05-01", domain.StatusAssigned, 5) // same instant as t5
			_, err := s.CreateTask(ctx, tx, x)
			return err
		})
		var walked []string
		var after *app.Cursor
		for range 10 {
			page, err := s.Tasks(ctx, app.TaskQuery{Box: domain.BoxInbox, Viewer: viewer, Limit: 2, After: after})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			walked = append(walked, idsOf(page)...)
			last := page[len(page)-1]
			after = &app.Cursor{CreatedAt: last.CreatedAt, ID: last.ID}
		}
		if want := []string{"t6", "t5", "t4", "t3", "t2", "t1"}; !slices.Equal(walked, want) {
			t.Fatalf("paging walked %v, want %v", walked, want)
		}
	})
}

func TestHistoryAndReports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := open(t, db)
		ctx := context.Background()
		entries := []domain.HistoryEntry{
			{TaskID: "t1", Action: domain.ActionAssigned, ActorUserID: "clerk", ActorUnitID: "ubnd", At: t0, ToStatus: domain.StatusAssigned, EventID: "ev-1"},
			{TaskID: "t1", Action: domain.ActionAccepted, ActorUserID: "u2", ActorUnitID: "sttt", At: t0.Add(time.Hour), FromStatus: domain.StatusAssigned, ToStatus: domain.StatusInProgress, Note: "nhận"},
			{TaskID: "t1", Action: domain.ActionDelegated, ActorUserID: "u2", ActorUnitID: "sttt", At: t0.Add(2 * time.Hour),
				FromStatus: domain.StatusInProgress, ToStatus: domain.StatusInProgress, ToUnitID: "ttbc", ToUserID: "u3", Note: "Khẩn trương"},
			{TaskID: "t1", Action: domain.ActionExtensionDecided, ActorUserID: "u1", ActorUnitID: "ubnd", At: t0.Add(3 * time.Hour),
				FromStatus: domain.StatusInProgress, ToStatus: domain.StatusInProgress, Decision: "approved",
				OldDueDate: domain.MustDate("2025-03-31"), NewDueDate: domain.MustDate("2025-04-15"), Reason: "Chờ số liệu", Note: "Đồng ý"},
			{TaskID: "t1", Action: domain.ActionReportReviewed, ActorUserID: "u1", ActorUnitID: "ubnd", At: t0.Add(4 * time.Hour),
				FromStatus: domain.StatusAwaitingReview, ToStatus: domain.StatusCompleted, Decision: "accepted", ReportID: "r1", EventID: "ev-2"},
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			if _, err := s.CreateTask(ctx, tx, task("t1", "d1", "ubnd", "sttt", t0)); err != nil {
				return err
			}
			if _, err := s.CreateTask(ctx, tx, task("t2", "d2", "ubnd", "sttt", t0)); err != nil {
				return err
			}
			for _, h := range entries {
				if err := s.AddHistory(ctx, tx, h); err != nil {
					return err
				}
			}
			return s.AddHistory(ctx, tx, domain.HistoryEntry{TaskID: "t2", Action: domain.ActionAssigned, At: t0, ToStatus: domain.StatusAssigned})
		})
		got, err := s.History(ctx, "t1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(entries) {
			t.Fatalf("history = %+v", got)
		}
		for i, h := range got {
			want := entries[i]
			want.Seq = i + 1
			if !h.At.Equal(want.At) {
				t.Errorf("entry %d at %s, want %s", i, h.At, want.At)
			}
			h.At = want.At
			if h != want {
				t.Errorf("entry %d = %+v, want %+v", i, h, want)
			}
		}
		if other, _ := s.History(ctx, "t2"); len(other) != 1 || other[0].Seq != 1 {
			t.Fatalf("t2 history = %+v", other)
		}
		if none, err := s.History(ctx, "zzz"); err != nil || none == nil || len(none) != 0 {
			t.Fatalf("history of an unknown task = %#v, %v", none, err)
		}

		reports, err := s.Reports(ctx, "t1")
		if err != nil || reports == nil || len(reports) != 0 {
			t.Fatalf("reports = %#v, %v", reports, err)
		}
		// Reports are written by a later slice; the read side already works.
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO task_reports (id, task_id, author_user_id, author_unit_id,
progress_percent, summary, result, final, submitted_at, decision, review_comment, reviewed_by, reviewed_at)
VALUES ('r1', 't1', 'u2', 'sttt', 100, 'Xong', 'Kết quả', $1, '2025-03-30T01:00:00.000000000Z', 'accepted', 'tốt', 'u1', '2025-03-31T01:00:00.000000000Z')`, true)
			return err
		})
		reports, err = s.Reports(ctx, "t1")
		if err != nil || len(reports) != 1 {
			t.Fatalf("reports = %+v, %v", reports, err)
		}
		r := reports[0]
		if r.ID != "r1" || !r.Final || r.ProgressPercent != 100 || r.Decision != domain.ReviewAccepted || r.ReviewedAt == nil ||
			!r.SubmittedAt.Equal(time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC)) || r.Comment != "tốt" || r.Result != "Kết quả" {
			t.Fatalf("report = %+v", r)
		}
	})
}

func idsOf(ts []domain.Task) []string {
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return ids
}
