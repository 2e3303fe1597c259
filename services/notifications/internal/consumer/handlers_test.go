package consumer_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

var now = time.Date(2022, 3, 1, 8, 0, 0, 0, time.UTC)

type fixture struct {
	t     *testing.T
	db    *pkgstore.DB
	store *store.Store
	h     *consumer.Handlers
}

func newFixture(t *testing.T, db *pkgstore.DB) *fixture {
	t.Helper()
	if err := store.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	s := store.New(db)
	n := app.NewNotifier(slog.New(slog.NewTextHandler(io.Discard, nil)),
		app.WithClock(func() time.Time { return now }), app.WithLeaderGrace(5*time.Second))
	return &fixture{t: t, db: db, store: s, h: consumer.New(func(tx *pkgstore.Tx) app.EventStore { return s.InTx(tx) }, n, app.NewDeliveries(nil))}
}

// event builds an event of type short as the producer would, at time at.
func (f *fixture) event(short, subject string, at time.Time, payload proto.Message) envelope.Event {
	f.t.Helper()
	ev, err := envelope.New(context.Background(), events.SourceOfType(short), short, subject, payload)
	if err != nil {
		f.t.Fatal(err)
	}
	ev.Time = at
	return ev
}

// handle runs the handler of ev in a transaction, as the consumer does.
func (f *fixture) handle(ev envelope.Event) error {
	short, _ := ev.Short()
	handlers := f.h.Directory()
	for k, v := range f.h.Tasks() {
		handlers[k] = v
	}
	for k, v := range f.h.Documents() {
		handlers[k] = v
	}
	h, ok := handlers[short]
	if !ok {
		f.t.Fatalf("no handler for %s", short)
	}
	return f.db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error { return h(ctx, tx, ev) })
}

func (f *fixture) mustHandle(ev envelope.Event) {
	f.t.Helper()
	if err := f.handle(ev); err != nil {
		f.t.Fatalf("%s: %v", ev.Type, err)
	}
}

func (f *fixture) unit(id, parent, name string) {
	f.mustHandle(f.event(events.UnitCreated, id, now.Add(-time.Hour), &eventsv1.UnitCreated{
		UnitId: id, ParentId: parent, Kind: "agency", AgencyId: id, Name: name, ShortName: strings.ToUpper(id), Active: true,
	}))
}

func (f *fixture) user(id, unit string, roles ...string) {
	f.mustHandle(f.event(events.UserCreated, id, now.Add(-time.Hour), &eventsv1.UserCreated{
		UserId: id, Username: id, FullName: "Người " + id, Email: id + "@example.vn", UnitId: unit, AgencyId: unit, Roles: roles, Active: true,
	}))
}

// inbox lists the ids of the people notified, with their notifications.
func (f *fixture) notified() map[string][]string {
	f.t.Helper()
	out := map[string][]string{}
	for _, p := range []string{"l1", "l2", "c", "s", "d", "lb", "lp", "x"} {
		items, _, err := f.store.List(context.Background(), domain.NotificationFilter{UserID: p, Limit: 100})
		if err != nil {
			f.t.Fatal(err)
		}
		for _, n := range items {
			out[p] = append(out[p], n.Title)
		}
	}
	return out
}

func taskAssigned(unit string) *eventsv1.TaskAssigned {
	return &eventsv1.TaskAssigned{
		TaskId: "task-1", SourceDocumentId: "doc-1", AssignerUnitId: "ubnd", AssigneeUnitId: unit, Role: "lead",
		Title: "Tuyên truyền PAPI", DueDate: "2022-12-31", Urgency: "flash", SourceNotation: "07/CT-UBND",
	}
}

