package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestDocumentFlow drives issue 4's document flow through the running
// stack: a flash directive found by an accent-blind search, registered and
// directed by the recipient, a plan implementing it whose item units become
// recipients, an attachment, the plan's consolidated report, and the
// directive's revocation.
func TestDocumentFlow(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	for _, p := range []struct{ username, unit, role string }{{"stttt.vanthu", "STTTT", "clerk"}} {
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
			Username: p.username, FullName: "Vũ Văn Phúc", Email: p.username + "@khanhhoa.gov.vn",
			UnitID: o.units[p.unit].ID, Roles: []string{p.role}, Password: password,
		}, nil)
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
	due := time.Now().AddDate(0, 2, 0).Format("2006-01-02")
	dir := issue("ubnd.chuyenvien", "ubnd.lanhdao", "ubnd.vanthu", documentsapi.NewDocument{Kind: "directive",
		Summary: "Về việc tiếp nhận, xử lý phản ánh, kiến nghị", Body: "Đẩy mạnh cải cách hành chính",
		Urgency: "flash", Recipients: []string{o.units["STTTT"].ID, o.units["SNV"].ID}, DueDate: due})
	dirURL := s.documents + "/v1/documents/" + dir.ID

	var found client.Page[documentsapi.Document]
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=incoming&q="+url.QueryEscape("phan anh"), tok["stttt.lanhdao"], nil, &found)
	if len(found.Items) != 1 || found.Items[0].ID != dir.ID {
		t.Fatalf("search: %+v", found.Items)
	}

	expectProblem(t, http.StatusConflict, "POST", dirURL+"/direct", tok["stttt.lanhdao"], documentsapi.Direct{LeadUnitID: o.units["STTTT"].ID})
	var d documentsapi.Document
	must(t, http.StatusOK, "POST", dirURL+"/register", tok["stttt.vanthu"], nil, &d)
	if d.Receipt == nil || d.Receipt.Status != "registered" || d.Receipt.IncomingNumber != 1 {
		t.Fatalf("registered: %+v", d.Receipt)
	}
	expectProblem(t, http.StatusConflict, "POST", dirURL+"/register", tok["stttt.vanthu"], nil)
	must(t, http.StatusOK, "POST", dirURL+"/direct", tok["stttt.lanhdao"], documentsapi.Direct{
		LeadUnitID: o.units["STTTT"].ID, Note: "Giao chuyên viên tham mưu"}, &d)
	if d.Receipt.Status != "directed" {
		t.Fatalf("directed: %+v", d.Receipt)
	}
	// The direction's task, once completed, makes the receipt done.
	var mine tasksapi.Task
	eventually(t, 20*time.Second, "the direction's task", func() bool {
		var inbox client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+dir.ID, tok["stttt.chuyenvien"], nil, &inbox)
		for _, tk := range inbox.Items {
			if tk.AssignerUnitID == o.units["STTTT"].ID {
				mine = tk
				return true
			}
		}
		return false
	})
	var report tasksapi.Report
	must(t, http.StatusCreated, "POST", s.tasks+"/v1/tasks/"+mine.ID+"/reports", tok["stttt.chuyenvien"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Đã hoàn thành", Final: new(true)}, &report)
	must(t, http.StatusOK, "POST", s.tasks+"/v1/tasks/"+mine.ID+"/reports/"+report.ID+"/review", tok["stttt.lanhdao"],
		tasksapi.ReviewRequest{Decision: "accepted"}, nil)
	eventually(t, 20*time.Second, "the receipt done", func() bool {
		must(t, http.StatusOK, "GET", dirURL, tok["stttt.lanhdao"], nil, &d)
		return d.Receipt.Status == "done"
	})

	plan := issue("stttt.chuyenvien", "stttt.lanhdao", "stttt.vanthu", documentsapi.NewDocument{Kind: "plan",
		Summary: "Kế hoạch thực hiện Chỉ thị", Recipients: []string{o.units["UBND"].ID}, ImplementsDocumentID: dir.ID,
		Items: []documentsapi.Item{{Title: "Tuyên truyền PAPI", LeadUnitID: o.units["SNV"].ID,
			CooperatingUnitIDs: []string{o.units["SYT"].ID}, DueDate: due, ReportCadence: "monthly"}}})
	if plan.Notation != "01/KH-STTTT" || len(plan.Items) != 1 || len(plan.Recipients) != 3 {
		t.Fatalf("plan: %+v", plan)
	}
	var sytIn client.Page[documentsapi.Document]
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=incoming", tok["syt.lanhdao"], nil, &sytIn)
	if len(sytIn.Items) != 1 || sytIn.Items[0].ID != plan.ID {
		t.Fatalf("a cooperating unit does not receive the plan: %+v", sytIn.Items)
	}

	// The monthly cadence asks both units for a report each month until
	// the due date; the consolidated report lists them per period.
	var pr tasksapi.PlanProgress
	eventually(t, 20*time.Second, "the plan's periodic report requests", func() bool {
		code, _ := call(t, "GET", s.tasks+"/v1/plans/"+plan.ID+"/progress", tok["stttt.lanhdao"], nil, &pr)
		return code == http.StatusOK && len(pr.Items) == 1 && len(pr.Items[0].Reports) >= 4
	})
	if r := pr.Items[0].Reports[0]; r.UnitID != o.units["SNV"].ID || r.Role != "lead" || r.State != "pending" || pr.OverdueReports != 0 {
		t.Fatalf("periodic reports: %+v", pr.Items[0].Reports)
	}
	// Documents lists them from its own read model (task.report_requested
	// events), which may lag: a draft made too early lacks some and is
	// left behind, as the demo does.
	var rep documentsapi.Document
	eventually(t, 20*time.Second, "the consolidated report's periodic reports", func() bool {
		must(t, http.StatusCreated, "POST", s.documents+"/v1/documents/"+plan.ID+"/consolidated-report", tok["stttt.chuyenvien"], nil, &rep)
		return rep.Body != nil && samePeriods(*rep.Body, pr.Items[0].Reports)
	})
	if !strings.Contains(*rep.Body, "Báo cáo định kỳ của các đơn vị:") ||
		!regexp.MustCompile(`- Tháng \d{1,2}/\d{4}, .+ \(chủ trì\): hạn \d\d/\d\d/\d{4}, chưa đến hạn\.`).MatchString(*rep.Body) {
		t.Fatalf("the consolidated report lacks the periodic reports:\n%v", *rep.Body)
	}
	if rep.Kind != "report" || rep.Status != "draft" || rep.InReplyToDocumentID != dir.ID || len(rep.Recipients) != 1 ||
		rep.Recipients[0] != o.units["UBND"].ID || rep.Body == nil || !strings.Contains(*rep.Body, "Tuyên truyền PAPI") {
		t.Fatalf("consolidated report: %+v", rep)
	}

	// An attachment on the report draft, downloaded by a reader.
	content := []byte("%PDF-1.4 báo cáo")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "Báo cáo.pdf")
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", s.documents+"/v1/documents/"+rep.ID+"/attachments", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok["stttt.chuyenvien"])
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", resp.StatusCode, raw)
	}
	var att documentsapi.Attachment
	if err := json.Unmarshal(raw, &att); err != nil {
		t.Fatal(err)
	}
	got := must(t, http.StatusOK, "GET", s.documents+"/v1/documents/"+rep.ID+"/attachments/"+att.ID, tok["stttt.lanhdao"], nil, nil)
	if !bytes.Equal(got, content) {
		t.Fatalf("download %q", got)
	}
	expectProblem(t, http.StatusNotFound, "GET", s.documents+"/v1/documents/"+rep.ID+"/attachments/"+att.ID, tok["snv.lanhdao"], nil)

	expectProblem(t, http.StatusForbidden, "POST", dirURL+"/revoke", tok["ubnd.chuyenvien"], documentsapi.Reject{Reason: "x"})
	must(t, http.StatusOK, "POST", dirURL+"/revoke", tok["ubnd.lanhdao"], documentsapi.Reject{Reason: "Ban hành nhầm"}, &d)
	if d.Status != "revoked" {
		t.Fatalf("revoked: %+v", d)
	}
}

var periodLine = regexp.MustCompile(`(?m)^- (Tháng|Quý|Tuần|Kỳ) .+: hạn \d\d/\d\d/\d{4}, .+\.$`)

// samePeriods tells whether a consolidated report's per-period lines are
// the tasks service's report requests, in its order: the period, the due
// date and the state in officials' words.
func samePeriods(body string, rs []tasksapi.UnitReport) bool {
	lines := periodLine.FindAllString(body, -1)
	if len(lines) != len(rs) {
		return false
	}
	for i, r := range rs {
		state := fmt.Sprintf(": hạn %s, %s", wording.DateISO(r.DueDate), strings.ToLower(wording.ReportState(r.State)))
		if !strings.HasPrefix(lines[i], "- "+wording.PeriodName(r.Period)+", ") || !strings.Contains(lines[i], state) {
			return false
		}
	}
	return true
}
