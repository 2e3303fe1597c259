package consumer_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// requestRef is the lead task of plan item i1 that the request events
// below name.
var requestRef = &eventsv1.TaskRef{TaskId: "t1", SourceDocumentId: "plan", PlanItemId: "i1", AssignerUnitId: "A",
	AssigneeUnitId: "C", Role: "lead", DueDate: "2026-06-30", Status: "in_progress"}

func requested(id, period, start, end, due string) *eventsv1.TaskReportRequested {
	return &eventsv1.TaskReportRequested{Task: requestRef, RequestId: id, Period: period, PeriodStart: start,
		PeriodEnd: end, DueDate: due}
}

func submitted(reportID, at string) *eventsv1.TaskReportSubmitted {
	return &eventsv1.TaskReportSubmitted{Task: requestRef, ReportId: reportID, ProgressPercent: 30, SubmittedAt: at}
}

// answering names the request a report answers, as the tasks service
// does since it writes request_id.
func answering(requestID string, p *eventsv1.TaskReportSubmitted) *eventsv1.TaskReportSubmitted {
	p.RequestId = requestID
	return p
}

// requestLines renders the plan's requests as period, state and report,
// to compare at a fixed now.
func requestLines(t *testing.T, st *store.Store) string {
	t.Helper()
	rs, err := st.PlanReportRequests(context.Background(), "plan")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 4, 12, 3, 0, 0, 0, time.UTC)
	out := ""
	for _, r := range rs {
		out += fmt.Sprintf("%s %s %s %s %s|", r.Period, r.UnitID, r.DueDate, r.State(now), r.ReportID)
	}
	return out
}

// TestReportRequestEvents: the per-period read model fills from
// task.report_requested; a report answers the request its event names,
// or, named none (events written before request_id), the earliest waiting
// period that has begun by its day (late when past that period's due
// date); and a redelivery of any event (even under a new event id) changes nothing.
func TestReportRequestEvents(t *testing.T) {
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
		march := requested("q1", "2026-03", "2026-03-01", "2026-03-31", "2026-03-31")
		april := requested("q2", "2026-04", "2026-04-01", "2026-04-30", "2026-04-30")
		may := requested("q3", "2026-05", "2026-05-01", "2026-05-31", "2026-05-31")
		answered := "2026-03 C 2026-03-31 reported_late r1|2026-04 C 2026-04-30 reported_on_time r2|" // by r3
		june := requested("q4", "2026-06", "2026-06-01", "2026-06-30", "2026-06-30")
		steps := []struct {
			name  string
			short string
			p     proto.Message
			want  string
		}{
			{"assigned", events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t1", SourceDocumentId: "plan", PlanItemId: "i1",
				AssignerUnitId: "A", AssigneeUnitId: "C", Role: "lead"}, ""},
			{"march", events.TaskReportRequested, march, "2026-03 C 2026-03-31 overdue |"},
			{"april", events.TaskReportRequested, april, "2026-03 C 2026-03-31 overdue |2026-04 C 2026-04-30 pending |"},
			{"april again", events.TaskReportRequested, april, "2026-03 C 2026-03-31 overdue |2026-04 C 2026-04-30 pending |"},
			// 2 April (Vietnam) answers March, past its due date.
			{"report r1", events.TaskReportSubmitted, submitted("r1", "2026-04-01T18:00:00Z"),
				"2026-03 C 2026-03-31 reported_late r1|2026-04 C 2026-04-30 pending |"},
			{"report r1 again", events.TaskReportSubmitted, submitted("r1", "2026-04-01T18:00:00Z"),
				"2026-03 C 2026-03-31 reported_late r1|2026-04 C 2026-04-30 pending |"},
			{"may", events.TaskReportRequested, may,
				"2026-03 C 2026-03-31 reported_late r1|2026-04 C 2026-04-30 pending |2026-05 C 2026-05-31 pending |"},
			// May has not begun on 10 April: r2 answers April, on time.
			{"report r2", events.TaskReportSubmitted, submitted("r2", "2026-04-10T09:00:00+07:00"),
				"2026-03 C 2026-03-31 reported_late r1|2026-04 C 2026-04-30 reported_on_time r2|2026-05 C 2026-05-31 pending |"},
			// Nothing waits whose period has begun: r3 answers none.
			{"report r3", events.TaskReportSubmitted, submitted("r3", "2026-04-11T09:00:00+07:00"),
				"2026-03 C 2026-03-31 reported_late r1|2026-04 C 2026-04-30 reported_on_time r2|2026-05 C 2026-05-31 pending |"},
			{"june", events.TaskReportRequested, june, answered +
				"2026-05 C 2026-05-31 pending |2026-06 C 2026-06-30 pending |"},
			// The event names June: r4 answers exactly it, though May is
			// open, earlier and begun (the old rule would take May).
			{"report r4 names june", events.TaskReportSubmitted, answering("q4", submitted("r4", "2026-05-02T09:00:00+07:00")), answered +
				"2026-05 C 2026-05-31 pending |2026-06 C 2026-06-30 reported_on_time r4|"},
			{"report r4 again", events.TaskReportSubmitted, answering("q4", submitted("r4", "2026-05-02T09:00:00+07:00")), answered +
				"2026-05 C 2026-05-31 pending |2026-06 C 2026-06-30 reported_on_time r4|"},
			// A named request answered already takes no other report, and
			// the old rule does not stand in: May stays open.
			{"report r5 names march", events.TaskReportSubmitted, answering("q1", submitted("r5", "2026-05-03T09:00:00+07:00")), answered +
				"2026-05 C 2026-05-31 pending |2026-06 C 2026-06-30 reported_on_time r4|"},
		}
		for _, s := range steps {
			if err := run(s.short, s.p); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if got := requestLines(t, st); got != s.want {
				t.Fatalf("%s:\ngot  %s\nwant %s", s.name, got, s.want)
			}
		}
		if err := run(events.TaskReportRequested, &eventsv1.TaskReportRequested{Task: requestRef, Period: "2026-06"}); !messaging.IsPermanent(err) {
			t.Fatalf("a request without its id: %v, want permanent", err)
		}
	})
}