func TestTaskAssignedNotifiesActiveLeadersOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.unit("ubnd", "", "Ủy ban nhân dân tỉnh")
		f.unit("stttt", "ubnd", "Sở Thông tin và Truyền thông")
		f.unit("sct", "ubnd", "Sở Công Thương")
		f.user("l1", "stttt", "leader")
		f.user("l2", "stttt", "specialist", "leader")
		f.user("c", "stttt", "clerk")
		f.user("s", "stttt", "specialist")
		f.user("d", "stttt", "leader")
		f.mustHandle(f.event(events.UserDeactivated, "d", now.Add(-time.Minute), &eventsv1.UserDeactivated{UserId: "d", UnitId: "stttt"}))
		f.user("lb", "sct", "leader")
		f.user("lp", "ubnd", "leader")

		ev := f.event(events.TaskAssigned, "task-1", now.Add(-time.Second), taskAssigned("stttt"))
		want := map[string][]string{
			"l1": {"[Hỏa tốc] Nhiệm vụ mới: Tuyên truyền PAPI"},
			"l2": {"[Hỏa tốc] Nhiệm vụ mới: Tuyên truyền PAPI"},
		}
		for round := 1; round <= 2; round++ {
			f.mustHandle(ev)
			got := f.notified()
			if len(got) != len(want) || !slices.Equal(got["l1"], want["l1"]) || !slices.Equal(got["l2"], want["l2"]) {
				t.Fatalf("delivery %d: notified %v, want %v", round, got, want)
			}
		}
		items, _, err := f.store.List(context.Background(), domain.NotificationFilter{UserID: "l1", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		n := items[0]
		wantBody := "Đơn vị Sở Thông tin và Truyền thông được giao chủ trì nhiệm vụ “Tuyên truyền PAPI” theo văn bản số 07/CT-UBND. Hạn xử lý: 31/12/2022."
		if n.Type != "task.assigned" || n.Link != "/tasks/task-1" || n.Body != wantBody || n.EventID != ev.ID || n.ReadAt != nil || !n.CreatedAt.Equal(now) {
			t.Fatalf("notification = %+v", n)
		}
	})
}

func TestTaskAssignedWaitsForTheDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.unit("empty", "", "Phòng trống")
		f.user("c", "empty", "clerk")
		tests := []struct {
			name      string
			unit      string
			age       time.Duration
			wantRetry bool
		}{
			{"unknown unit", "stttt", time.Second, true},
			{"unknown unit, old event", "stttt", time.Hour, true},
			{"known unit without a leader, recent event", "empty", time.Second, true},
			{"known unit without a leader, directory behind the event", "empty", 9 * time.Second, true},
			{"known unit without a leader, past the longest lag", "empty", 12 * time.Second, false},
		}
		for _, tt := range tests {
			err := f.handle(f.event(events.TaskAssigned, "task-1", now.Add(-tt.age), taskAssigned(tt.unit)))
			if tt.wantRetry {
				if !errors.Is(err, app.ErrRecipientsNotYetKnown) || messaging.IsPermanent(err) {
					t.Errorf("%s: err = %v, want a retryable ErrRecipientsNotYetKnown", tt.name, err)
				}
			} else if err != nil {
				t.Errorf("%s: err = %v, want accepted", tt.name, err)
			}
			if got := f.notified(); len(got) != 0 {
				t.Errorf("%s: notified %v, want nobody", tt.name, got)
			}
		}
		// Once the directory has applied an identity event newer than the
		// task, a unit without a leader is a fact: accepted.
		f.mustHandle(f.event(events.UnitUpdated, "other", now.Add(-5*time.Second), &eventsv1.UnitUpdated{UnitId: "other", Kind: "agency", AgencyId: "other", Active: true}))
		if err := f.handle(f.event(events.TaskAssigned, "task-1", now.Add(-9*time.Second), taskAssigned("empty"))); err != nil {
			t.Errorf("directory caught up: err = %v, want accepted", err)
		}

		// The directory catches up; the retried event now reaches the leader.
		ev := f.event(events.TaskAssigned, "task-1", now.Add(-time.Second), taskAssigned("stttt"))
		if err := f.handle(ev); !errors.Is(err, app.ErrRecipientsNotYetKnown) {
			t.Fatalf("before catching up: err = %v", err)
		}
		f.unit("stttt", "", "Sở Thông tin và Truyền thông")
		f.user("l1", "stttt", "leader")
		f.mustHandle(ev)
		if got := f.notified(); len(got["l1"]) != 1 || len(got) != 1 {
			t.Fatalf("after catching up: notified %v", got)
		}
	})
}

func TestMalformedEventsArePermanent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		tests := []struct {
			name string
			ev   envelope.Event
		}{
			{"unit without id", f.event(events.UnitCreated, "", now, &eventsv1.UnitCreated{Name: "x"})},
			{"user without id", f.event(events.UserUpdated, "", now, &eventsv1.UserUpdated{Username: "x"})},
			{"deactivation without id", f.event(events.UserDeactivated, "", now, &eventsv1.UserDeactivated{})},
			{"task without assignee", f.event(events.TaskAssigned, "t", now, &eventsv1.TaskAssigned{TaskId: "t"})},
		}
		bad := f.event(events.UserCreated, "u", now, &eventsv1.UserCreated{UserId: "u"})
		bad.Data = []byte(`{"user_id": 42`)
		tests = append(tests, struct {
			name string
			ev   envelope.Event
		}{"undecodable payload", bad})
		for _, tt := range tests {
			if err := f.handle(tt.ev); !messaging.IsPermanent(err) {
				t.Errorf("%s: err = %v, want permanent", tt.name, err)
			}
		}
	})
}
