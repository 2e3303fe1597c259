package messaging_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// 8. One trace runs from the span the event was created in, through the
// producer span, to the consumer span; an event a handler emits continues it.
func TestTraceChain(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	otel.SetTracerProvider(tp)
	t.Cleanup(func() { otel.SetTracerProvider(noop.NewTracerProvider()) })

	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ob := h.outbox(100 * time.Millisecond)
		group := h.group("g")
		var mu sync.Mutex
		var inHandler trace.SpanContext
		var emitted envelope.Event
		handler := func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			next, err := envelope.New(ctx, "/eoffice/tasks", events.TaskAssigned, "task-1", &eventsv1.TaskAssigned{TaskId: "task-1"})
			if err != nil {
				return err
			}
			mu.Lock()
			inHandler, emitted = trace.SpanContextFromContext(ctx), next
			mu.Unlock()
			return ob.Add(ctx, tx, next)
		}
		c, err := messaging.NewConsumer(db, messaging.ConsumerConfig{
			Brokers: h.brokers, Group: group, Topics: []string{events.TopicDocuments},
			Handlers: map[string]messaging.Handler{events.DocumentIssued: handler}, Outbox: ob,
		})
		if err != nil {
			t.Fatal(err)
		}
		h.run(ob.Run)
		h.run(c.Run)

		ctx, root := tp.Tracer("test").Start(context.Background(), "POST /v1/documents/{id}/issue")
		ev := newEvent(t, ctx, "doc-trace", 1)
		h.commit(ob, ev)
		root.End()

		find := func(suffix, id string) sdktrace.ReadOnlySpan {
			for _, s := range spans.Ended() {
				if strings.HasSuffix(s.Name(), suffix) && attr(s, "messaging.message.id") == id {
					return s
				}
			}
			return nil
		}
		var producer, consumer sdktrace.ReadOnlySpan
		eventually(t, "producer and consumer spans ended", func() bool {
			producer, consumer = find(" publish", ev.ID), find(" process", ev.ID)
			return producer != nil && consumer != nil
		})

		traceID := root.SpanContext().TraceID()
		checks := []struct {
			name     string
			span     sdktrace.ReadOnlySpan
			kind     trace.SpanKind
			spanName string
			parent   trace.SpanID
		}{
			{"producer", producer, trace.SpanKindProducer, events.TopicDocuments + " publish", root.SpanContext().SpanID()},
			{"consumer", consumer, trace.SpanKindConsumer, events.TopicDocuments + " process", producer.SpanContext().SpanID()},
		}
		for _, c := range checks {
			t.Run(c.name, func(t *testing.T) {
				s := c.span
				if s.SpanContext().TraceID() != traceID {
					t.Errorf("trace id %s, want %s", s.SpanContext().TraceID(), traceID)
				}
				if s.Parent().SpanID() != c.parent {
					t.Errorf("parent %s, want %s", s.Parent().SpanID(), c.parent)
				}
				if s.SpanKind() != c.kind || s.Name() != c.spanName {
					t.Errorf("kind %v name %q, want %v %q", s.SpanKind(), s.Name(), c.kind, c.spanName)
				}
				if s.InstrumentationScope().Name != messaging.TracerName {
					t.Errorf("scope %q", s.InstrumentationScope().Name)
				}
				if attr(s, "messaging.system") != "kafka" || attr(s, "messaging.destination.name") != events.TopicDocuments {
					t.Errorf("messaging attributes: %v", s.Attributes())
				}
			})
		}
		if got := attr(consumer, "messaging.consumer.group.name"); got != group {
			t.Errorf("consumer group attribute = %q, want %q", got, group)
		}

		mu.Lock()
		defer mu.Unlock()
		if inHandler.SpanID() != consumer.SpanContext().SpanID() {
			t.Errorf("handler ctx span %s, want the consumer span %s", inHandler.SpanID(), consumer.SpanContext().SpanID())
		}
		if sc := trace.SpanContextFromContext(emitted.TraceContext(context.Background())); sc.SpanID() != consumer.SpanContext().SpanID() || sc.TraceID() != traceID {
			t.Errorf("emitted event's trace context %s/%s, want the consumer span", sc.TraceID(), sc.SpanID())
		}
	})
}

func attr(s sdktrace.ReadOnlySpan, key string) string {
	for _, kv := range s.Attributes() {
		if kv.Key == attribute.Key(key) {
			return kv.Value.Emit()
		}
	}
	return ""
}
