package consumer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// count counts the outbox rows of one event type.
func (f fixture) count(t *testing.T, short string) int {
	t.Helper()
	var n int
	if err := f.db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE type = $1`, events.Type(short)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// all returns every task of one source document, by assignee.
func (f fixture) all(t *testing.T, doc string) map[string]domain.Task {
	t.Helper()
	rows, err := f.db.Query(`SELECT id FROM tasks WHERE source_document_id = $1`, doc)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	out := map[string]domain.Task{}
	for _, id := range ids {
		task, err := f.store.Task(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out[task.AssigneeUnitID+"/"+string(task.Role)] = task
	}
	return out
}

func TestPlanItemIssued(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		item := &eventsv1.PlanItemIssued{PlanDocumentId: "plan-1", ItemId: "item-1", ItemNumber: 1, Title: "Tuyên truyền PAPI",
			LeadUnitId: "sttt", CooperatingUnitIds: []string{"sct", "sgd", "sct"}, DueDate: "2025-06-30",
			IssuerUnitId: "ubnd", PlanNotation: "20/KH-UBND", Urgency: "urgent", Confidentiality: "normal"}
		// Handled twice (as if the inbox had lost its row): one set of tasks.
		for i := 0; i < 2; i++ {
			if err := f.handle(f.h.PlanItemIssued, event(t, events.PlanItemIssued, "plan-1", item)); err != nil {
				t.Fatal(err)
			}
		}
		got := f.all(t, "plan-1")
		keys := make([]string, 0, len(got))
		for k, task := range got {
			keys = append(keys, k)
			if task.PlanItemID != "item-1" || task.AssignerUnitID != "ubnd" || task.DueDate.String() != "2025-06-30" ||
				task.Origin != domain.OriginPlanItem || task.Title != "Tuyên truyền PAPI" || task.Status != domain.StatusAssigned {
				t.Errorf("task %s = %+v", k, task)
			}
		}
		slices.Sort(keys)
		if want := []string{"sct/cooperate", "sgd/cooperate", "sttt/lead"}; !slices.Equal(keys, want) {
			t.Fatalf("tasks %v, want %v", keys, want)
		}
		if n := f.count(t, events.TaskAssigned); n != 3 {
			t.Fatalf("task.assigned written %d times, want 3", n)
		}
		for name, bad := range map[string]*eventsv1.PlanItemIssued{
			"no lead":     {PlanDocumentId: "plan-2", ItemId: "i", Title: "x", IssuerUnitId: "ubnd", DueDate: "2025-06-30"},
			"bad date":    {PlanDocumentId: "plan-2", ItemId: "i", Title: "x", IssuerUnitId: "ubnd", LeadUnitId: "sttt", DueDate: "30/06/2025"},
			"no item id":  {PlanDocumentId: "plan-2", Title: "x", IssuerUnitId: "ubnd", LeadUnitId: "sttt", DueDate: "2025-06-30"},
			"no assigner": {PlanDocumentId: "plan-2", ItemId: "i", Title: "x", LeadUnitId: "sttt", DueDate: "2025-06-30"},
		} {
			err := f.handle(f.h.PlanItemIssued, event(t, events.PlanItemIssued, "plan-2", bad))
			if !messaging.IsPermanent(err) {
				t.Errorf("%s: %v, want a permanent error", name, err)
			}
		}
		if len(f.all(t, "plan-2")) != 0 {
			t.Fatal("a bad item created tasks")
		}
	})
}

func TestDocumentDirected(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		d := &eventsv1.DocumentDirected{DocumentId: "doc-9", ReceiptId: "r-1", RecipientAgencyId: "sttt", LeadUnitId: "sttt-bc",
			CooperatingUnitIds: []string{"sttt-ks"}, DueDate: "2025-04-15", DirectedBy: "leader-sttt", Notation: "12/CV-UBND",
			Summary: "Báo cáo PAPI", Confidentiality: "normal"}
		for i := 0; i < 2; i++ {
			if err := f.handle(f.h.DocumentDirected, event(t, events.DocumentDirected, "doc-9", d)); err != nil {
				t.Fatal(err)
			}
		}
		got := f.all(t, "doc-9")
		lead, coop := got["sttt-bc/lead"], got["sttt-ks/cooperate"]
		if len(got) != 2 || lead.AssignerUnitID != "sttt" || coop.AssignerUnitID != "sttt" || lead.Origin != domain.OriginDirection ||
			lead.DueDate.String() != "2025-04-15" || lead.Title != "Xử lý văn bản số 12/CV-UBND: Báo cáo PAPI" {
			t.Fatalf("tasks = %+v", got)
		}
		if n := f.count(t, events.TaskAssigned); n != 2 {
			t.Fatalf("task.assigned written %d times", n)
		}
		err := f.handle(f.h.DocumentDirected, event(t, events.DocumentDirected, "doc-9", &eventsv1.DocumentDirected{DocumentId: "doc-9", RecipientAgencyId: "sttt", DueDate: "2025-04-15"}))
		if !messaging.IsPermanent(err) {
			t.Fatalf("a direction without a lead unit: %v", err)
		}
	})
}

func TestDocumentRevoked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ctx := context.Background()
		if err := f.handle(f.h.DocumentIssued, event(t, events.DocumentIssued, "doc-1", directive())); err != nil {
			t.Fatal(err)
		}
		got := f.all(t, "doc-1")
		sttt, sct := got["sttt/lead"], got["sct/lead"]
		// sct's task is completed already; sttt's has a delegated child.
		done := now.Add(time.Hour)
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			c := sct
			c.Status, c.CompletedAt, c.Version = domain.StatusCompleted, &done, c.Version+1
			if err := f.store.UpdateTask(ctx, tx, c); err != nil {
				return err
			}
			_, err := f.store.CreateTask(ctx, tx, domain.Delegated(sttt, "child-1", "sttt-bc", sttt.DueDate, now))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		rev := &eventsv1.DocumentRevoked{DocumentId: "doc-1", Kind: "directive", IssuerUnitId: "ubnd", Reason: "Ban hành nhầm", RevokedBy: "leader-ubnd"}
		for i := 0; i < 2; i++ {
			if err := f.handle(f.h.DocumentRevoked, event(t, events.DocumentRevoked, "doc-1", rev)); err != nil {
				t.Fatal(err)
			}
		}
		got = f.all(t, "doc-1")
		if got["sttt/lead"].Status != domain.StatusCancelled || got["sttt-bc/lead"].Status != domain.StatusCancelled ||
			got["sttt/lead"].CancelledAt == nil || got["sct/lead"].Status != domain.StatusCompleted {
			t.Fatalf("after revocation: %+v", got)
		}
		if n := f.count(t, events.TaskCancelled); n != 2 {
			t.Fatalf("task.cancelled written %d times, want 2", n)
		}
		if err := f.handle(f.h.DocumentRevoked, event(t, events.DocumentRevoked, "x", &eventsv1.DocumentRevoked{})); !messaging.IsPermanent(err) {
			t.Fatalf("revocation without a document: %v", err)
		}
	})
}

func TestReplyFilesFinalReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ctx := context.Background()
		for _, u := range []*eventsv1.UnitCreated{
			{UnitId: "sttt", Kind: "agency", AgencyId: "sttt", Active: true},
			{UnitId: "sttt-bc", ParentId: "sttt", Kind: "division", AgencyId: "sttt", Active: true},
		} {
			if err := f.handle(f.h.Map()[events.UnitCreated], event(t, events.UnitCreated, u.UnitId, u)); err != nil {
				t.Fatal(err)
			}
		}
		// doc-1 goes to sttt and sct, doc-5 to a division of sttt.
		if err := f.handle(f.h.DocumentIssued, event(t, events.DocumentIssued, "doc-1", directive())); err != nil {
			t.Fatal(err)
		}
		d5 := directive()
		d5.DocumentId, d5.RecipientUnitIds = "doc-5", []string{"sttt-bc"}
		if err := f.handle(f.h.DocumentIssued, event(t, events.DocumentIssued, "doc-5", d5)); err != nil {
			t.Fatal(err)
		}
		reply := func(id, issuer, to string) *eventsv1.DocumentIssued {
			return &eventsv1.DocumentIssued{DocumentId: id, Kind: "report", Notation: "30/BC-STTTT", IssuerUnitId: issuer,
				RecipientUnitIds: []string{"ubnd"}, Confidentiality: "normal", Summary: "Kết quả PAPI",
				InReplyToDocumentId: to, IssuedBy: "clerk-" + issuer}
		}
		for i := 0; i < 2; i++ {
			for _, r := range []*eventsv1.DocumentIssued{reply("reply-1", "sttt", "doc-1"), reply("reply-5", "sttt", "doc-5"), reply("reply-x", "sgd", "doc-1")} {
				if err := f.handle(f.h.DocumentIssued, event(t, events.DocumentIssued, r.DocumentId, r)); err != nil {
					t.Fatal(err)
				}
			}
		}
		got := f.all(t, "doc-1")
		if got["sttt/lead"].Status != domain.StatusAwaitingReview || got["sttt/lead"].ProgressPercent != 100 || got["sct/lead"].Status != domain.StatusAssigned {
			t.Fatalf("doc-1 tasks after the replies: %+v", got)
		}
		reports, err := f.store.Reports(ctx, got["sttt/lead"].ID)
		if err != nil || len(reports) != 1 || !reports[0].Final || reports[0].ReplyDocumentID != "reply-1" ||
			reports[0].Summary != "Văn bản trả lời 30/BC-STTTT: Kết quả PAPI" || reports[0].Decision != "" {
			t.Fatalf("reports = %+v, %v", reports, err)
		}
		if f.all(t, "doc-5")["sttt-bc/lead"].Status != domain.StatusAwaitingReview {
			t.Fatal("a reply of the agency files on its division's task too")
		}
		if n := f.count(t, events.TaskReportSubmitted); n != 2 {
			t.Fatalf("task.report_submitted written %d times, want 2", n)
		}
		// The assigner returned it; the same reply delivered again files
		// nothing new and moves nothing.
		back := got["sttt/lead"]
		back.Status, back.Version = domain.StatusInProgress, back.Version+1
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return f.store.UpdateTask(ctx, tx, back) }); err != nil {
			t.Fatal(err)
		}
		if err := f.handle(f.h.DocumentIssued, event(t, events.DocumentIssued, "reply-1", reply("reply-1", "sttt", "doc-1"))); err != nil {
			t.Fatal(err)
		}
		if st := f.all(t, "doc-1")["sttt/lead"].Status; st != domain.StatusInProgress {
			t.Fatalf("a redelivered reply moved the task to %s", st)
		}
		if reports, _ := f.store.Reports(ctx, back.ID); len(reports) != 1 {
			t.Fatalf("a redelivered reply filed %d reports", len(reports))
		}
	})
}
