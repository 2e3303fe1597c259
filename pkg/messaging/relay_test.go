package messaging_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// 7. Cancelling the relay with rows pending publishes them before Run
// returns; with no broker to publish to, Run still returns (after the drain
// timeout) and keeps the rows for the next start.
func TestRelayDrainsOnShutdown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		tests := []struct {
			name        string
			brokers     []string
			wantPending int
		}{
			{"publishes pending rows", h.brokers, 0},
			{"broker unreachable keeps rows", []string{closedAddr(t)}, 5},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ob := messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: tt.brokers, PollInterval: time.Minute, DrainTimeout: 500 * time.Millisecond})
				for i := range 5 {
					ev := newEvent(t, ctx, "doc-drain", int64(i+1))
					if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return ob.Add(ctx, tx, ev) }); err != nil {
						t.Fatal(err)
					}
				}
				cctx, cancel := context.WithCancel(ctx)
				cancel() // cancelled before it starts: all it may do is drain
				done := make(chan error, 1)
				go func() { done <- ob.Run(cctx) }()
				select {
				case err := <-done:
					if err != nil {
						t.Fatalf("Run = %v, want nil", err)
					}
				case <-time.After(timeout):
					t.Fatal("Run did not return after cancel")
				}
				n, err := ob.Pending(ctx)
				if err != nil || n != tt.wantPending {
					t.Fatalf("pending = %d (%v), want %d", n, err, tt.wantPending)
				}
			})
		}
		got := h.readTopic(events.TopicDocuments, 5)
		for _, m := range got {
			if _, err := envelope.FromMessage(m); err != nil {
				t.Errorf("published message: %v", err)
			}
		}
	})
}

// closedAddr is an address where nothing listens.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestAddRejectsBadEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if err := messaging.Migrate(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		ob := messaging.NewOutbox(db, messaging.OutboxConfig{})
		ctx := context.Background()
		tests := []struct {
			name   string
			mutate func(*envelope.Event)
		}{
			{"unknown type", func(e *envelope.Event) { e.Type = "vn.eoffice.nope" }},
			{"foreign type", func(e *envelope.Event) { e.Type = "com.example.thing" }},
			{"empty id", func(e *envelope.Event) { e.ID = "" }},
			{"payload not UTF-8", func(e *envelope.Event) { e.Data = []byte{0xff, 0xfe} }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ev := newEvent(t, ctx, "doc-x", 1)
				tt.mutate(&ev)
				err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return ob.Add(ctx, tx, ev) })
				if err == nil {
					t.Fatal("Add accepted a bad event")
				}
			})
		}
		if n, err := ob.Pending(ctx); err != nil || n != 0 {
			t.Fatalf("pending = %d (%v), want 0", n, err)
		}
	})
}

func TestNewConsumerValidates(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ok := messaging.ConsumerConfig{Brokers: []string{"127.0.0.1:9092"}, Group: "g", Topics: []string{events.TopicDocuments}}
	tests := []struct {
		name    string
		mutate  func(*messaging.ConsumerConfig)
		wantErr bool
	}{
		{"valid", func(*messaging.ConsumerConfig) {}, false},
		{"no brokers", func(c *messaging.ConsumerConfig) { c.Brokers = nil }, true},
		{"no group", func(c *messaging.ConsumerConfig) { c.Group = "" }, true},
		{"no topics", func(c *messaging.ConsumerConfig) { c.Topics = nil }, true},
		{"handler for unknown type", func(c *messaging.ConsumerConfig) {
			c.Handlers = map[string]messaging.Handler{"document.isued": func(context.Context, *store.Tx, envelope.Event) error { return nil }}
		}, true},
		{"nil handler", func(c *messaging.ConsumerConfig) {
			c.Handlers = map[string]messaging.Handler{events.DocumentIssued: nil}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.mutate(&cfg)
			_, err := messaging.NewConsumer(db, cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
