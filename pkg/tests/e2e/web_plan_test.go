package e2e

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// upload posts the document page's attachment form: the CSRF token first,
// then the file.
func (u *webUser) upload(path, filename, content string) (int, string) {
	u.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf", u.csrf)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = io.WriteString(fw, content)
	_ = mw.Close()
	resp, err := u.hc.Post(u.base+path, mw.FormDataContentType(), &buf)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// TestWebPlanFlow: a department drafts in the console a plan implementing
// the directive it received, with a table of items; edits it; attaches a
// file and downloads it back; the plan goes through submit, approve and
// issue; once a lead unit's task is completed, the plan's progress page
// and the unit scoreboard show the counts of the running stack.
func TestWebPlanFlow(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{Username: "stttt.vanthu", FullName: "Bùi Văn Khoa",
		Email: "stttt.vanthu@khanhhoa.gov.vn", UnitID: o.units["STTTT"].ID, Roles: []string{"clerk"}, Password: password}, nil)
	tok := o.users
	now := time.Now()
	due := now.AddDate(0, 0, 20)

	// UBND issues a directive to STTTT.
	var directive documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{
		Kind: "directive", Summary: "Về việc nâng cao Chỉ số PAPI", Body: "…", Recipients: []string{o.units["STTTT"].ID},
	}, &directive)
	dURL := s.documents + "/v1/documents/" + directive.ID
	must(t, http.StatusOK, "POST", dURL+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", dURL+"/approve", tok["ubnd.lanhdao"], map[string]any{}, nil)
	must(t, http.StatusOK, "POST", dURL+"/issue", tok["ubnd.vanthu"], nil, &directive)

	cv := webLogin(t, s.web, "stttt.chuyenvien")
	_, form := cv.get("/plans/new")
	if !strings.Contains(form, `<option value="`+directive.ID+`">`+directive.Notation) {
		t.Fatalf("the plan editor does not offer the received directive %s:\n%s", directive.Notation, form)
	}
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form)[1]
	plan := url.Values{"key": {key}, "summary": {"Kế hoạch thực hiện Chỉ thị về PAPI"}, "urgency": {"normal"},
		"implements_document_id": {directive.ID}, "rows": {"2"}, "op": {"add"},
		"row-0-title": {"Tuyên truyền Chỉ số PAPI"}, "row-0-lead": {o.units["SNV"].ID}, "row-0-coop": {o.units["SYT"].ID},
		"row-0-due": {due.Format("02/01/2006")}, "row-0-cadence": {"monthly"},
		"row-1-title": {"Khảo sát"}, "row-1-lead": {o.units["SYT"].ID}, "row-1-due": {due.Format("02/01/2006")}}
	// "Thêm dòng" shows the form again with a third, empty row.
	status, _, body := cv.post("/plans", plan)
	if status != http.StatusOK || !strings.Contains(body, `name="rows" value="3"`) || !strings.Contains(body, `id="row-2-title"`) {
		t.Fatalf("add a row: %d %s", status, body)
	}
	plan.Set("op", "save")
	status, loc, body := cv.post("/plans", plan)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/documents/") {
		t.Fatalf("save the plan: %d %q %s", status, loc, body)
	}
	planPath := loc
	planID := strings.TrimPrefix(planPath, "/documents/")
	_, page := cv.get(planPath)
	for _, w := range []string{"Đã lưu dự thảo kế hoạch.", "Tuyên truyền Chỉ số PAPI", "SYT", due.Format("02/01/2006"), "Hằng tháng", "/plans/" + planID + "/edit"} {
		if !strings.Contains(page, w) {
			t.Fatalf("plan page lacks %q:\n%s", w, page)
		}
	}

	// Edit the draft: the editor shows the items; the second title changes.
	_, edit := cv.get("/plans/" + planID + "/edit")
	if !strings.Contains(edit, ">Khảo sát</textarea>") || !strings.Contains(edit, `value="`+due.Format("02/01/2006")+`"`) {
		t.Fatalf("edit form:\n%s", edit)
	}
	plan.Set("row-1-title", "Khảo sát sự hài lòng của người dân")
	status, loc, body = cv.post("/plans/"+planID, plan)
	if status != http.StatusSeeOther || loc != planPath {
		t.Fatalf("edit: %d %q %s", status, loc, body)
	}

	// Attach a file and download it back through the console.
	content := "Phụ lục: danh sách chỉ tiêu\n"
	if status, loc := cv.upload(planPath+"/attachments", "Phụ lục 1.txt", content); status != http.StatusSeeOther || loc != planPath {
		t.Fatalf("upload: %d %q", status, loc)
	}
	_, page = cv.get(planPath)
	m := regexp.MustCompile(`<a href="(` + regexp.QuoteMeta(planPath) + `/attachments/[^"]+)" download>Phụ lục 1.txt</a>`).FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "Đã tải lên tệp Phụ lục 1.txt.") || !strings.Contains(page, "Khảo sát sự hài lòng của người dân") {
		t.Fatalf("plan page after the upload:\n%s", page)
	}
	resp, err := cv.hc.Get(cv.base + m[1])
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(got) != content || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %v %q", resp.StatusCode, resp.Header, got)
	}

	// Submit, approve, issue on the document page.
	cv.act(planPath+"/submit", url.Values{}, planPath, "Đã trình ký.")
	ld := webLogin(t, s.web, "stttt.lanhdao")
	ld.act(planPath+"/approve", url.Values{"password": {password}}, planPath, "Đã ký văn bản.")
	vt := webLogin(t, s.web, "stttt.vanthu")
	page = vt.act(planPath+"/issue", url.Values{}, planPath, "Đã cấp số, phát hành văn bản.")
	if !strings.Contains(page, `href="/plans/`+planID+`/progress"`) {
		t.Fatalf("issued plan links no progress page:\n%s", page)
	}

	// SNV completes its lead task of the first item.
	var snvTasks client.Page[tasksapi.Task]
	eventually(t, 30*time.Second, "SNV's task of the plan", func() bool {
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+planID, tok["snv.lanhdao"], nil, &snvTasks)
		return len(snvTasks.Items) == 1
	})
	tURL := s.tasks + "/v1/tasks/" + snvTasks.Items[0].ID
	must(t, http.StatusOK, "POST", tURL+"/accept", tok["snv.lanhdao"], nil, nil)
	var report tasksapi.Report
	must(t, http.StatusCreated, "POST", tURL+"/reports", tok["snv.lanhdao"], tasksapi.NewReport{ProgressPercent: new(100), Summary: "Đã xong", Final: new(true)}, &report)
	must(t, http.StatusOK, "POST", tURL+"/reports/"+report.ID+"/review", tok["stttt.lanhdao"], tasksapi.ReviewRequest{Decision: "accepted"}, nil)

	// Progress: item 1 has SNV done on time and SYT open; item 2 SYT open.
	cell := func(class, n string) string {
		return `data-class="` + class + `" class="n">` + n + `</td>`
	}
	eventually(t, 30*time.Second, "the plan's progress", func() bool {
		_, page = ld.get("/plans/" + planID + "/progress")
		return strings.Contains(page, `<dd data-total-class="completed_on_time">1</dd>`) && strings.Contains(page, `<dd data-total-class="open_within_deadline">2</dd>`)
	})
	rows := strings.Split(page, "<tr data-item-id=")
	if len(rows) != 3 || !strings.Contains(rows[1], "Tuyên truyền Chỉ số PAPI") || !strings.Contains(rows[1], cell("completed_on_time", "1")) ||
		!strings.Contains(rows[1], cell("open_within_deadline", "1")) || !strings.Contains(rows[2], cell("open_within_deadline", "1")) ||
		!strings.Contains(rows[2], cell("completed_on_time", "0")) || !strings.Contains(page, "<strong data-rate>100%</strong>") ||
		strings.Count(page, `<rect class="seg`) != 5 {
		t.Fatalf("progress page:\n%s", page)
	}

	// The scoreboard over the due date counts SNV's task completed on time.
	q := url.Values{"from": {now.Format("02/01/2006")}, "to": {due.Format("02/01/2006")}}
	_, board := ld.get("/scoreboard?" + q.Encode())
	snv := regexp.MustCompile(`(?s)<tr data-unit-id="` + o.units["SNV"].ID + `">(.*?)</tr>`).FindStringSubmatch(board)
	if snv == nil || !strings.Contains(snv[1], "Sở Nội vụ") || !strings.Contains(snv[1], cell("completed_on_time", "1")) || !strings.Contains(snv[1], "100%") {
		t.Fatalf("scoreboard:\n%s", board)
	}
}
