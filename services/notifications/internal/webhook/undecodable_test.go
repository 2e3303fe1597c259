package webhook_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// TestUndecodableEventsOweNothing: the webhooks consumer hands an event to
// the app to owe; one whose payload does not decode is accepted while no
// webhook wants its type (nothing to owe, nothing decoded), dead-lettered
// (permanent) once one does, and owes no delivery either way; an event of
// no known type is dead-lettered at once.
func TestUndecodableEventsOweNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		handle := func(ev envelope.Event) error {
			return f.db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
				return f.h.OweDeliveries(ctx, tx, ev)
			})
		}
		bad := taskEvent(t)
		bad.Data = []byte(`{"task_id": 42`)
		if err := handle(bad); err != nil {
			t.Fatalf("no webhook subscribed: %v", err)
		}
		f.hook(t, "w1", events.TaskAssigned)
		if err := handle(bad); !messaging.IsPermanent(err) {
			t.Fatalf("undecodable with a webhook subscribed: %v, want a permanent error", err)
		}
		unknown := taskEvent(t)
		unknown.Type = "vn.eoffice.task.vanished"
		if err := handle(unknown); !messaging.IsPermanent(err) {
			t.Fatalf("unknown type: %v, want a permanent error", err)
		}
		log, _, err := f.s.Deliveries(context.Background(), "w1", nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 0 {
			t.Fatalf("deliveries owed: %+v", log)
		}
		if err := handle(taskEvent(t)); err != nil {
			t.Fatal(err)
		}
		if log, _, _ = f.s.Deliveries(context.Background(), "w1", nil, 10); len(log) != 1 {
			t.Fatalf("a good event owes %d deliveries, want 1", len(log))
		}
	})
}
