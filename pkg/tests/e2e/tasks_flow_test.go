package e2e

import (
	"net/http"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestTaskLifecycleFlow drives the tasks issue through the running stack:
// a directive's task accepted, delegated, reported on and completed; a
// reply closing another recipient's task; a plan's item tasks with their
// progress and an extension; the scoreboard; and the revocation that
// cancels what is still open. It runs on both shapes of the one-machine
// stack: a process per part, and every part in one process
// (EOFFICE_STACK_PROCESSES=one), which must behave the same.
func TestTaskLifecycleFlow(t *testing.T) {
	for _, processes := range []string{"many", "one"} {
		t.Run(processes, func(t *testing.T) { taskLifecycleFlow(t, processes) })
	}
}

func taskLifecycleFlow(t *testing.T, processes string) {
	s := startStack(t, "EOFFICE_STACK_PROCESSES="+processes)
	parts := descendants(s.pid)
	if processes == "one" && (len(parts) != 1 || parts[0].comm != "eoffice-one") {
		t.Fatalf("one process wanted: the launcher has %v under it", parts)
	} else if processes == "many" && len(parts) < 8 {
		t.Fatalf("a process per part wanted: %v", parts)
	}
	// One process runs twice as many Ps as CPUs (eoffice-one's psPerCPU).
	ps := runtime.GOMAXPROCS(0)
	if processes == "one" && os.Getenv("GOMAXPROCS") == "" {
		ps *= 2
	}
	if got := metricValue(t, s.tasks, "go_sched_gomaxprocs_threads"); got != float64(ps) {
		t.Fatalf("tasks runs with GOMAXPROCS %v, want %d", got, ps)
	}
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: o.units["STTTT"].ID}, &div)
	for _, p := range []struct{ username, unit, role string }{
		{"stttt.vanthu", "STTTT", "clerk"}, {"snv.vanthu", "SNV", "clerk"}, {"snv.chuyenvien", "SNV", "specialist"},
		{"syt.chuyenvien", "SYT", "specialist"}, {"bcvt.chuyenvien", "BCVT", "specialist"},
	} {
		unitID := div.ID
		if p.unit != "BCVT" {
			unitID = o.units[p.unit].ID
		}
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
			Username: p.username, FullName: "Người dùng " + p.username, Email: p.username + "@khanhhoa.gov.vn",
			UnitID: unitID, Roles: []string{p.role}, Password: password}, nil)
		tok[p.username] = login(t, s.identity, p.username, password)
	}
	issue := func(drafter, leader, clerk string, body documentsapi.NewDocument) documentsapi.Document {
		t.Helper()
		var d documentsapi.Document
		must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok[drafter], body, &d)
		u := s.documents + "/v1/documents/" + d.ID
		must(t, http.StatusOK, "POST", u+"/submit", tok[drafter], nil, nil)
		must(t, http.StatusOK, "POST", u+"/approve", tok[leader], nil, nil)
		must(t, http.StatusOK, "POST", u+"/issue", tok[clerk], nil, &d)
		return d
	}
	inboxTask := func(who, docID string) tasksapi.Task {
		t.Helper()
		var got client.Page[tasksapi.Task]
		var tk tasksapi.Task
		eventually(t, 20*time.Second, who+" gets a task for "+docID, func() bool {
			must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+docID, tok[who], nil, &got)
			for _, it := range got.Items {
				if it.ParentTaskID == "" {
					tk = it
					return true
				}
			}
			return false
		})
		return tk
	}
	taskURL := func(id string) string { return s.tasks + "/v1/tasks/" + id }

	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	dir := issue("ubnd.chuyenvien", "ubnd.lanhdao", "ubnd.vanthu", documentsapi.NewDocument{Kind: "directive",
		Summary: "Về việc nâng cao Chỉ số PAPI", Body: "…", Recipients: []string{o.units["STTTT"].ID, o.units["SNV"].ID}, DueDate: due})

	// STTTT accepts, delegates to its division, reports, and the UBND accepts.
	st := inboxTask("stttt.lanhdao", dir.ID)
	must(t, http.StatusOK, "POST", taskURL(st.ID)+"/accept", tok["stttt.chuyenvien"], nil, nil)
	expectProblem(t, http.StatusConflict, "POST", taskURL(st.ID)+"/accept", tok["stttt.lanhdao"], nil)
	expectProblem(t, http.StatusForbidden, "POST", taskURL(st.ID)+"/accept", tok["ubnd.lanhdao"], nil)
	expectProblem(t, http.StatusNotFound, "POST", taskURL(st.ID)+"/accept", tok["syt.lanhdao"], nil)
	expectProblem(t, http.StatusBadRequest, "POST", taskURL(st.ID)+"/delegate", tok["stttt.lanhdao"],
		tasksapi.Delegation{AssigneeUnitID: o.units["SNV"].ID, DueDate: due})
	var child tasksapi.Task
	must(t, http.StatusCreated, "POST", taskURL(st.ID)+"/delegate", tok["stttt.lanhdao"],
		tasksapi.Delegation{AssigneeUnitID: div.ID, DueDate: due, Note: "Phòng BCVT tham mưu"}, &child)
	if child.ParentTaskID != st.ID || child.AssigneeUnitID != div.ID || child.AssignerUnitID != o.units["STTTT"].ID {
		t.Fatalf("child task %+v", child)
	}
	must(t, http.StatusOK, "POST", taskURL(child.ID)+"/accept", tok["bcvt.chuyenvien"], nil, nil)
	expectProblem(t, http.StatusBadRequest, "POST", taskURL(st.ID)+"/reports", tok["stttt.chuyenvien"],
		map[string]any{"progress_percent": 120, "summary": "x", "final": false})
	must(t, http.StatusCreated, "POST", taskURL(st.ID)+"/reports", tok["stttt.chuyenvien"],
		tasksapi.NewReport{ProgressPercent: new(60), Summary: "Đã triển khai", Final: new(false)}, nil)
	var final tasksapi.Report
	must(t, http.StatusCreated, "POST", taskURL(st.ID)+"/reports", tok["stttt.chuyenvien"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Hoàn thành", Result: "Kết quả", Final: new(true)}, &final)
	var reviewed tasksapi.ReviewResult
	must(t, http.StatusOK, "POST", taskURL(st.ID)+"/reports/"+final.ID+"/review", tok["ubnd.lanhdao"],
		tasksapi.ReviewRequest{Decision: "accepted"}, &reviewed)
	if reviewed.Task.Status != "completed" || reviewed.Task.Class != "completed_on_time" || reviewed.Task.CompletedAt == nil {
		t.Fatalf("reviewed task %+v", reviewed.Task)
	}

	// SNV answers with a report document: its task gets a final report.
	sn := inboxTask("snv.lanhdao", dir.ID)
	reply := issue("snv.chuyenvien", "snv.lanhdao", "snv.vanthu", documentsapi.NewDocument{Kind: "report",
		Summary: "Báo cáo kết quả PAPI", Body: "…", Recipients: []string{o.units["UBND"].ID}, InReplyToDocumentID: dir.ID})
	var snd tasksapi.TaskDetail
	eventually(t, 20*time.Second, "the reply files a report", func() bool {
		must(t, http.StatusOK, "GET", taskURL(sn.ID), tok["snv.lanhdao"], nil, &snd)
		return snd.Status == "awaiting_review"
	})
	if len(snd.Reports) != 1 || !snd.Reports[0].Final || snd.Reports[0].ReplyDocumentID != reply.ID {
		t.Fatalf("reply report %+v", snd.Reports)
	}

	// A plan of STTTT: SNV leads, SYT cooperates; SYT asks for more time.
	plan := issue("stttt.chuyenvien", "stttt.lanhdao", "stttt.vanthu", documentsapi.NewDocument{Kind: "plan",
		Summary: "Kế hoạch PAPI", Recipients: []string{o.units["UBND"].ID}, ImplementsDocumentID: dir.ID,
		Items: []documentsapi.Item{{Title: "Tuyên truyền PAPI", LeadUnitID: o.units["SNV"].ID,
			CooperatingUnitIDs: []string{o.units["SYT"].ID}, DueDate: due}}})
	coop := inboxTask("syt.lanhdao", plan.ID)
	if coop.Role != "cooperate" || coop.PlanItemID == "" || coop.AssignerUnitID != o.units["STTTT"].ID {
		t.Fatalf("cooperate task %+v", coop)
	}
	var progress tasksapi.PlanProgress
	eventually(t, 20*time.Second, "plan progress", func() bool {
		code, _ := call(t, "GET", s.tasks+"/v1/plans/"+plan.ID+"/progress", tok["stttt.lanhdao"], nil, &progress)
		return code == http.StatusOK && progress.Totals.OpenWithinDeadline == 2
	})
	if len(progress.Items) != 1 || progress.Items[0].LeadUnitID != o.units["SNV"].ID || progress.Items[0].Status != "assigned" {
		t.Fatalf("progress %+v", progress)
	}
	expectProblem(t, http.StatusNotFound, "GET", s.tasks+"/v1/plans/"+plan.ID+"/progress", tok["snv.lanhdao"], nil)
	later := time.Now().AddDate(0, 2, 0).Format("2006-01-02")
	must(t, http.StatusCreated, "POST", taskURL(coop.ID)+"/extension", tok["syt.lanhdao"], tasksapi.ExtensionRequest{DueDate: later, Reason: "Chờ số liệu"}, nil)
	expectProblem(t, http.StatusForbidden, "POST", taskURL(coop.ID)+"/extension/decision", tok["syt.lanhdao"], tasksapi.ExtensionDecisionRequest{Approve: new(true)})
	var decided tasksapi.ExtensionDecision
	must(t, http.StatusOK, "POST", taskURL(coop.ID)+"/extension/decision", tok["stttt.lanhdao"], tasksapi.ExtensionDecisionRequest{Approve: new(true)}, &decided)
	if decided.Task.DueDate != later {
		t.Fatalf("extended task %+v", decided.Task)
	}

	// The scoreboard counts STTTT's on-time completion.
	var stats tasksapi.UnitStats
	must(t, http.StatusOK, "GET", s.tasks+"/v1/stats/units", tok["syt.lanhdao"], nil, &stats)
	found := false
	for _, it := range stats.Items {
		if it.UnitID == o.units["STTTT"].ID {
			found = it.CompletedOnTime == 1 && it.OnTimeRate != nil && *it.OnTimeRate == 1
		}
	}
	if !found {
		t.Fatalf("stats %+v", stats.Items)
	}

	// Revoking the directive cancels its open tasks, the child included;
	// the completed one stays completed.
	must(t, http.StatusOK, "POST", s.documents+"/v1/documents/"+dir.ID+"/revoke", tok["ubnd.lanhdao"], documentsapi.Reject{Reason: "Ban hành nhầm"}, nil)
	eventually(t, 20*time.Second, "open tasks cancelled", func() bool {
		var c, sd tasksapi.TaskDetail
		must(t, http.StatusOK, "GET", taskURL(child.ID), tok["stttt.lanhdao"], nil, &c)
		must(t, http.StatusOK, "GET", taskURL(sn.ID), tok["snv.lanhdao"], nil, &sd)
		return c.Status == "cancelled" && sd.Status == "cancelled"
	})
	var done tasksapi.TaskDetail
	must(t, http.StatusOK, "GET", taskURL(st.ID), tok["stttt.lanhdao"], nil, &done)
	if done.Status != "completed" {
		t.Fatalf("a completed task was touched by the revocation: %+v", done)
	}
}
