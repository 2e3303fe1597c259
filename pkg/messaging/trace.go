package messaging

import (
	"context"
	"strconv"

	"github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
)

// TracerName is the instrumentation scope of the messaging spans.
const TracerName = "eoffice/messaging"

// propagator is W3C trace context, as pkg/envelope uses: the global
// propagator is a no-op until a service sets one, and the headers must be
// written either way.
var propagator = propagation.TraceContext{}

// tracer is looked up at each use, not once, so that a provider installed
// later (at start-up, or by a test) is the one that records.
func tracer() trace.Tracer { return otel.GetTracerProvider().Tracer(TracerName) }

// headerCarrier lets the propagator read and write Kafka headers.
type headerCarrier struct{ h *[]kafka.Header }

func (c headerCarrier) Get(key string) string {
	for _, x := range *c.h {
		if x.Key == key {
			return string(x.Value)
		}
	}
	return ""
}

func (c headerCarrier) Set(key, value string) {
	for i, x := range *c.h {
		if x.Key == key {
			(*c.h)[i].Value = []byte(value)
			return
		}
	}
	*c.h = append(*c.h, kafka.Header{Key: key, Value: []byte(value)})
}

func (c headerCarrier) Keys() []string {
	keys := make([]string, len(*c.h))
	for i, x := range *c.h {
		keys[i] = x.Key
	}
	return keys
}

// startPublish starts the producer span of one event as a child of the trace
// the event was created in, and rewrites the message's trace headers to the
// producer span so that the consumer span hangs below it.
func startPublish(ctx context.Context, ev envelope.Event, msg *kafka.Message) trace.Span {
	ctx = ev.TraceContext(ctx)
	_, span := tracer().Start(ctx, msg.Topic+" publish",
		trace.WithSpanKind(trace.SpanKindProducer),
		trace.WithAttributes(
			semconv.MessagingSystemKafka,
			semconv.MessagingOperationTypeSend,
			semconv.MessagingOperationName("publish"),
			semconv.MessagingDestinationName(msg.Topic),
			semconv.MessagingMessageID(ev.ID),
			semconv.MessagingKafkaMessageKey(string(msg.Key)),
			attribute.String("cloudevents.event_type", ev.Type),
		))
	// Drop the creator's headers first: with no valid span context (no
	// tracing configured) nothing is injected and the message carries none.
	h := msg.Headers[:0:0]
	for _, x := range msg.Headers {
		if x.Key != envelope.HeaderTraceParent && x.Key != envelope.HeaderTraceState {
			h = append(h, x)
		}
	}
	msg.Headers = h
	propagator.Inject(trace.ContextWithSpan(ctx, span), headerCarrier{&msg.Headers})
	return span
}

// startProcess starts the consumer span of one message as a child of the
// producer span named in its headers.
func startProcess(ctx context.Context, m kafka.Message, group string) (context.Context, trace.Span) {
	ctx = propagator.Extract(ctx, headerCarrier{&m.Headers})
	return tracer().Start(ctx, m.Topic+" process",
		trace.WithSpanKind(trace.SpanKindConsumer),
		trace.WithAttributes(
			semconv.MessagingSystemKafka,
			semconv.MessagingOperationTypeProcess,
			semconv.MessagingOperationName("process"),
			semconv.MessagingDestinationName(m.Topic),
			semconv.MessagingConsumerGroupName(group),
			semconv.MessagingDestinationPartitionID(strconv.Itoa(m.Partition)),
			semconv.MessagingKafkaOffset(int(m.Offset)),
			semconv.MessagingKafkaMessageKey(string(m.Key)),
			semconv.MessagingMessageID(headerCarrier{&m.Headers}.Get(envelope.HeaderID)),
		))
}

// endSpan ends span, marking it failed when err is not nil.
func endSpan(span trace.Span, err error) {
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	}
	span.End()
}