// TestReportRequestsOverTheBroker wires the consumer as main does, on the
// embedded broker: the tasks service's request and report events fill the
// read model, and the same events delivered again (same ids, from a
// second outbox) change nothing.
func TestReportRequestsOverTheBroker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a broker")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 3, Topics: events.Topics()})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	brokers := []string{b.Addr()}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	db := storetest.OpenSQLite(t)
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	st := store.New(db)
	cons, err := messaging.NewConsumer(db, messaging.ConsumerConfig{Brokers: brokers, Group: consumer.Group,
		Topics: consumer.Topics, Handlers: consumer.Handlers(app.NewTaskViews(), st.TaskWrites), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cons.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	var evs []envelope.Event
	for _, m := range []struct {
		short string
		p     proto.Message
	}{
		{events.TaskReportRequested, requested("q1", "2026-03", "2026-03-01", "2026-03-31", "2026-03-31")},
		{events.TaskReportRequested, requested("q2", "2026-04", "2026-04-01", "2026-04-30", "2026-04-30")},
		{events.TaskReportSubmitted, submitted("r1", "2026-03-30T02:00:00Z")},
	} {
		ev, err := envelope.New(ctx, "/eoffice/tasks", m.short, "t1", m.p)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	publish := func(evs ...envelope.Event) {
		prod := storetest.OpenSQLite(t)
		if err := messaging.Migrate(ctx, prod); err != nil {
			t.Fatal(err)
		}
		out := messaging.NewOutbox(prod, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})
		go func() { _ = out.Run(ctx) }()
		if err := prod.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return out.Add(ctx, tx, evs...) }); err != nil {
			t.Fatal(err)
		}
	}
	inbox := func(n int) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for count(t, db, "inbox") < n {
			if time.Now().After(deadline) {
				t.Fatalf("inbox %d, want %d", count(t, db, "inbox"), n)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	publish(evs...)
	inbox(len(evs))
	want := "2026-03 C 2026-03-31 reported_on_time r1|2026-04 C 2026-04-30 pending |"
	if got := requestLines(t, st); got != want {
		t.Fatalf("filled:\ngot  %s\nwant %s", got, want)
	}
	// Redelivered, then one new event behind them on the task's partition:
	// once it is in, the repeats were seen and skipped.
	last, err := envelope.New(ctx, "/eoffice/tasks", events.TaskReportRequested, "t1",
		requested("q3", "2026-05", "2026-05-01", "2026-05-31", "2026-05-31"))
	if err != nil {
		t.Fatal(err)
	}
	publish(append(evs, last)...)
	inbox(len(evs) + 1)
	want += "2026-05 C 2026-05-31 pending |"
	if got := requestLines(t, st); got != want {
		t.Fatalf("after redelivery:\ngot  %s\nwant %s", got, want)
	}
	if n := count(t, db, "report_request_views"); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
}

func count(t *testing.T, db *pkgstore.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
