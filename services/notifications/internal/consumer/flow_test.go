package consumer_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// TestFlowOverTheBroker wires the handlers as main does, on the embedded
// broker, and sends the task first and the identity events after it: the
// task waits (retrying) for the directory, which its own consumer group
// fills meanwhile, and then reaches the assignee unit's leader only.
func TestFlowOverTheBroker(t *testing.T) {
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
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := store.New(db)
	h := consumer.New(func(tx *pkgstore.Tx) app.EventStore { return s.InTx(tx) }, app.NewNotifier(quiet), app.NewDeliveries(nil))
	done := make(chan struct{}, 2)
	// The consumers as cmd/notifications configures them.
	for _, c := range []struct {
		group       string
		topic       string
		handlers    map[string]messaging.Handler
		maxAttempts int
	}{
		{consumer.GroupDirectory, events.TopicIdentity, h.Directory(), 0},
		{consumer.GroupTasks, events.TopicTasks, h.Tasks(), consumer.MaxAttempts},
	} {
		cons, err := messaging.NewConsumer(db, messaging.ConsumerConfig{
			Brokers: brokers, Group: c.group, Topics: []string{c.topic}, Handlers: c.handlers, Logger: quiet,
			MaxAttempts: c.maxAttempts,
		})
		if err != nil {
			t.Fatal(err)
		}
		go func() { _ = cons.Run(ctx); done <- struct{}{} }()
	}
	defer func() { cancel(); <-done; <-done }()

	// The producers: one database with an outbox, standing for identity and tasks.
	prod := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, prod); err != nil {
		t.Fatal(err)
	}
	out := messaging.NewOutbox(prod, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})
	go func() { _ = out.Run(ctx) }()
	publish := func(short, subject string, payload proto.Message) {
		t.Helper()
		ev, err := envelope.New(ctx, events.SourceOfType(short), short, subject, payload)
		if err != nil {
			t.Fatal(err)
		}
		if err := prod.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return out.Add(ctx, tx, ev) }); err != nil {
			t.Fatal(err)
		}
	}

	// A task to a unit that is known but has no leader is accepted with no
	// recipient once the grace period is over, not dead-lettered, and the
	// task behind it is not blocked for good.
	publish(events.UnitCreated, "empty", &eventsv1.UnitCreated{UnitId: "empty", Kind: "agency", AgencyId: "empty", Name: "Phòng trống", Active: true})
	time.Sleep(300 * time.Millisecond)
	lonely := taskAssigned("empty")
	lonely.TaskId = "task-0"
	publish(events.TaskAssigned, "task-0", lonely)
	publish(events.TaskAssigned, "task-1", taskAssigned("stttt"))
	time.Sleep(300 * time.Millisecond)
	for _, u := range []*eventsv1.UnitCreated{
		{UnitId: "stttt", Kind: "agency", AgencyId: "stttt", Name: "Sở Thông tin và Truyền thông", ShortName: "STTTT", Active: true},
		{UnitId: "sct", Kind: "agency", AgencyId: "sct", Name: "Sở Công Thương", ShortName: "SCT", Active: true},
	} {
		publish(events.UnitCreated, u.UnitId, u)
	}
	for _, p := range []*eventsv1.UserCreated{
		{UserId: "l1", UnitId: "stttt", Roles: []string{"leader"}, Active: true},
		{UserId: "s", UnitId: "stttt", Roles: []string{"specialist"}, Active: true},
		{UserId: "lb", UnitId: "sct", Roles: []string{"leader"}, Active: true},
	} {
		publish(events.UserCreated, p.UserId, p)
	}

	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := s.UnreadCount(ctx, "l1")
		if err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the leader was not notified")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, p := range []string{"s", "lb"} {
		if n, _ := s.UnreadCount(ctx, p); n != 0 {
			t.Errorf("%s was notified %d times", p, n)
		}
	}
	if n := dlqSize(t, b.Addr(), events.TopicTasks+events.DLQSuffix); n != 0 {
		t.Errorf("%d task events were dead-lettered", n)
	}
}

// dlqSize counts the messages in topic (three partitions).
func dlqSize(t *testing.T, addr, topic string) int64 {
	t.Helper()
	var n int64
	for p := range 3 {
		conn, err := kafka.DialLeader(context.Background(), "tcp", addr, topic, p)
		if err != nil {
			t.Fatal(err)
		}
		first, last, err := conn.ReadOffsets()
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		n += last - first
	}
	return n
}
