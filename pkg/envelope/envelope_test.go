package envelope

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/segmentio/kafka-go"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/protobuf/proto"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

func TestRoundTrip(t *testing.T) {
	tp := sdktrace.NewTracerProvider()
	ctx, span := tp.Tracer("test").Start(context.Background(), "op")
	defer span.End()

	in := &eventsv1.TaskAssigned{TaskId: "t1", AssigneeUnitId: "u1", DueDate: "2026-12-31", Title: "Tuyên truyền PAPI"}
	ev, err := New(ctx, "/eoffice/tasks", "task.assigned", "t1", in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ev.Data), `"assignee_unit_id":"u1"`) {
		t.Fatalf("payload not protojson with proto names: %s", ev.Data)
	}
	msg := ev.Message("eoffice.tasks.v1")
	if string(msg.Key) != "t1" {
		t.Fatalf("key = %q", msg.Key)
	}
	got, err := FromMessage(msg)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != ev.ID || got.Type != "vn.eoffice.task.assigned" || got.Source != "/eoffice/tasks" || got.Subject != "t1" || !got.Time.Equal(ev.Time) {
		t.Fatalf("attributes changed: %+v vs %+v", got, ev)
	}
	out := &eventsv1.TaskAssigned{}
	if err := got.Decode(out); err != nil {
		t.Fatal(err)
	}
	if out.GetTitle() != in.GetTitle() || out.GetDueDate() != in.GetDueDate() {
		t.Fatalf("payload changed: %v", out)
	}
	sc := trace.SpanContextFromContext(got.TraceContext(context.Background()))
	if sc.TraceID() != span.SpanContext().TraceID() || !sc.IsRemote() {
		t.Fatalf("trace context lost: %v vs %v", sc.TraceID(), span.SpanContext().TraceID())
	}
	if _, err := got.Topic(); err != nil {
		t.Fatal(err)
	}
}

func TestFromMessageMalformed(t *testing.T) {
	good := func() []kafka.Header {
		return []kafka.Header{
			{Key: HeaderSpecVersion, Value: []byte("1.0")},
			{Key: HeaderID, Value: []byte("id1")},
			{Key: HeaderType, Value: []byte("vn.eoffice.task.assigned")},
			{Key: HeaderTime, Value: []byte("2026-11-25T10:00:00Z")},
		}
	}
	drop := func(key string) []kafka.Header {
		var out []kafka.Header
		for _, h := range good() {
			if h.Key != key {
				out = append(out, h)
			}
		}
		return out
	}
	tests := []struct {
		name    string
		headers []kafka.Header
		wantErr bool
	}{
		{"valid", good(), false},
		{"no id", drop(HeaderID), true},
		{"no type", drop(HeaderType), true},
		{"no specversion", drop(HeaderSpecVersion), true},
		{"bad time", append(drop(HeaderTime), kafka.Header{Key: HeaderTime, Value: []byte("yesterday")}), true},
		{"no headers", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromMessage(kafka.Message{Headers: tt.headers, Value: []byte(`{}`)})
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrMalformed)) {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, typ, data string
		wantErr         bool
	}{
		{"valid", "vn.eoffice.task.assigned", `{"task_id":"x"}`, false},
		{"unknown field ignored", "vn.eoffice.task.assigned", `{"task_id":"x","future":1}`, false},
		{"not json", "vn.eoffice.task.assigned", `{`, true},
		{"wrong type", "vn.eoffice.task.assigned", `{"task_id":5}`, true},
		{"unknown type", "vn.eoffice.nope", `{}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Event{Type: tt.typ, Data: []byte(tt.data)}.Payload()
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, ErrMalformed)) {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
}

func TestNewRejectsUnknownType(t *testing.T) {
	if _, err := New(context.Background(), "/x", "no.such", "s", &eventsv1.TaskAssigned{}); err == nil {
		t.Fatal("want error for unknown type")
	}
}

func TestKeepDecodesOnce(t *testing.T) {
	in := &eventsv1.TaskAssigned{TaskId: "t1", AssigneeUnitId: "u1", Title: "Tuyên truyền PAPI"}
	tests := []struct {
		name string
		into func() proto.Message
		want string // the task id read back, "" for an error
	}{
		{"same type: copied", func() proto.Message { return &eventsv1.TaskAssigned{Title: "stale"} }, "t1"},
		{"another type: parsed", func() proto.Message { return &eventsv1.TaskCancelled{} }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := New(context.Background(), "/eoffice/tasks", "task.assigned", "t1", in)
			if err != nil {
				t.Fatal(err)
			}
			if err := ev.Keep(); err != nil {
				t.Fatal(err)
			}
			copyOf := ev                      // handlers get copies
			copyOf.Data = []byte("{not json") // proves the kept message is used
			msg := tt.into()
			err = copyOf.Decode(msg)
			if tt.want == "" {
				if !errors.Is(err, ErrMalformed) {
					t.Fatalf("decode into another type: %v, want ErrMalformed", err)
				}
				return
			}
			got, ok := msg.(*eventsv1.TaskAssigned)
			if err != nil || !ok || got.GetTaskId() != tt.want || got.GetTitle() != in.GetTitle() {
				t.Fatalf("decode after Keep: %v, %v", msg, err)
			}
			if p, err := copyOf.Payload(); err != nil || !proto.Equal(p, in) {
				t.Fatalf("payload after Keep: %v, %v", p, err)
			}
		})
	}
}
