package messaging_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// TestReplayAfterFix: a message dead-lettered by one group is, once its
// cause is fixed and an operator replays it, handled by that group exactly
// once (a second replay is a duplicate); a plain redelivery of the
// original before the fix is not dead-lettered twice; a dropped one leaves
// the list; the audit says who did what.
func TestReplayAfterFix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		group := h.group("g")
		rec := newRecorder(t, group)
		var fixed atomic.Bool
		rec.fail = func(ev envelope.Event, _ int32) error {
			switch n := number(t, ev); {
			case n == 500 && !fixed.Load():
				return messaging.Permanent(errors.New("the unit is not known yet"))
			case n == 501:
				return messaging.Permanent(errors.New("never works"))
			}
			return nil
		}
		h.run(h.consumer(group, rec.handlers(), 3).Run)
		const key = "doc-replay" // one key: one partition, in order
		poison, hopeless := newEvent(t, ctx, key, 500), newEvent(t, ctx, key, 501)
		sentinel := func() {
			t.Helper()
			s := newEvent(t, ctx, key, 1)
			h.produce(s.Message(events.TopicDocuments))
			eventually(t, "a later message handled", func() bool { return rec.has(s.ID) })
		}
		h.produce(poison.Message(events.TopicDocuments), hopeless.Message(events.TopicDocuments))
		sentinel()

		dl := messaging.NewDeadLetters(h.brokers, kafkaconn.Config{})
		dlqTopics := []string{events.TopicDocuments + events.DLQSuffix}
		list := func() map[string]messaging.DeadLetter {
			t.Helper()
			got, err := dl.List(ctx, dlqTopics)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]messaging.DeadLetter{}
			for _, d := range got {
				if d.Group == group {
					if _, twice := out[d.ID]; twice {
						t.Errorf("%s dead-lettered twice", d.ID)
					}
					out[d.ID] = d
				}
			}
			return out
		}
		// The original comes again (a restart before the offset commit):
		// still failing, but already in the DLQ, so not dead-lettered anew.
		h.produce(poison.Message(events.TopicDocuments))
		sentinel()
		dead := list()
		if len(dead) != 2 || dead[poison.ID].Reason != messaging.ReasonPermanent || dead[poison.ID].Handled != nil {
			t.Fatalf("dead letters %+v", dead)
		}

		rows := func(id string) int {
			var n int
			if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM handled WHERE grp = $1 AND event_id = $2`, group, id).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		fixed.Store(true)
		a, err := dl.Replay(ctx, dead[poison.ID], "admin")
		if err != nil {
			t.Fatal(err)
		}
		if a.Action != messaging.ActionReplayed || a.By != "admin" || a.ID != poison.ID || a.Topic != events.TopicDocuments {
			t.Errorf("audit record %+v", a)
		}
		eventually(t, "the replayed message handled", func() bool { return rows(poison.ID) == 1 })
		if _, err := dl.Replay(ctx, dead[poison.ID], "admin"); err != nil {
			t.Fatal(err)
		}
		sentinel()
		if n := rows(poison.ID); n != 1 {
			t.Errorf("handled %d times after two replays, want once", n)
		}

		if _, err := dl.Drop(ctx, dead[hopeless.ID], "admin", "a test message"); err != nil {
			t.Fatal(err)
		}
		after := list()
		if h := after[poison.ID].Handled; h == nil || h.Action != messaging.ActionReplayed || h.By != "admin" {
			t.Errorf("replayed one's audit: %+v", h)
		}
		if h := after[hopeless.ID].Handled; h == nil || h.Action != messaging.ActionDropped || h.Note != "a test message" {
			t.Errorf("dropped one's audit: %+v", h)
		}
		if len(after) != 2 {
			t.Errorf("the replays made new dead letters: %+v", after)
		}
		got, err := dl.Get(ctx, dead[poison.ID].Ref())
		if err != nil || got.ID != poison.ID {
			t.Errorf("get %s: %+v, %v", dead[poison.ID].Ref(), got.ID, err)
		}
		if _, err := dl.Get(ctx, events.TopicDocuments+events.DLQSuffix+"/0/99999"); !errors.Is(err, messaging.ErrNoDeadLetter) {
			t.Errorf("get of nothing: %v", err)
		}
	})
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in    string
		topic string
		p     int
		o     int64
		bad   bool
	}{
		{"eoffice.tasks.v1.dlq/2/17", "eoffice.tasks.v1.dlq", 2, 17, false},
		{"eoffice.tasks.v1.dlq/2", "", 0, 0, true},
		{"eoffice.tasks.v1.dlq/x/1", "", 0, 0, true},
		{"eoffice.tasks.v1.dlq/1/-3", "", 0, 0, true},
		{"", "", 0, 0, true},
	}
	for _, tt := range tests {
		topic, p, o, err := messaging.ParseRef(tt.in)
		if (err != nil) != tt.bad || topic != tt.topic || p != tt.p || o != tt.o {
			t.Errorf("%q: %q %d %d %v", tt.in, topic, p, o, err)
		}
	}
}
