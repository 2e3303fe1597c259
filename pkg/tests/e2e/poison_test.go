package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// poison is one message no consumer can handle.
type poison struct {
	name       string
	headers    []kafka.Header
	value      string
	wantReason string
}

func poisons(topic string) []poison {
	owner, _ := events.SourceOf(topic) // else the consumer drops it as untrusted first
	h := func(typ string) []kafka.Header {
		return []kafka.Header{
			{Key: "ce_specversion", Value: []byte("1.0")},
			{Key: "ce_id", Value: []byte("poison-" + topic + "-" + typ)},
			{Key: "ce_type", Value: []byte(typ)},
			{Key: "ce_source", Value: []byte(owner)},
			{Key: "ce_time", Value: []byte(time.Now().UTC().Format(time.RFC3339Nano))},
		}
	}
	known := map[string]string{
		events.TopicIdentity:  "vn.eoffice.unit.created",
		events.TopicDocuments: "vn.eoffice.document.issued",
		events.TopicTasks:     "vn.eoffice.task.assigned",
	}[topic]
	return []poison{
		{"no envelope", nil, `{"hello":"world"}`, "malformed"},
		{"unknown type", h("vn.eoffice.no.such.event"), `{}`, "unknown_type"},
		{"undecodable payload", h(known), `{"unit_id": 42, "document_id": 42, "task_id": 42`, "malformed"},
	}
}

// TestPoisonMessagesGoToDLQ writes messages that cannot be handled to every
// consumed topic of a running stack; each lands in <topic>.dlq with its
// reason, and the normal flow still works after them.
func TestPoisonMessagesGoToDLQ(t *testing.T) {
	s := startStack(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	topics := []string{events.TopicIdentity, events.TopicDocuments, events.TopicTasks}
	w := &kafka.Writer{Addr: kafka.TCP(s.kafka), RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()
	for _, topic := range topics {
		for _, p := range poisons(topic) {
			if err := w.WriteMessages(ctx, kafka.Message{Topic: topic, Key: []byte(p.name), Value: []byte(p.value), Headers: p.headers}); err != nil {
				t.Fatalf("write %s to %s: %v", p.name, topic, err)
			}
		}
	}

	// The system goes on: a directive still becomes tasks and notifications.
	directiveNotifies(t, s, "Chỉ thị sau thư độc")

	for _, topic := range topics {
		var dlq []kafka.Message
		eventually(t, 30*time.Second, topic+" poison dead-lettered", func() bool {
			dlq = readTopic(t, s.kafka, topic+events.DLQSuffix)
			return len(dlq) >= len(poisons(topic))
		})
		for _, p := range poisons(topic) {
			found := false
			for _, m := range dlq {
				if string(m.Key) == p.name && header(m, "eoffice_dlq_reason") == p.wantReason && header(m, "eoffice_dlq_original_topic") == topic {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q not in %s.dlq with reason %q", topic, p.name, topic, p.wantReason)
			}
		}
	}
}

// directiveNotifies runs the chain every service takes part in: identity's
// seed reaches the others, a directive issued in documents becomes a task
// and notifies the recipient unit's leader.
func directiveNotifies(t *testing.T, s *stack, summary string) {
	t.Helper()
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	var doc documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", o.users["ubnd.chuyenvien"], documentsapi.NewDocument{
		Kind: "directive", Summary: summary, Body: "…",
		Recipients: []string{o.units["SNV"].ID}, DueDate: time.Now().AddDate(0, 0, 9).Format("2006-01-02"),
	}, &doc)
	u := s.documents + "/v1/documents/" + doc.ID
	must(t, http.StatusOK, "POST", u+"/submit", o.users["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", u+"/approve", o.users["ubnd.lanhdao"], map[string]any{}, nil)
	must(t, http.StatusOK, "POST", u+"/issue", o.users["ubnd.vanthu"], nil, nil)
	eventually(t, 30*time.Second, "the SNV leader notified of "+summary, func() bool {
		var got client.Page[notificationsapi.Notification]
		must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", o.users["snv.lanhdao"], nil, &got)
		return len(got.Items) == 1
	})
}

func header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// readTopic returns every message now in topic, all partitions.
func readTopic(t *testing.T, addr, topic string) []kafka.Message {
	t.Helper()
	conn, err := kafka.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := conn.ReadPartitions(topic)
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	var out []kafka.Message
	for _, p := range parts {
		lc, err := kafka.DialLeader(context.Background(), "tcp", addr, topic, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		last, err := lc.ReadLastOffset()
		if err != nil || last == 0 {
			lc.Close()
			continue
		}
		_, _ = lc.Seek(0, kafka.SeekAbsolute)
		_ = lc.SetReadDeadline(time.Now().Add(5 * time.Second))
		batch := lc.ReadBatch(1, 1<<20)
		for {
			m, err := batch.ReadMessage()
			if err != nil {
				break
			}
			out = append(out, m)
			if m.Offset+1 >= last {
				break
			}
		}
		batch.Close()
		lc.Close()
	}
	return out
}
