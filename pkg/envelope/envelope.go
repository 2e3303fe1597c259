// Package envelope is the CloudEvents (binary mode) envelope of every eoffice
// event on Kafka, with the W3C trace context carried beside it.
package envelope

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/segmentio/kafka-go"
	"go.opentelemetry.io/otel/propagation"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/events"
)

// ContentType of every payload: protojson with proto field names.
const ContentType = "application/json"

// Header names of the CloudEvents Kafka protocol binding (binary mode).
const (
	HeaderSpecVersion = "ce_specversion"
	HeaderID          = "ce_id"
	HeaderType        = "ce_type"
	HeaderSource      = "ce_source"
	HeaderTime        = "ce_time"
	HeaderSubject     = "ce_subject"
	HeaderContentType = "content-type"
	HeaderTraceParent = "traceparent"
	HeaderTraceState  = "tracestate"
)

// ErrMalformed marks a message that is not a valid eoffice event.
var ErrMalformed = errors.New("malformed event")

// Event is one event: its CloudEvents attributes, its protojson payload and
// the trace context of the work that produced it.
type Event struct {
	ID      string
	Type    string // full ce_type, e.g. vn.eoffice.task.assigned
	Source  string // /eoffice/<service>
	Subject string // aggregate id; also the Kafka key
	Time    time.Time
	Data    []byte

	TraceParent string
	TraceState  string

	// payload is Data decoded, when Keep was called: a consumer checks
	// every payload before handling it, and its handler reads it again.
	payload proto.Message
}

var marshal = protojson.MarshalOptions{UseProtoNames: true}
var unmarshal = protojson.UnmarshalOptions{DiscardUnknown: true}

// New builds an event of a registered short type ("task.assigned") about the
// aggregate subject, capturing the trace context of ctx.
func New(ctx context.Context, source, short, subject string, payload proto.Message) (Event, error) {
	if !events.Known(short) {
		return Event{}, fmt.Errorf("new event: unknown type %q", short)
	}
	data, err := marshal.Marshal(payload)
	if err != nil {
		return Event{}, fmt.Errorf("new event %s: %w", short, err)
	}
	id, err := uuid.NewV7()
	if err != nil {
		return Event{}, fmt.Errorf("new event id: %w", err)
	}
	e := Event{
		ID:      id.String(),
		Type:    events.Type(short),
		Source:  source,
		Subject: subject,
		Time:    time.Now().UTC(),
		Data:    data,
	}
	e.SetTraceContext(ctx)
	return e, nil
}

// Short is the registered short name of the event's type.
func (e Event) Short() (string, bool) { return events.Short(e.Type) }

// Topic is the topic the event's type is published on.
func (e Event) Topic() (string, error) {
	short, ok := e.Short()
	if !ok {
		return "", fmt.Errorf("%w: unknown type %q", ErrMalformed, e.Type)
	}
	t, _ := events.TopicOf(short)
	return t, nil
}

// Decode unmarshals the payload into msg; unknown fields are ignored so that
// older consumers read newer producers. A payload decoded already (Keep)
// is copied instead of parsed again.
func (e Event) Decode(msg proto.Message) error {
	if e.payload != nil && e.payload.ProtoReflect().Descriptor() == msg.ProtoReflect().Descriptor() {
		proto.Reset(msg)
		proto.Merge(msg, e.payload)
		return nil
	}
	if err := unmarshal.Unmarshal(e.Data, msg); err != nil {
		return fmt.Errorf("%w: decode %s: %v", ErrMalformed, e.Type, err)
	}
	return nil
}

// Payload decodes the payload into a new message of the event's registered
// type. After Keep it is the kept message, shared by the event's copies:
// callers read it and never change it.
func (e Event) Payload() (proto.Message, error) {
	if e.payload != nil {
		return e.payload, nil
	}
	short, ok := e.Short()
	if !ok {
		return nil, fmt.Errorf("%w: unknown type %q", ErrMalformed, e.Type)
	}
	msg := events.NewPayload(short)
	if err := e.Decode(msg); err != nil {
		return nil, err
	}
	return msg, nil
}

// Keep decodes the payload (Payload) and keeps the message in e, so that
// Decode and Payload on e and its copies need not parse the JSON again.
func (e *Event) Keep() error {
	msg, err := e.Payload()
	if err != nil {
		return err
	}
	e.payload = msg
	return nil
}

// SetTraceContext stores the span context of ctx in the event.
func (e *Event) SetTraceContext(ctx context.Context) {
	c := propagation.MapCarrier{}
	propagation.TraceContext{}.Inject(ctx, c)
	e.TraceParent, e.TraceState = c[HeaderTraceParent], c[HeaderTraceState]
}

// TraceContext returns ctx carrying the event's remote span context.
func (e Event) TraceContext(ctx context.Context) context.Context {
	c := propagation.MapCarrier{}
	if e.TraceParent != "" {
		c[HeaderTraceParent] = e.TraceParent
	}
	if e.TraceState != "" {
		c[HeaderTraceState] = e.TraceState
	}
	return propagation.TraceContext{}.Extract(ctx, c)
}

// Message is the event as a Kafka message for topic.
func (e Event) Message(topic string) kafka.Message {
	h := []kafka.Header{
		{Key: HeaderSpecVersion, Value: []byte("1.0")},
		{Key: HeaderID, Value: []byte(e.ID)},
		{Key: HeaderType, Value: []byte(e.Type)},
		{Key: HeaderSource, Value: []byte(e.Source)},
		{Key: HeaderTime, Value: []byte(e.Time.UTC().Format(time.RFC3339Nano))},
		{Key: HeaderContentType, Value: []byte(ContentType)},
	}
	if e.Subject != "" {
		h = append(h, kafka.Header{Key: HeaderSubject, Value: []byte(e.Subject)})
	}
	if e.TraceParent != "" {
		h = append(h, kafka.Header{Key: HeaderTraceParent, Value: []byte(e.TraceParent)})
	}
	if e.TraceState != "" {
		h = append(h, kafka.Header{Key: HeaderTraceState, Value: []byte(e.TraceState)})
	}
	return kafka.Message{Topic: topic, Key: []byte(e.Subject), Value: e.Data, Headers: h}
}

// FromMessage reads an event from a Kafka message. A message without an id,
// a type or a valid time is ErrMalformed; an unknown type is not an error
// here (the consumer decides what to do with it).
func FromMessage(m kafka.Message) (Event, error) {
	h := map[string]string{}
	for _, x := range m.Headers {
		h[x.Key] = string(x.Value)
	}
	e := Event{
		ID:          h[HeaderID],
		Type:        h[HeaderType],
		Source:      h[HeaderSource],
		Subject:     h[HeaderSubject],
		Data:        m.Value,
		TraceParent: h[HeaderTraceParent],
		TraceState:  h[HeaderTraceState],
	}
	if e.ID == "" || e.Type == "" {
		return e, fmt.Errorf("%w: missing %s or %s header", ErrMalformed, HeaderID, HeaderType)
	}
	if sv := h[HeaderSpecVersion]; sv != "1.0" {
		return e, fmt.Errorf("%w: %s %q", ErrMalformed, HeaderSpecVersion, sv)
	}
	if ts := h[HeaderTime]; ts != "" {
		t, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			return e, fmt.Errorf("%w: %s %q", ErrMalformed, HeaderTime, ts)
		}
		e.Time = t
	}
	return e, nil
}
