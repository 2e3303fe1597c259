package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/segmentio/kafka-go"
)

func TestResolveTopics(t *testing.T) {
	tests := []struct {
		names []string
		dlq   bool
		want  string
	}{
		{nil, false, "eoffice.identity.v1 eoffice.documents.v1 eoffice.tasks.v1 eoffice.notifications.v1"},
		{[]string{"tasks"}, false, "eoffice.tasks.v1"},
		{[]string{"tasks,documents", "tasks"}, true, "eoffice.tasks.v1 eoffice.documents.v1 eoffice.tasks.v1.dlq eoffice.documents.v1.dlq"},
		{[]string{"eoffice.tasks.v1.dlq"}, false, "eoffice.tasks.v1.dlq"},
	}
	for _, tt := range tests {
		got, err := resolveTopics(tt.names, tt.dlq)
		if err != nil || strings.Join(got, " ") != tt.want {
			t.Errorf("%v dlq=%v: got %v, %v; want %s", tt.names, tt.dlq, got, err, tt.want)
		}
	}
}

func TestPrintEvent(t *testing.T) {
	m := kafka.Message{Topic: "eoffice.tasks.v1", Partition: 2, Offset: 7, Key: []byte("t1"), Value: []byte("{\n \"task_id\": \"t1\"\n}"),
		Headers: []kafka.Header{{Key: "ce_id", Value: []byte("e1")}, {Key: "ce_type", Value: []byte("vn.eoffice.task.assigned")},
			{Key: "ce_time", Value: []byte("2026-11-25T21:56:03.472969409Z")}, {Key: "traceparent", Value: []byte("00-abc-def-01")}}}
	poison := kafka.Message{Topic: "eoffice.tasks.v1.dlq", Key: []byte("k"), Value: []byte("not json"),
		Headers: []kafka.Header{{Key: "eoffice_dlq_reason", Value: []byte("malformed")}}}
	tests := []struct {
		name   string
		m      kafka.Message
		asJSON bool
		want   string
	}{
		{"one line", m, false, "2026-11-25T21:56:03.472Z eoffice.tasks.v1 task.assigned key=t1 id=e1 {\"task_id\":\"t1\"}\n"},
		{"poison", poison, false, "- eoffice.tasks.v1.dlq - [dlq: malformed] key=k id=- \"not json\"\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := printEvent(&b, tt.m, tt.asJSON); err != nil || b.String() != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, b.String(), err, tt.want)
		}
	}
	var b bytes.Buffer
	if err := printEvent(&b, m, true); err != nil {
		t.Fatal(err)
	}
	var l eventLine
	if strings.Count(b.String(), "\n") != 1 || json.Unmarshal(b.Bytes(), &l) != nil || l.Type != "vn.eoffice.task.assigned" ||
		l.Headers["traceparent"] != "00-abc-def-01" || l.Offset != 7 || string(l.Data) != `{"task_id":"t1"}` {
		t.Fatalf("json line %q", b.String())
	}
}

func TestEventsAsyncAPI(t *testing.T) {
	e := newEnv(t)
	code, out, stderr := e.run("", "events", "asyncapi")
	if code != 0 || !strings.Contains(out, "asyncapi: 2.6.0") || !strings.Contains(out, "vn.eoffice.task.assigned") {
		t.Fatalf("exit %d, stderr %q, stdout starts %q", code, stderr, out[:min(len(out), 200)])
	}
}
