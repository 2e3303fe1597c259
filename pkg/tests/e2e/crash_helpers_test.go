package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// proc is a process of the stack.
type proc struct {
	pid  int
	comm string
}

// descendants lists the processes under pid, read from /proc.
func descendants(pid int) []proc {
	children := map[int][]proc{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// "pid (comm) state ppid …": comm may hold spaces, so cut at ')'.
		open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || end < open {
			continue
		}
		fields := strings.Fields(string(b[end+1:]))
		if len(fields) < 2 || fields[0] == "Z" {
			continue
		}
		p, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
		pp, _ := strconv.Atoi(fields[1])
		children[pp] = append(children[pp], proc{p, string(b[open+1 : end])})
	}
	var out []proc
	var walk func(int)
	walk = func(p int) {
		for _, c := range children[p] {
			out = append(out, c)
			walk(c.pid)
		}
	}
	walk(pid)
	return out
}

func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	end := bytes.LastIndexByte(b, ')')
	return end < 0 || !strings.HasPrefix(strings.TrimSpace(string(b[end+1:])), "Z")
}

// killStack SIGKILLs the launcher, as a power cut of the process would;
// its children die with it (Pdeathsig). It returns once none is left.
func killStack(t *testing.T, s *stack) {
	t.Helper()
	kids := descendants(s.pid)
	if err := syscall.Kill(s.pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	eventually(t, 20*time.Second, "the stack's processes gone", func() bool {
		for _, k := range kids {
			if alive(k.pid) {
				return false
			}
		}
		return !alive(s.pid)
	})
	s.stop() // reaps the launcher
}

// killPart SIGKILLs the stack's child whose command name is comm; the
// launcher starts it again. It returns the killed pid.
func killPart(t *testing.T, s *stack, comm string) int {
	t.Helper()
	for _, p := range descendants(s.pid) {
		if p.comm == comm {
			if err := syscall.Kill(p.pid, syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			return p.pid
		}
	}
	t.Fatalf("no %s process under the stack (%v)", comm, descendants(s.pid))
	return 0
}

// fanoutState is what a plan's fan-out has stored so far, counted through
// the API: tasks of the plan in each unit's inbox, task.assigned
// notifications of each unit's leader, and any of either stored twice.
type fanoutState struct {
	tasks, notifications int
	doubled              []string
}

func (f fanoutState) String() string {
	return fmt.Sprintf("%d tasks, %d notifications, doubled %v", f.tasks, f.notifications, f.doubled)
}

func fanoutProgress(t *testing.T, s *stack, planID string, leaders map[string]string) fanoutState {
	t.Helper()
	for {
		if st, ok := tryProgress(s, planID, leaders); ok {
			return st
		}
		time.Sleep(100 * time.Millisecond) // a part is restarting
	}
}

func tryProgress(s *stack, planID string, leaders map[string]string) (fanoutState, bool) {
	var st fanoutState
	for unitLeader, tok := range leaders {
		tasks, ok := pages[tasksapi.Task](s.tasks+"/v1/tasks?box=inbox&source_document_id="+planID, tok)
		if !ok {
			return st, false
		}
		notes, ok := pages[notificationsapi.Notification](s.notifications+"/v1/notifications", tok)
		if !ok {
			return st, false
		}
		items, ids := map[string]int{}, map[string]bool{}
		for _, tk := range tasks {
			items[tk.PlanItemID+"/"+tk.AssigneeUnitID]++
			ids[tk.ID] = true
			st.tasks++
		}
		// Only the notifications of this plan's tasks ("/tasks/<id>").
		links := map[string]int{}
		for _, n := range notes {
			if n.Type == "task.assigned" && ids[path.Base(n.Link)] {
				links[n.Link]++
				st.notifications++
			}
		}
		for k, n := range items {
			if n > 1 {
				st.doubled = append(st.doubled, fmt.Sprintf("%s task %s ×%d", unitLeader, k, n))
			}
		}
		for k, n := range links {
			if n > 1 {
				st.doubled = append(st.doubled, fmt.Sprintf("%s notification %s ×%d", unitLeader, k, n))
			}
		}
	}
	return st, true
}

// pages reads every page of a list; ok is false while the service does
// not answer (it may be restarting after a kill).
func pages[T any](u, tok string) (all []T, ok bool) {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	cursor := ""
	for {
		target := u + sep + "limit=500"
		if cursor != "" {
			target += "&cursor=" + cursor
		}
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := httpClient.Do(req)
		if err != nil {
			return nil, false
		}
		var page client.Page[T]
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			return nil, false
		}
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			return all, true
		}
		cursor = page.NextCursor
	}
}

// crashPlan drafts and approves a plan of the UBND with n items, each led
// by STTTT with SNV cooperating (2n tasks, 2n leader notifications), and
// returns its id for the caller to issue.
func crashPlan(t *testing.T, s *stack, o org, n int) string {
	t.Helper()
	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	items := make([]documentsapi.Item, n)
	for i := range items {
		items[i] = documentsapi.Item{Title: fmt.Sprintf("Nhiệm vụ %d", i+1), LeadUnitID: o.units["STTTT"].ID,
			CooperatingUnitIDs: []string{o.units["SNV"].ID}, DueDate: due}
	}
	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", o.users["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "plan",
		Summary: "Kế hoạch thử sự cố", Recipients: []string{o.units["STTTT"].ID, o.units["SNV"].ID}, Items: items}, &d)
	u := s.documents + "/v1/documents/" + d.ID
	must(t, http.StatusOK, "POST", u+"/submit", o.users["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", u+"/approve", o.users["ubnd.lanhdao"], nil, nil)
	return d.ID
}

func issueDoc(t *testing.T, s *stack, o org, id string) {
	t.Helper()
	must(t, http.StatusOK, "POST", s.documents+"/v1/documents/"+id+"/issue", o.users["ubnd.vanthu"], nil, nil)
}

// crashItems is the plan size: small in CI, EOFFICE_CRASH_ITEMS for the
// longer scripts/crash-test.sh run.
func crashItems(ci int) int {
	if v, err := strconv.Atoi(os.Getenv("EOFFICE_CRASH_ITEMS")); err == nil && v > 0 {
		return v
	}
	return ci
}

// crashRounds is how many times the whole stack is killed during one
// fan-out: two in CI, EOFFICE_CRASH_ROUNDS for the script.
func crashRounds() int {
	if v, err := strconv.Atoi(os.Getenv("EOFFICE_CRASH_ROUNDS")); err == nil && v > 0 {
		return v
	}
	return 2
}
