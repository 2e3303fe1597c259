package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestReplicas runs two processes of every service against the embedded
// broker and one PostgreSQL database per service, and checks that they
// behave like one: every consumer group's partitions are split between the
// two, each request may land on either, and a directive to three units
// makes each task, notification and event exactly once — the outbox relays
// of both replicas never send a row twice, and deadline reminders from
// several schedulers at once go out once per task.
func TestReplicas(t *testing.T) {
	dir := t.TempDir()
	postgresEnv(t, dir) // skips without a PostgreSQL server
	s := startStackIn(t, dir)
	second := map[string]*replica{}
	for _, svc := range services {
		second[svc] = startReplica(t, s, svc, 2)
	}
	// The two processes of each service, in turn: call i goes to pick(svc, i).
	pick := func(svc string, i int) string {
		if i%2 == 1 {
			return second[svc].url
		}
		return map[string]string{"identity": s.identity, "documents": s.documents, "tasks": s.tasks, "notifications": s.notifications,
			"exchange": s.exchange}[svc]
	}

	checkGroupsShared(t, s.kafka)

	// Units, people and tokens through the second identity: its tokens must
	// verify at every service, whichever process answers.
	viaSecond := *s
	viaSecond.identity = second["identity"].url
	admin := login(t, viaSecond.identity, "admin", s.adminPassword)
	o := seed(t, &viaSecond, admin)
	tok := o.users

	// Due tomorrow in Vietnam: inside the due-soon window, so the deadline
	// schedulers have reminders to send.
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(hcm)
	due := today.AddDate(0, 0, 1).Format("2006-01-02")
	// Reminders go out on working days only (the agencies' reminder rules):
	// on a Saturday or Sunday none is due yet.
	recipients := []string{"STTTT", "SNV", "SYT"}
	const directives = 4
	wantDueSoon := 0
	if wd := today.Weekday(); wd != time.Saturday && wd != time.Sunday {
		wantDueSoon = directives * len(recipients)
	}
	var docs []string
	step := 0
	next := func() int { step++; return step }
	for i := range directives {
		var doc documentsapi.Document
		ids := []string{}
		for _, r := range recipients {
			ids = append(ids, o.units[r].ID)
		}
		must(t, http.StatusCreated, "POST", pick("documents", next())+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{
			Kind: "directive", Summary: fmt.Sprintf("Chỉ thị số %d về cải cách hành chính", i+1), Body: "…",
			Recipients: ids, DueDate: due,
		}, &doc)
		path := "/v1/documents/" + doc.ID
		must(t, http.StatusOK, "POST", pick("documents", next())+path+"/submit", tok["ubnd.chuyenvien"], nil, nil)
		must(t, http.StatusOK, "POST", pick("documents", next())+path+"/approve", tok["ubnd.lanhdao"], map[string]any{}, nil)
		must(t, http.StatusOK, "POST", pick("documents", next())+path+"/issue", tok["ubnd.vanthu"], nil, &doc)
		if want := fmt.Sprintf("%02d/CT-UBND", i+1); doc.Notation != want {
			t.Fatalf("directive %d numbered %q, want %q: the two processes share one register", i+1, doc.Notation, want)
		}
		docs = append(docs, doc.ID)
	}

	// Each unit gets one task per directive and its leader one
	// notification per task, whichever process is asked.
	taskIDs := map[string]bool{}
	for _, r := range recipients {
		leader := strings.ToLower(r) + ".lanhdao"
		var inbox client.Page[tasksapi.Task]
		eventually(t, 30*time.Second, r+" has a task per directive", func() bool {
			must(t, http.StatusOK, "GET", pick("tasks", next())+"/v1/tasks?box=inbox&limit=500", tok[leader], nil, &inbox)
			return len(inbox.Items) >= directives
		})
		var notes client.Page[notificationsapi.Notification]
		eventually(t, 30*time.Second, leader+" notified of every task", func() bool {
			must(t, http.StatusOK, "GET", pick("notifications", next())+"/v1/notifications?limit=500", tok[leader], nil, &notes)
			return countType(notes.Items, "task.assigned") >= directives
		})
		for _, tk := range inbox.Items {
			taskIDs[tk.ID] = true
		}
	}
	wantTasks := directives * len(recipients)
	if len(taskIDs) != wantTasks {
		t.Fatalf("%d distinct tasks, want %d", len(taskIDs), wantTasks)
	}

	// Two more tasks processes start together: each scheduler's first pass
	// runs at once, racing the others for the same reminders.
	late := []*replica{launchReplica(t, s, "tasks", 3), launchReplica(t, s, "tasks", 4)}
	for _, r := range late {
		r.waitReady(t)
	}
	eventually(t, 30*time.Second, "a due-soon reminder for every task", func() bool {
		if len(bySubject(topicEvents(t, s.kafka, events.TopicTasks), events.TaskDueSoon)) >= wantDueSoon {
			return true
		}
		time.Sleep(200 * time.Millisecond) // reading every partition is not free
		return false
	})
	// Give a duplicate time to show before counting.
	time.Sleep(2 * time.Second)

	for _, r := range recipients {
		leader := strings.ToLower(r) + ".lanhdao"
		for i := range 2 { // ask both processes
			var inbox client.Page[tasksapi.Task]
			must(t, http.StatusOK, "GET", pick("tasks", i)+"/v1/tasks?box=inbox&limit=500", tok[leader], nil, &inbox)
			perDoc := map[string]int{}
			for _, tk := range inbox.Items {
				perDoc[tk.SourceDocumentID]++
			}
			for _, d := range docs {
				if perDoc[d] != 1 {
					t.Errorf("%s has %d tasks for document %s, want 1", r, perDoc[d], d)
				}
			}
			var notes client.Page[notificationsapi.Notification]
			must(t, http.StatusOK, "GET", pick("notifications", i)+"/v1/notifications?limit=500", tok[leader], nil, &notes)
			seen := map[string]int{}
			for _, n := range notes.Items {
				seen[n.Type+" "+n.Link]++
			}
			for k, c := range seen {
				if c != 1 {
					t.Errorf("%s: notification %q %d times", leader, k, c)
				}
			}
			if got := countType(notes.Items, "task.assigned"); got != directives {
				t.Errorf("%s: %d task.assigned notifications, want %d", leader, got, directives)
			}
		}
	}

	// On the wire: every event once (by ce_id), one task.assigned and one
	// task.due_soon per task, one document.issued per directive.
	all := map[string][]envelope.Event{}
	for _, topic := range []string{events.TopicIdentity, events.TopicDocuments, events.TopicTasks, events.TopicNotifications} {
		evs := topicEvents(t, s.kafka, topic)
		all[topic] = evs
		ids := map[string]int{}
		for _, ev := range evs {
			ids[ev.ID]++
			if ids[ev.ID] == 2 {
				t.Errorf("%s: event %s (%s of %s) published twice", topic, ev.ID, ev.Type, ev.Subject)
			}
		}
	}
	for _, c := range []struct {
		topic, short string
		want         int
	}{
		{events.TopicTasks, events.TaskAssigned, wantTasks},
		{events.TopicTasks, events.TaskDueSoon, wantDueSoon},
		{events.TopicDocuments, events.DocumentIssued, directives},
	} {
		per := bySubject(all[c.topic], c.short)
		if len(per) != c.want {
			t.Errorf("%s for %d aggregates, want %d", c.short, len(per), c.want)
		}
		for subject, n := range per {
			if n != 1 {
				t.Errorf("%s of %s sent %d times", c.short, subject, n)
			}
		}
	}
	for id := range taskIDs {
		if _, ok := bySubject(all[events.TopicTasks], events.TaskAssigned)[id]; !ok {
			t.Errorf("task %s has no task.assigned event", id)
		}
	}
}

