package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// TestDeadLetterReplay: a task assigned to a unit the notifications
// directory does not know is retried, then dead-lettered; `eoffice events
// dlq list` shows it and eoffice_dlq_messages counts it. The cause is then
// fixed (the unit and its leader reach the directory, as when identity's
// events come late) and an administrator replays it: it is handled once,
// a second replay (--force) is a duplicate by ce_id, the DLQ size is back
// to zero and the audit record names who replayed it.
func TestDeadLetterReplay(t *testing.T) {
	s := startStack(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	w := &kafka.Writer{Addr: kafka.TCP(s.kafka), RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond, Balancer: &kafka.Hash{}}
	defer w.Close()
	unit := "unit-known-later-" + strconv.FormatInt(time.Now().UnixNano(), 36)

	poison, err := envelope.New(ctx, events.Source("tasks"), events.TaskAssigned, "task-for-"+unit, &eventsv1.TaskAssigned{
		TaskId: "task-for-" + unit, AssigneeUnitId: unit, Title: "Nhiệm vụ giao trước khi có đơn vị", Role: "lead"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteMessages(ctx, poison.Message(events.TopicTasks)); err != nil {
		t.Fatal(err)
	}

	eoffice := cliRunner(t, s)
	eoffice.login(t)
	dlqTopic := events.TopicTasks + events.DLQSuffix
	var ref string
	eventually(t, 60*time.Second, "the task dead-lettered and listed", func() bool {
		var got []struct {
			Ref, Reason, Group string
			ID                 string `json:"ce_id"`
		}
		eoffice.json(t, &got, "events", "dlq", "list", "--topic", "tasks", "--type", events.TaskAssigned)
		for _, d := range got {
			if d.ID == poison.ID && d.Reason == messaging.ReasonMaxAttempts && d.Group == "notifications-tasks" {
				ref = d.Ref
				return true
			}
		}
		return false
	})
	// People read the same list in Vietnamese, filtered by reason.
	if out := eoffice.ok(t, "events", "dlq", "list", "--reason", "max_attempts"); !strings.Contains(out, ref) || !strings.Contains(out, "thử lại nhiều lần vẫn lỗi") {
		t.Fatalf("dlq list:\n%s", out)
	}
	if out := eoffice.ok(t, "events", "dlq", "show", ref); !strings.Contains(out, "ce_id: "+poison.ID) || !strings.Contains(out, `"assigneeUnitId": "`+unit+`"`) && !strings.Contains(out, unit) {
		t.Fatalf("dlq show:\n%s", out)
	}
	if n := dlqSize(t, s.notifications, dlqTopic); n != 1 {
		t.Fatalf("eoffice_dlq_messages{topic=%q} = %v, want 1", dlqTopic, n)
	}
	handled := func(result string) float64 {
		return metricValue(t, s.notifications, "eoffice_consumer_handled_total",
			`group="notifications-tasks"`, `type="`+events.TaskAssigned+`"`, `result="`+result+`"`)
	}
	okBefore := handled(messaging.ResultOK)

	// A user without the administrator role may not replay.
	// (The seed's people are specialists and leaders.)
	admin := login(t, s.identity, "admin", s.adminPassword)
	seed(t, s, admin)
	clerk := cliRunner(t, s)
	clerk.loginAs(t, "stttt.chuyenvien", password)
	if code, out := clerk.run(t, "events", "dlq", "replay", ref); code == 0 || !strings.Contains(out, "quản trị") {
		t.Fatalf("a specialist replayed (exit %d): %s", code, out)
	}

	// The fix: the unit and its leader reach the directory.
	unitEv, err := envelope.New(ctx, events.Source("identity"), events.UnitCreated, unit, &eventsv1.UnitCreated{
		UnitId: unit, Kind: "agency", Name: "Sở Thử nghiệm", ShortName: "STN", Active: true, AgencyId: unit})
	if err != nil {
		t.Fatal(err)
	}
	leaderEv, err := envelope.New(ctx, events.Source("identity"), events.UserCreated, "leader-of-"+unit, &eventsv1.UserCreated{
		UserId: "leader-of-" + unit, Username: "stn.lanhdao", FullName: "Lãnh đạo Sở Thử nghiệm", Email: "stn.lanhdao@example.gov.vn",
		UnitId: unit, AgencyId: unit, Roles: []string{"leader"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteMessages(ctx, unitEv.Message(events.TopicIdentity), leaderEv.Message(events.TopicIdentity)); err != nil {
		t.Fatal(err)
	}

	out := eoffice.ok(t, "events", "dlq", "replay", ref)
	if !strings.Contains(out, poison.ID) || !strings.Contains(out, "admin") {
		t.Fatalf("dlq replay: %s", out)
	}
	eventually(t, 60*time.Second, "the replayed task handled", func() bool { return handled(messaging.ResultOK) == okBefore+1 })

	// Once replayed, a second replay needs --force, and changes nothing:
	// the inbox knows the ce_id.
	if code, out := eoffice.run(t, "events", "dlq", "replay", ref); code == 0 || !strings.Contains(out, "--force") {
		t.Fatalf("second replay without --force (exit %d): %s", code, out)
	}
	dupBefore := handled(messaging.ResultDuplicate)
	eoffice.ok(t, "events", "dlq", "replay", ref, "--force")
	eventually(t, 60*time.Second, "the second replay seen as a duplicate", func() bool { return handled(messaging.ResultDuplicate) == dupBefore+1 })
	if got := handled(messaging.ResultOK); got != okBefore+1 {
		t.Errorf("handled ok %v times after two replays, want %v", got, okBefore+1)
	}

	if n := dlqSize(t, s.notifications, dlqTopic); n != 0 {
		t.Errorf("eoffice_dlq_messages{topic=%q} = %v after the replay, want 0", dlqTopic, n)
	}
	if out := eoffice.ok(t, "events", "dlq", "list", "--topic", "tasks"); strings.Contains(out, ref) {
		t.Errorf("a replayed dead letter still listed:\n%s", out)
	}
	var all []struct {
		Ref     string
		Handled *messaging.AuditRecord
	}
	eoffice.json(t, &all, "events", "dlq", "list", "--topic", "tasks", "--all")
	found := false
	for _, d := range all {
		if d.Ref == ref {
			found = true
			if d.Handled == nil || d.Handled.Action != messaging.ActionReplayed || d.Handled.By != "admin" || d.Handled.ID != poison.ID {
				t.Errorf("audit of %s: %+v", ref, d.Handled)
			}
		}
	}
	if !found {
		t.Errorf("%s missing from dlq list --all", ref)
	}
}

// cli runs the eoffice binary against a stack with its own session.
type cli struct {
	bin string
	env []string
	s   *stack
}

func cliRunner(t *testing.T, s *stack) *cli {
	return &cli{bin: filepath.Join(binaries(t), "eoffice"), s: s, env: append(os.Environ(),
		"EOFFICE_IDENTITY_URL="+s.identity, "EOFFICE_DOCUMENTS_URL="+s.documents,
		"EOFFICE_TASKS_URL="+s.tasks, "EOFFICE_NOTIFICATIONS_URL="+s.notifications,
		"EOFFICE_KAFKA_BROKERS="+s.kafka, "EOFFICE_LANG=",
		"EOFFICE_CREDENTIALS="+filepath.Join(t.TempDir(), "credentials.json"))}
}

func (c *cli) login(t *testing.T) { c.loginAs(t, "admin", c.s.adminPassword) }

func (c *cli) loginAs(t *testing.T, user, password string) {
	t.Helper()
	cmd := exec.Command(c.bin, "login", "--username", user, "--password-stdin")
	cmd.Env, cmd.Stdin = c.env, strings.NewReader(password+"\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("eoffice login %s: %v\n%s", user, err, out)
	}
}

// run returns the exit status and what was printed.
func (c *cli) run(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(c.bin, args...)
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String()
}

func (c *cli) ok(t *testing.T, args ...string) string {
	t.Helper()
	code, out := c.run(t, args...)
	if code != 0 {
		t.Fatalf("eoffice %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func (c *cli) json(t *testing.T, v any, args ...string) {
	t.Helper()
	out := c.ok(t, append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("eoffice %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// dlqSize is eoffice_dlq_messages of topic on a service's /metrics.
func dlqSize(t *testing.T, base, topic string) float64 {
	return metricValue(t, base, "eoffice_dlq_messages", `topic="`+topic+`"`)
}

// metricValue is the value of the series of name whose labels include
// every one of labels; 0 when there is none.
func metricValue(t *testing.T, base, name string, labels ...string) float64 {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		match := true
		for _, l := range labels {
			match = match && strings.Contains(line, l)
		}
		if !match {
			continue
		}
		v, err := strconv.ParseFloat(line[strings.LastIndex(line, " ")+1:], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", line, err)
		}
		return v
	}
	return 0
}
