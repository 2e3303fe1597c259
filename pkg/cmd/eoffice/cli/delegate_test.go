package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// tasks delegate --user names a person of the target unit by username or
// id; a person the unit does not have is refused before anything is sent.
func TestTasksDelegateToANamedPerson(t *testing.T) {
	e := newEnv(t)
	e.login()
	for _, ref := range []string{"cv.ttbc", "p1"} {
		delete(e.fake.posted, "/v1/tasks/t1/delegate")
		code, out, stderr := e.run("", "tasks", "delegate", "t1", "--to", "STTTT/VP", "--user", ref, "--due", "2026-06-20")
		if code != 0 {
			t.Fatalf("--user %s: exit %d: %s", ref, code, stderr)
		}
		var sent map[string]string
		if err := json.Unmarshal(e.fake.posted["/v1/tasks/t1/delegate"], &sent); err != nil {
			t.Fatal(err)
		}
		if sent["assignee_unit_id"] != "u3" || sent["assignee_user_id"] != "p1" || sent["due_date"] != "2026-06-20" {
			t.Fatalf("--user %s: sent %v", ref, sent)
		}
		if !strings.Contains(out, "Tuyên truyền") {
			t.Fatalf("shown %q", out)
		}
	}
	delete(e.fake.posted, "/v1/tasks/t1/delegate")
	code, _, stderr := e.run("", "tasks", "delegate", "t1", "--to", "STTTT/VP", "--user", "nobody", "--due", "2026-06-20")
	if code != 1 || !strings.Contains(stderr, `--user: không có người dùng "nobody" trong đơn vị u3`) {
		t.Fatalf("unknown person: exit %d, stderr %q", code, stderr)
	}
	if _, sent := e.fake.posted["/v1/tasks/t1/delegate"]; sent {
		t.Fatal("a delegation to nobody was sent")
	}
}

// tasks delegate --working-days gives the deadline as n ngày làm việc; the
// service computes the date. --due and --working-days exclude each other.
func TestTasksDelegateInWorkingDays(t *testing.T) {
	e := newEnv(t)
	e.login()
	code, _, stderr := e.run("", "tasks", "delegate", "t1", "--to", "STTTT/VP", "--working-days", "10")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sent map[string]any
	if err := json.Unmarshal(e.fake.posted["/v1/tasks/t1/delegate"], &sent); err != nil {
		t.Fatal(err)
	}
	if sent["due_working_days"] != float64(10) || sent["due_date"] != nil {
		t.Fatalf("sent %v", sent)
	}
	delete(e.fake.posted, "/v1/tasks/t1/delegate")
	code, _, stderr = e.run("", "tasks", "delegate", "t1", "--to", "STTTT/VP", "--working-days", "10", "--due", "2026-06-20")
	if code != 2 || !strings.Contains(stderr, "--due") {
		t.Fatalf("both: exit %d, stderr %q", code, stderr)
	}
	if _, sent := e.fake.posted["/v1/tasks/t1/delegate"]; sent {
		t.Fatal("a delegation with both deadlines was sent")
	}
}
