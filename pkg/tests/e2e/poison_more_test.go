package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// TestPoisonKeepsFailingAndNotificationsTopic completes the poison test:
// a well-formed event whose handler keeps failing (a task for a unit no
// directory will ever know) goes to the DLQ after its attempts with reason
// max_attempts, poison on the notifications topic (read by the webhook
// consumer) goes to its DLQ, and a directive still reaches its leader.
func TestPoisonKeepsFailingAndNotificationsTopic(t *testing.T) {
	s := startStack(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := &kafka.Writer{Addr: kafka.TCP(s.kafka), RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()

	failing, err := envelope.New(ctx, events.Source("tasks"), events.TaskAssigned, "task-for-nobody", &eventsv1.TaskAssigned{
		TaskId: "task-for-nobody", AssigneeUnitId: "unit-that-never-exists", Title: "Nhiệm vụ không ai nhận", Role: "lead"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []kafka.Message{failing.Message(events.TopicTasks)}
	for _, p := range poisons(events.TopicNotifications) {
		if p.name == "undecodable payload" {
			continue // the known type above is of another topic
		}
		msgs = append(msgs, kafka.Message{Topic: events.TopicNotifications, Key: []byte(p.name), Value: []byte(p.value), Headers: p.headers})
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}

	// A directive issued while the failing event is retried.
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", o.users["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
		Summary: "Chỉ thị sau thư độc", Body: "…", Recipients: []string{o.units["SYT"].ID},
		DueDate: time.Now().AddDate(0, 1, 0).Format("2006-01-02")}, &d)
	u := s.documents + "/v1/documents/" + d.ID
	must(t, http.StatusOK, "POST", u+"/submit", o.users["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", u+"/approve", o.users["ubnd.lanhdao"], nil, nil)
	must(t, http.StatusOK, "POST", u+"/issue", o.users["ubnd.vanthu"], nil, nil)
	want := []struct{ topic, key, reason string }{
		{events.TopicTasks, failing.ID, messaging.ReasonMaxAttempts},
		{events.TopicNotifications, "no envelope", messaging.ReasonMalformed},
		{events.TopicNotifications, "unknown type", messaging.ReasonUnknownType},
	}
	for _, w := range want {
		// A failing message holds its partition for at most the consumer's
		// RetryBudget (10 s) whatever its attempts; the rest is slack for a
		// busy machine.
		eventually(t, 60*time.Second, w.key+" in "+w.topic+".dlq", func() bool {
			for _, m := range readTopic(t, s.kafka, w.topic+events.DLQSuffix) {
				if header(m, messaging.HeaderDLQReason) == w.reason && (string(m.Key) == w.key || header(m, "ce_id") == w.key) {
					return true
				}
			}
			return false
		})
	}
	// The retries hold the partition's later messages back; once
	// dead-lettered, the flow goes on.
	eventually(t, 30*time.Second, "the leader notified", func() bool {
		var got client.Page[notificationsapi.Notification]
		must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", o.users["syt.lanhdao"], nil, &got)
		return len(got.Items) > 0
	})
}