// checkGroupsShared waits until every consumer group of the services has
// two members, each with a share of the partitions and no partition held
// twice.
func checkGroupsShared(t *testing.T, broker string) {
	t.Helper()
	var groups map[string]map[string][]string
	var why string
	shared := func() bool {
		groups = groupMembers(t, broker)
		why = ""
		active := 0
		for g, members := range groups {
			if len(members) == 0 {
				continue // a group of an earlier, finished reader
			}
			active++
			if len(members) != 2 {
				why = fmt.Sprintf("group %s has %d members", g, len(members))
				return false
			}
			var all []string
			for m, parts := range members {
				if len(parts) == 0 {
					why = fmt.Sprintf("group %s: member %s has no partition", g, m)
					return false
				}
				all = append(all, parts...)
			}
			slices.Sort(all)
			if len(slices.Compact(slices.Clone(all))) != len(all) {
				why = fmt.Sprintf("group %s: a partition held twice: %v", g, members)
				return false
			}
		}
		// documents, tasks and notifications consume; identity does not.
		if active < 3 {
			why = fmt.Sprintf("%d active groups", active)
			return false
		}
		return true
	}
	deadline := time.Now().Add(time.Minute)
	for !shared() {
		if time.Now().After(deadline) {
			t.Fatalf("consumer groups not split between two replicas within a minute: %s", why)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for g, members := range groups {
		var shares []string
		for _, parts := range members {
			shares = append(shares, fmt.Sprint(len(parts)))
		}
		t.Logf("group %s: %d members, partitions %s", g, len(members), strings.Join(shares, "+"))
	}
}

// bySubject counts events of a short type per subject (aggregate id).
func bySubject(evs []envelope.Event, short string) map[string]int {
	out := map[string]int{}
	for _, ev := range evs {
		if s, _ := ev.Short(); s == short {
			out[ev.Subject]++
		}
	}
	return out
}

func countType(ns []notificationsapi.Notification, typ string) int {
	n := 0
	for _, x := range ns {
		if x.Type == typ {
			n++
		}
	}
	return n
}
