package messaging_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// The writers wait no time for a batch to fill (kafka.go): a relay's
// batch of rows, written in one call, must still go as one produce request
// per partition, not be cut into many by the timer.
func TestWriterKeepsOneCallInOneRequestPerPartition(t *testing.T) {
	h := newHarness(t, storetest.OpenSQLite(t)) // 3 partitions a topic
	tests := []struct {
		name     string
		messages int
	}{
		{"one event", 1},
		{"a few", 10},
		{"a relay's full batch", 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := messaging.NewWriter(h.brokers, kafkaconn.Config{}, 500)
			defer w.Close()
			msgs := make([]kafka.Message, tc.messages)
			for i := range msgs {
				msgs[i] = kafka.Message{Topic: events.TopicDocuments, Key: []byte(fmt.Sprintf("doc-%d", i)), Value: []byte("{}")}
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			if err := w.WriteMessages(ctx, msgs...); err != nil {
				t.Fatal(err)
			}
			st := w.Stats()
			if st.Messages != int64(tc.messages) {
				t.Fatalf("%d messages written, want %d", st.Messages, tc.messages)
			}
			if want := int64(min(tc.messages, 3)); st.Writes > want {
				t.Errorf("%d messages went in %d produce requests, want at most %d (one per partition)", tc.messages, st.Writes, want)
			}
		})
	}
}
