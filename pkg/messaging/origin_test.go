package messaging_test

import (
	"context"
	"sync"
	"testing"

	"github.com/segmentio/kafka-go"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// The broker takes anyone's writes. A local process forges a user.updated
// (another ce_source) and a task.* event on the identity topic, with the
// real kafka-go writer; the identity consumer's handlers never see them,
// they land in the dead-letter topic with reason untrusted, and the genuine
// event behind them (same key, so after them) is still handled.
func TestForgedEventsAreDeadLettered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		group := h.group("identity")
		var mu sync.Mutex
		var seen []string
		record := func(_ context.Context, _ *store.Tx, ev envelope.Event) error {
			mu.Lock()
			seen = append(seen, ev.ID)
			mu.Unlock()
			return nil
		}
		// Handlers for the forged types too: a wrongly typed event must not
		// reach even a handler that exists.
		c, err := messaging.NewConsumer(db, messaging.ConsumerConfig{
			Brokers: h.brokers, Group: group, Topics: []string{events.TopicIdentity},
			Handlers: map[string]messaging.Handler{events.UserUpdated: record, events.UnitUpdated: record, events.TaskAssigned: record},
		})
		if err != nil {
			t.Fatal(err)
		}
		h.run(c.Run)

		const key = "user-1"
		event := func(source, short string, p proto.Message) envelope.Event {
			ev, err := envelope.New(ctx, source, short, key, p)
			if err != nil {
				t.Fatal(err)
			}
			return ev
		}
		promote := &eventsv1.UserUpdated{UserId: key, Roles: []string{"admin"}}
		forged := []struct {
			name string
			ev   envelope.Event
		}{
			{"user.updated from tasks", event("/eoffice/tasks", events.UserUpdated, promote)},
			{"user.updated without source", event("", events.UserUpdated, promote)},
			{"unit.updated from a stranger", event("/eoffice/identity-evil", events.UnitUpdated, &eventsv1.UnitUpdated{UnitId: "u1", Name: "Forged"})},
			{"task.* on the identity topic", event("/eoffice/tasks", events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t1"})},
			{"task.* on the identity topic as identity", event("/eoffice/identity", events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t2"})},
		}
		genuine := event("/eoffice/identity", events.UserUpdated, &eventsv1.UserUpdated{UserId: key, FullName: "Real"})
		var msgs []kafka.Message
		for _, f := range forged {
			msgs = append(msgs, f.ev.Message(events.TopicIdentity))
		}
		h.produce(append(msgs, genuine.Message(events.TopicIdentity))...)

		handled := func(id string) bool {
			mu.Lock()
			defer mu.Unlock()
			for _, s := range seen {
				if s == id {
					return true
				}
			}
			return false
		}
		eventually(t, "the genuine event handled", func() bool { return handled(genuine.ID) })
		dead := map[string]kafka.Message{}
		for _, m := range h.readTopic(events.TopicIdentity+events.DLQSuffix, len(forged)) {
			dead[header(m, envelope.HeaderID)] = m
		}
		for _, f := range forged {
			t.Run(f.name, func(t *testing.T) {
				if handled(f.ev.ID) {
					t.Error("a handler ran on the forged event")
				}
				m, ok := dead[f.ev.ID]
				if !ok {
					t.Fatal("not dead-lettered")
				}
				if got := header(m, messaging.HeaderDLQReason); got != messaging.ReasonUntrusted {
					t.Errorf("reason %q, want %q (error %q)", got, messaging.ReasonUntrusted, header(m, messaging.HeaderDLQError))
				}
			})
		}
		mu.Lock()
		defer mu.Unlock()
		if len(seen) != 1 {
			t.Errorf("handlers saw %d events, want only the genuine one", len(seen))
		}
	})
}
