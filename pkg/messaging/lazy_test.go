package messaging_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// With LazyPayloads the consumer leaves an undecodable payload to the
// handler: one that never reads it handles the event, one that reads it
// dead-letters it at once.
func TestLazyPayloads(t *testing.T) {
	tests := []struct {
		name    string
		reads   bool
		handled int    // rows the handler wrote
		dead    string // the dead letter's reason, "" for none
	}{
		{"handler never reads it", false, 1, ""},
		{"handler reads it", true, 0, messaging.ReasonPermanent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				h := newHarness(t, db)
				ctx := context.Background()
				group := h.group("lazy")
				handler := func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
					if tt.reads {
						if _, err := ev.Payload(); err != nil {
							return err
						}
					}
					_, err := tx.ExecContext(ctx, `INSERT INTO handled (grp, event_id, subject, number) VALUES ($1, $2, $3, 0)`,
						group, ev.ID, ev.Subject)
					return err
				}
				c, err := messaging.NewConsumer(db, messaging.ConsumerConfig{
					Brokers: h.brokers, Group: group, Topics: []string{events.TopicDocuments}, LazyPayloads: true,
					Handlers: map[string]messaging.Handler{events.DocumentIssued: handler},
				})
				if err != nil {
					t.Fatal(err)
				}
				h.run(c.Run)
				bad := newEvent(t, ctx, "doc-lazy", 1)
				bad.Data = []byte("{not json")
				good := newEvent(t, ctx, "doc-lazy", 2)
				h.produce(bad.Message(events.TopicDocuments), good.Message(events.TopicDocuments))
				eventually(t, "the good event handled", func() bool { return h.handledRows(group) == tt.handled+1 })
				if tt.dead == "" {
					return
				}
				dead := h.readTopic(events.TopicDocuments+events.DLQSuffix, 1)
				if got := header(dead[0], messaging.HeaderDLQReason); got != tt.dead || header(dead[0], envelope.HeaderID) != bad.ID {
					t.Fatalf("dead letter %s of %s, want %s of %s", got, header(dead[0], envelope.HeaderID), tt.dead, bad.ID)
				}
			})
		})
	}
}
