package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestBrowserRouting plays routing.mjs in headless Chromium: an incoming
// paper document goes clerk → Chánh Văn phòng → Chủ tịch → Phó Chủ tịch →
// STTTT (lead) and SNV (for information) → STTTT's division → a
// specialist, who returns it with a reason and gets it again; SNV reads
// it from its box; the timeline shows every step. The specialist then
// reports on the direction's task (through the API: the task pages have
// their own story).
func TestBrowserRouting(t *testing.T) {
	dir := browserTestDir()
	node, chromium := needBrowser(t, dir)
	shots := screenshotDir(t)
	t.Logf("screenshots: %s", shots)

	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: o.units["STTTT"].ID}, &div)
	ids := map[string]string{"STTTT": o.units["STTTT"].ID, "SNV": o.units["SNV"].ID, "BCVT": div.ID}
	for _, p := range []struct{ username, name, unit, role string }{
		{"vp.chanh", "Ngô Văn Chánh", o.units["VPUBND"].ID, "leader"},
		{"ubnd.pct", "Lương Văn Phó", o.units["UBND"].ID, "leader"},
		{"bcvt.lanhdao", "Trịnh Thị Trưởng", div.ID, "leader"},
		{"bcvt.cv", "Đinh Văn Viên", div.ID, "specialist"},
	} {
		var u identityapi.User
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
			Username: p.username, FullName: p.name, Email: p.username + "@khanhhoa.gov.vn",
			UnitID: p.unit, Roles: []string{p.role}, Password: password}, &u)
		ids[p.username] = u.ID
		tok[p.username] = login(t, s.identity, p.username, password)
	}
	for _, who := range []string{"ubnd.lanhdao"} {
		var me identityapi.User
		must(t, http.StatusOK, "GET", s.identity+"/v1/me", tok[who], nil, &me)
		ids[who] = me.ID
	}
	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents/incoming", tok["ubnd.vanthu"], documentsapi.NewIncoming{
		Sender: documentsapi.Sender{Name: "Bộ Thông tin và Truyền thông"}, OriginalNotation: "310/BTTTT-CĐSQG", OriginalDate: "2026-01-05",
		Kind: "official_letter", Summary: "Về việc triển khai nền tảng số", Urgency: "urgent",
	}, &d)
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "routing.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"STORY_BASE_URL="+s.web, "STORY_PASSWORD="+password, "STORY_RECIPIENT_UNIT="+o.units["STTTT"].ID,
		"STORY_SCREENSHOTS="+shots, "CHROMIUM_PATH="+chromium, "FORCE_COLOR=0",
		"ROUTING_DOCUMENT="+d.ID, "ROUTING_IDS="+string(idsJSON),
	)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser routing failed (%v); screenshots in %s:\n%s", err, shots, out)
	}
	t.Logf("browser routing:\n%s", out)

	// The specialist reported (through the task page) on the task the
	// routing gave them: the bút phê's task of STTTT, delegated to the
	// division by the first assign and to them by the second, cancelled by
	// their return and theirs again when assigned again; nobody called
	// delegate.
	var got client.Page[tasksapi.Task]
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d.ID, tok["bcvt.cv"], nil, &got)
	var mine tasksapi.Task
	for _, x := range got.Items {
		if x.AssigneeUserID == ids["bcvt.cv"] {
			mine = x
		}
	}
	if mine.Status != "awaiting_review" || mine.AssigneeUnitID != div.ID || mine.ParentTaskID == "" {
		t.Fatalf("the specialist's task: %+v (of %d)", mine, len(got.Items))
	}
	var division tasksapi.TaskDetail
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+mine.ParentTaskID, tok["bcvt.lanhdao"], nil, &division)
	if division.AssigneeUnitID != div.ID || division.AssigneeUserID != "" || division.ParentTaskID == "" {
		t.Fatalf("the division's task: %+v", division.Task)
	}
	var stttt tasksapi.TaskDetail
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+division.ParentTaskID, tok["stttt.lanhdao"], nil, &stttt)
	if stttt.AssigneeUnitID != ids["STTTT"] || stttt.ParentTaskID != "" {
		t.Fatalf("STTTT's task: %+v", stttt.Task)
	}
}
