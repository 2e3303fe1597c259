package consumer_test

import (
	"context"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestTaskEvents: the task read model follows the tasks service's events,
// tolerates redelivery, keeps a finished task finished, resolves the
// assigner's agency through the unit directory, and refuses events that
// name no task for good (dead letter) rather than retrying them.
func TestTaskEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := store.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		st := store.New(db)
		h := consumer.Handlers(app.NewTaskViews(), st.TaskWrites)
		run := func(short string, p proto.Message) error {
			ev, err := envelope.New(ctx, "/eoffice/tasks", short, "t1", p)
			if err != nil {
				t.Fatal(err)
			}
			return db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return h[short](ctx, tx, ev) })
		}
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: "B-1", Kind: identityview.KindDivision, ParentID: "B", AgencyID: "B", Active: true}, identityview.Version{})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		ref := func(status string) *eventsv1.TaskRef {
			return &eventsv1.TaskRef{TaskId: "t1", SourceDocumentId: "plan", PlanItemId: "i1", AssignerUnitId: "B-1",
				AssigneeUnitId: "C", Role: "lead", DueDate: "2026-06-30", Status: status}
		}
		steps := []struct {
			short    string
			p        proto.Message
			status   string
			progress int
			class    string
		}{
			{events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t1", SourceDocumentId: "plan", PlanItemId: "i1", AssignerUnitId: "B-1", Role: "lead"}, "assigned", 0, ""},
			{events.TaskAccepted, &eventsv1.TaskAccepted{Task: ref("in_progress")}, "in_progress", 0, ""},
			{events.TaskReportSubmitted, &eventsv1.TaskReportSubmitted{Task: ref("in_progress"), ProgressPercent: 60}, "in_progress", 60, ""},
			{events.TaskReportSubmitted, &eventsv1.TaskReportSubmitted{Task: ref("in_progress"), ProgressPercent: 60}, "in_progress", 60, ""}, // redelivered
			{events.TaskOverdue, &eventsv1.TaskOverdue{Task: ref("in_progress")}, "in_progress", 60, ""},
			{events.TaskCompleted, &eventsv1.TaskCompleted{Task: ref("completed"), Class: "completed_late"}, "completed", 100, "completed_late"},
			{events.TaskAccepted, &eventsv1.TaskAccepted{Task: ref("in_progress")}, "completed", 100, "completed_late"},
		}
		for i, s := range steps {
			if err := run(s.short, s.p); err != nil {
				t.Fatalf("step %d %s: %v", i, s.short, err)
			}
			ts, err := st.PlanTasks(ctx, "plan")
			if err != nil || len(ts) != 1 {
				t.Fatalf("step %d: %+v %v", i, ts, err)
			}
			got := ts[0]
			if got.Status != s.status || got.Progress != s.progress || got.Class != s.class || got.AssignerAgencyID != "B" {
				t.Fatalf("step %d %s: %+v", i, s.short, got)
			}
		}
		for _, bad := range []struct {
			short string
			p     proto.Message
		}{
			{events.TaskCompleted, &eventsv1.TaskCompleted{}},
			{events.TaskAssigned, &eventsv1.TaskAssigned{}},
		} {
			if err := run(bad.short, bad.p); !messaging.IsPermanent(err) {
				t.Fatalf("%s without a task: %v, want permanent", bad.short, err)
			}
		}
	})
}

// TestTaskReportText: task.report_submitted carries the report's summary and
// result into the read model; the newer report wins by its submission time,
// read as a time (RFC 3339 with any fraction width), not as text.
func TestTaskReportText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := store.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		st := store.New(db)
		h := consumer.Handlers(app.NewTaskViews(), st.TaskWrites)
		ref := &eventsv1.TaskRef{TaskId: "t1", SourceDocumentId: "plan", PlanItemId: "i1", AssignerUnitId: "A",
			AssigneeUnitId: "C", Role: "lead", Status: "in_progress"}
		for _, s := range []struct {
			name                    string
			submittedAt             string
			summary, result         string
			wantSummary, wantResult string
		}{
			{"newer first", "2026-01-05T10:00:00.5Z", "Lần hai", "Kết quả hai", "Lần hai", "Kết quả hai"},
			// As text "…00Z" sorts after "…00.5Z"; as a time it is earlier.
			{"older, later", "2026-01-05T10:00:00Z", "Lần một", "Kết quả một", "Lần hai", "Kết quả hai"},
			{"newest, other zone", "2026-01-05T17:30:00+07:00", "Lần ba", "", "Lần ba", ""},
		} {
			ev, err := envelope.New(ctx, "/eoffice/tasks", events.TaskReportSubmitted, "t1", &eventsv1.TaskReportSubmitted{
				Task: ref, ProgressPercent: 50, SubmittedAt: s.submittedAt, Summary: s.summary, Result: s.result})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
				return h[events.TaskReportSubmitted](ctx, tx, ev)
			}); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			ts, err := st.PlanTasks(ctx, "plan")
			if err != nil || len(ts) != 1 {
				t.Fatalf("%s: %+v %v", s.name, ts, err)
			}
			if ts[0].Summary != s.wantSummary || ts[0].Result != s.wantResult {
				t.Fatalf("%s: summary %q result %q", s.name, ts[0].Summary, ts[0].Result)
			}
		}
	})
}
