package consumer_test

import (
	"context"
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

var now = time.Date(2025, 3, 10, 2, 0, 0, 0, time.UTC)

type fixture struct {
	db    *store.DB
	store *taskstore.Store
	h     consumer.Handlers
}

func setup(t *testing.T, db *store.DB) fixture { return setupTB(t, db) }

func setupTB(t testing.TB, db *store.DB) fixture {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := taskstore.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{}))
	a := app.New(app.Config{
		DB: db, Repos: s.Repos(), Source: "/eoffice/tasks",
		Now: func() time.Time { return now },
	})
	return fixture{db: db, store: s, h: consumer.New(a, s.In)}
}

func event(t testing.TB, short, subject string, p proto.Message) envelope.Event {
	t.Helper()
	ev, err := envelope.New(context.Background(), events.SourceOfType(short), short, subject, p)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// handle runs a handler in its own transaction, as the consumer does.
func (f fixture) handle(h messaging.Handler, ev envelope.Event) error {
	return f.db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error { return h(ctx, tx, ev) })
}

type outboxRow struct {
	Type, Key string
	Payload   *eventsv1.TaskAssigned
}

func (f fixture) outbox(t *testing.T) []outboxRow {
	t.Helper()
	rows, err := f.db.QueryContext(context.Background(), `SELECT type, key, topic, data FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []outboxRow
	for rows.Next() {
		var r outboxRow
		var topic, data string
		if err := rows.Scan(&r.Type, &r.Key, &topic, &data); err != nil {
			t.Fatal(err)
		}
		if topic != events.TopicTasks {
			t.Errorf("event on topic %s", topic)
		}
		r.Payload = &eventsv1.TaskAssigned{}
		if err := protojson.Unmarshal([]byte(data), r.Payload); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// tasks returns every task by assignee, through the store's inbox query.
func (f fixture) tasks(t *testing.T, units ...string) []domain.Task {
	t.Helper()
	var all []domain.Task
	for _, u := range units {
		got, err := f.store.Tasks(context.Background(), app.TaskQuery{Box: domain.BoxInbox, Viewer: domain.Viewer{UnitID: u, AgencyID: u}, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, got...)
	}
	return all
}

func directive() *eventsv1.DocumentIssued {
	return &eventsv1.DocumentIssued{
		DocumentId: "doc-1", Kind: "directive", Number: 7, Notation: "07/CT-UBND", IssuerUnitId: "ubnd",
		RecipientUnitIds: []string{"sttt", "sct"}, Urgency: "very_urgent", Confidentiality: "normal",
		Summary: "Nâng cao chỉ số PAPI", DueDate: "2025-03-31", IssuedAt: "2025-03-10T02:00:00Z", IssuedBy: "clerk-1",
	}
}

func TestDocumentIssued(t *testing.T) {
	type want struct {
		assignees []string
		title     string
	}
	tests := []struct {
		name string
		doc  func(d *eventsv1.DocumentIssued)
		want want
	}{
		{"directive: one task per recipient", func(*eventsv1.DocumentIssued) {},
			want{[]string{"sct", "sttt"}, "Xử lý Chỉ thị số 07/CT-UBND: Nâng cao chỉ số PAPI"}},
		{"official letter to an unknown unit", func(d *eventsv1.DocumentIssued) {
			d.Kind, d.Notation, d.RecipientUnitIds = "official_letter", "123/UBND-KT", []string{"brand-new-unit"}
		}, want{[]string{"brand-new-unit"}, "Xử lý Công văn số 123/UBND-KT: Nâng cao chỉ số PAPI"}},
		{"confidential: the notation only", func(d *eventsv1.DocumentIssued) { d.Confidentiality, d.Summary = "confidential", "" },
			want{[]string{"sct", "sttt"}, "Xử lý Chỉ thị số 07/CT-UBND"}},
		{"plan: no task here", func(d *eventsv1.DocumentIssued) { d.Kind, d.ItemCount = "plan", 3 }, want{}},
		{"no due date: no task", func(d *eventsv1.DocumentIssued) { d.DueDate = "" }, want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				f := setup(t, db)
				p := directive()
				tt.doc(p)
				ev := event(t, events.DocumentIssued, p.DocumentId, p)
				if err := f.handle(f.h.DocumentIssued, ev); err != nil {
					t.Fatal(err)
				}
				// The same event again (the inbox bypassed), and the same
				// document in a new envelope (a producer's redelivery):
				// nothing more.
				if err := f.handle(f.h.DocumentIssued, ev); err != nil {
					t.Fatal(err)
				}
				if err := f.handle(f.h.DocumentIssued, event(t, events.DocumentIssued, p.DocumentId, p)); err != nil {
					t.Fatal(err)
				}

				got := f.tasks(t, "sttt", "sct", "brand-new-unit", "ubnd")
				var assignees []string
				byID := map[string]domain.Task{}
				for _, task := range got {
					assignees = append(assignees, task.AssigneeUnitID)
					byID[task.ID] = task
					if task.Title != tt.want.title || task.AssignerUnitID != "ubnd" || task.Role != domain.RoleLead ||
						task.Status != domain.StatusAssigned || task.SourceDocumentID != "doc-1" ||
						task.DueDate.String() != "2025-03-31" || task.Urgency != domain.UrgencyVeryUrgent ||
						task.SourceNotation != p.Notation || !task.CreatedAt.Equal(now) {
						t.Errorf("task = %+v", task)
					}
					hist, err := f.store.History(context.Background(), task.ID)
					if err != nil {
						t.Fatal(err)
					}
					if len(hist) != 1 || hist[0].Action != domain.ActionAssigned || hist[0].ActorUserID != "clerk-1" ||
						hist[0].ActorUnitID != "ubnd" || hist[0].ToStatus != domain.StatusAssigned || hist[0].EventID != ev.ID {
						t.Errorf("history = %+v", hist)
					}
				}
				sort.Strings(assignees)
				if !slices.Equal(assignees, tt.want.assignees) {
					t.Fatalf("assignees = %v, want %v", assignees, tt.want.assignees)
				}

				out := f.outbox(t)
				if len(out) != len(got) {
					t.Fatalf("%d task.assigned events for %d tasks", len(out), len(got))
				}
				for _, r := range out {
					task, ok := byID[r.Key]
					if !ok || r.Type != "vn.eoffice.task.assigned" {
						t.Fatalf("outbox row %+v matches no task", r)
					}
					want := &eventsv1.TaskAssigned{
						TaskId: task.ID, SourceDocumentId: "doc-1", AssignerUnitId: "ubnd", AssigneeUnitId: task.AssigneeUnitID,
						Role: "lead", Title: tt.want.title, DueDate: "2025-03-31", Urgency: "very_urgent", SourceNotation: p.Notation,
					}
					if !proto.Equal(r.Payload, want) {
						t.Errorf("payload = %v, want %v", r.Payload, want)
					}
				}
			})
		})
	}
}

// The tasks and their events commit together or not at all.
func TestDocumentIssuedOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ev := event(t, events.DocumentIssued, "doc-1", directive())
		boom := errors.New("the consumer's transaction fails after the handler")
		err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
			if err := f.h.DocumentIssued(ctx, tx, ev); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox`).Scan(&n); err != nil || n != 2 {
				t.Errorf("inside the transaction: %d outbox rows, %v", n, err)
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if got, out := f.tasks(t, "sttt", "sct"), f.outbox(t); len(got) != 0 || len(out) != 0 {
			t.Fatalf("after rollback: %d tasks, %d events", len(got), len(out))
		}
		// A retry then does the work once.
		if err := f.handle(f.h.DocumentIssued, ev); err != nil {
			t.Fatal(err)
		}
		if got, out := f.tasks(t, "sttt", "sct"), f.outbox(t); len(got) != 2 || len(out) != 2 {
			t.Fatalf("after retry: %d tasks, %d events", len(got), len(out))
		}
	})
}

