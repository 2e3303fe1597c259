package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/messaging"
)

func TestDLQTopics(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, "eoffice.identity.v1.dlq eoffice.documents.v1.dlq eoffice.tasks.v1.dlq eoffice.notifications.v1.dlq eoffice.exchange.v1.dlq"},
		{[]string{"tasks"}, "eoffice.tasks.v1.dlq"},
		{[]string{"tasks,exchange", "eoffice.tasks.v1.dlq"}, "eoffice.tasks.v1.dlq eoffice.exchange.v1.dlq"},
	}
	for _, tt := range tests {
		got, err := dlqTopics(tt.names)
		if err != nil || strings.Join(got, " ") != tt.want {
			t.Errorf("%v: got %v, %v; want %s", tt.names, got, err, tt.want)
		}
	}
	if _, err := dlqTopics([]string{"nope"}); err == nil {
		t.Error("an unknown topic accepted")
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{"", time.Time{}, false},
		{"24h", now.Add(-24 * time.Hour), false},
		{"05/12/2026", time.Date(2026, 12, 5, 0, 0, 0, 0, time.Local), false},
		{"2026-12-05", time.Date(2026, 12, 5, 0, 0, 0, 0, time.Local), false},
		{"2026-12-05T08:00:00Z", time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC), false},
		{"hôm qua", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := parseWhen(tt.in, now)
		if (err != nil) != tt.bad || !got.Equal(tt.want) {
			t.Errorf("%q: got %v, %v; want %v (bad %v)", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

func TestDLQFilter(t *testing.T) {
	at := time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)
	d := messaging.DeadLetter{Type: "vn.eoffice.task.assigned", Reason: "max_attempts", Time: at}
	handled := d
	handled.Handled = &messaging.AuditRecord{Action: messaging.ActionReplayed}
	tests := []struct {
		name string
		f    dlqFilter
		d    messaging.DeadLetter
		want bool
	}{
		{"no filter", dlqFilter{}, d, true},
		{"short type", dlqFilter{typ: "task.assigned"}, d, true},
		{"full type", dlqFilter{typ: "vn.eoffice.task.assigned"}, d, true},
		{"other type", dlqFilter{typ: "task.completed"}, d, false},
		{"reason", dlqFilter{reason: "max_attempts"}, d, true},
		{"other reason", dlqFilter{reason: "malformed"}, d, false},
		{"since before", dlqFilter{since: at.Add(-time.Minute)}, d, true},
		{"since after", dlqFilter{since: at.Add(time.Minute)}, d, false},
		{"until after", dlqFilter{until: at.Add(time.Minute)}, d, true},
		{"until at: exclusive", dlqFilter{until: at}, d, false},
		{"handled hidden", dlqFilter{}, handled, false},
		{"handled with --all", dlqFilter{all: true}, handled, true},
	}
	for _, tt := range tests {
		if got := tt.f.match(tt.d); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestDLQCommandLine: mistakes are refused before Kafka is reached, in
// the session's language.
func TestDLQCommandLine(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"events", "dlq"}, 2, "events dlq: list"},
		{[]string{"events", "dlq", "show"}, 2, "số tham số không đúng"},
		{[]string{"events", "dlq", "list", "--since", "hôm qua"}, 2, "không phải thời điểm"},
		{[]string{"--lang", "en", "events", "dlq", "list", "--since", "yesterday"}, 2, "is not a time"},
		{[]string{"events", "dlq", "replay", "eoffice.tasks.v1.dlq/0/3"}, 1, "chưa đăng nhập"},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.vars["EOFFICE_KAFKA_BROKERS"] = "127.0.0.1:1"
		code, _, stderr := e.run("", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d with %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
	e := newEnv(t)
	e.vars["EOFFICE_KAFKA_SASL_MECHANISM"] = "SCRAM-SHA-512"
	if code, _, stderr := e.run("", "events", "dlq", "list"); code != 2 || !strings.Contains(stderr, "EOFFICE_KAFKA_SASL_USERNAME") {
		t.Errorf("half a SASL configuration: exit %d, %s", code, stderr)
	}
}