func TestDocumentIssuedPermanentErrors(t *testing.T) {
	tests := []struct {
		name string
		ev   func(t *testing.T) envelope.Event
	}{
		{"impossible due date", func(t *testing.T) envelope.Event {
			p := directive()
			p.DueDate = "2025-02-30"
			return event(t, events.DocumentIssued, "doc-1", p)
		}},
		{"no document id", func(t *testing.T) envelope.Event {
			p := directive()
			p.DocumentId = ""
			return event(t, events.DocumentIssued, "doc-1", p)
		}},
		{"payload is not JSON", func(t *testing.T) envelope.Event {
			ev := event(t, events.DocumentIssued, "doc-1", directive())
			ev.Data = []byte("{not json")
			return ev
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				f := setup(t, db)
				err := f.handle(f.h.DocumentIssued, tt.ev(t))
				if !messaging.IsPermanent(err) {
					t.Fatalf("err = %v, want a permanent error", err)
				}
				if got, out := f.tasks(t, "sttt", "sct"), f.outbox(t); len(got) != 0 || len(out) != 0 {
					t.Fatalf("%d tasks, %d events written", len(got), len(out))
				}
			})
		})
	}
}

func TestUnitEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ctx := context.Background()
		unit := func(id string) identityview.Unit {
			u, err := identityview.GetUnit(ctx, db, id)
			if err != nil {
				t.Fatalf("unit %s: %v", id, err)
			}
			return u
		}
		// The consumer's map sends identity's unit events to the shared
		// read model (pkg/identityview, whose own suite covers its rules).
		created := func(p *eventsv1.UnitCreated) error {
			return f.handle(f.h.Map()[events.UnitCreated], event(t, events.UnitCreated, p.UnitId, p))
		}

		if err := created(&eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", AgencyId: "ubnd", Name: "UBND tỉnh", ShortName: "UBND", Active: true}); err != nil {
			t.Fatal(err)
		}
		if err := created(&eventsv1.UnitCreated{UnitId: "vp", ParentId: "ubnd", Kind: "division", AgencyId: "ubnd", ShortName: "VP", Active: true}); err != nil {
			t.Fatal(err)
		}
		if u := unit("vp"); u.AgencyID != "ubnd" || u.ParentID != "ubnd" || u.Kind != identityview.KindDivision || !u.Active {
			t.Fatalf("vp = %+v", u)
		}

		// Without agency_id: an agency is its own; a division takes its parent's,
		// and waits (retryable error) while the parent is unknown.
		if err := created(&eventsv1.UnitCreated{UnitId: "sttt", ParentId: "ubnd", Kind: "agency", Active: true}); err != nil {
			t.Fatal(err)
		}
		if u := unit("sttt"); u.AgencyID != "sttt" {
			t.Fatalf("sttt = %+v", u)
		}
		orphan := &eventsv1.UnitCreated{UnitId: "bc", ParentId: "sttt-vp", Kind: "division", Active: true}
		err := created(orphan)
		if err == nil || messaging.IsPermanent(err) || !errors.Is(err, identityview.ErrParentUnknown) {
			t.Fatalf("division before its parent: err = %v, want a retryable error", err)
		}
		if err := created(&eventsv1.UnitCreated{UnitId: "sttt-vp", ParentId: "sttt", Kind: "division", AgencyId: "sttt", Active: true}); err != nil {
			t.Fatal(err)
		}
		if err := created(orphan); err != nil {
			t.Fatalf("retry after the parent came: %v", err)
		}
		if u := unit("bc"); u.AgencyID != "sttt" {
			t.Fatalf("bc = %+v", u)
		}

		upd := &eventsv1.UnitUpdated{UnitId: "vp", ParentId: "ubnd", Kind: "division", AgencyId: "ubnd", ShortName: "VPUB", Name: "Văn phòng UBND", Active: false}
		if err := f.handle(f.h.Map()[events.UnitUpdated], event(t, events.UnitUpdated, "vp", upd)); err != nil {
			t.Fatal(err)
		}
		if u := unit("vp"); u.ShortName != "VPUB" || u.Name != "Văn phòng UBND" || u.Active {
			t.Fatalf("updated vp = %+v", u)
		}

		for name, p := range map[string]*eventsv1.UnitCreated{
			"unknown kind":              {UnitId: "x", Kind: "department", AgencyId: "x"},
			"no id":                     {Kind: "agency"},
			"division without a parent": {UnitId: "y", Kind: "division", AgencyId: "ubnd"},
		} {
			if err := created(p); !messaging.IsPermanent(err) {
				t.Errorf("%s: err = %v, want permanent", name, err)
			}
		}
	})
}
