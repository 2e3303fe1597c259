package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestTaskAnalyticsFlow: a department's task delegated to two specialists
// of a division, one completing it on time; the department's leader reads
// the per-person figures as JSON and as a spreadsheet that a reader which
// did not write it (Python's openpyxl) reads back; a colleague may not see
// a specialist's figures, the division's head may.
func TestTaskAnalyticsFlow(t *testing.T) {
	python := requireOpenpyxl(t)
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: o.units["STTTT"].ID}, &div)
	ids := map[string]string{}
	for _, p := range []struct{ username, name, role string }{
		{"bcvt.lanhdao", "Ngô Văn Khải", "leader"}, {"bcvt.cv1", "Bùi Thị Lan", "specialist"}, {"bcvt.cv2", "Đỗ Văn Minh", "specialist"},
	} {
		var u identityapi.User
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{Username: p.username, FullName: p.name,
			Email: p.username + "@khanhhoa.gov.vn", UnitID: div.ID, Roles: []string{p.role}, Password: password}, &u)
		ids[p.username] = u.ID
		tok[p.username] = login(t, s.identity, p.username, password)
	}

	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
		Summary: "Về việc nâng cao Chỉ số PAPI", Body: "…", Recipients: []string{o.units["STTTT"].ID}, DueDate: due}, &d)
	docURL := s.documents + "/v1/documents/" + d.ID
	must(t, http.StatusOK, "POST", docURL+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/approve", tok["ubnd.lanhdao"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/issue", tok["ubnd.vanthu"], nil, nil)
	var st tasksapi.Task
	eventually(t, 30*time.Second, "STTTT gets its task", func() bool {
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d.ID, tok["stttt.lanhdao"], nil, &got)
		if len(got.Items) == 1 {
			st = got.Items[0]
		}
		return st.ID != ""
	})
	delegateTo := func(who string) tasksapi.Task {
		t.Helper()
		var child tasksapi.Task
		eventually(t, 30*time.Second, "delegated to "+who, func() bool {
			code, _ := call(t, "POST", s.tasks+"/v1/tasks/"+st.ID+"/delegate", tok["stttt.lanhdao"],
				tasksapi.Delegation{AssigneeUnitID: div.ID, AssigneeUserID: ids[who], DueDate: due, Note: "Giao chuyên viên"}, &child)
			return code == http.StatusCreated
		})
		return child
	}
	done, open := delegateTo("bcvt.cv1"), delegateTo("bcvt.cv2")
	var rep tasksapi.Report
	must(t, http.StatusCreated, "POST", s.tasks+"/v1/tasks/"+done.ID+"/reports", tok["bcvt.cv1"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Đã hoàn thành", Final: new(true)}, &rep)
	must(t, http.StatusOK, "POST", s.tasks+"/v1/tasks/"+done.ID+"/reports/"+rep.ID+"/review", tok["stttt.lanhdao"],
		tasksapi.ReviewRequest{Decision: "accepted"}, nil)

	today := time.Now().In(time.FixedZone("ICT", 7*3600))
	period := "from=" + today.AddDate(0, 0, -1).Format("2006-01-02") + "&to=" + today.AddDate(0, 0, 1).Format("2006-01-02")
	analytics := s.tasks + "/v1/analytics/tasks?" + period
	var a tasksapi.Analytics
	must(t, http.StatusOK, "GET", analytics+"&group=person&open_tasks=true", tok["stttt.lanhdao"], nil, &a)
	byUser := map[string]tasksapi.AnalyticsRow{}
	for _, r := range a.Rows {
		byUser[r.UserID] = r
	}
	cv1, cv2 := byUser[ids["bcvt.cv1"]], byUser[ids["bcvt.cv2"]]
	if len(a.Rows) != 2 || cv1.Assigned != 1 || cv1.Completed != 1 || cv1.CompletedOnTime != 1 || cv1.OnTimeRate == nil || *cv1.OnTimeRate != 1 ||
		cv1.Load.Open != 0 || cv2.Assigned != 1 || cv2.Completed != 0 || cv2.Load.Open != 1 || cv2.Load.Later+cv2.Load.DueThisWeek != 1 ||
		len(cv2.OpenTasks) != 1 || cv2.OpenTasks[0].ID != open.ID || cv1.UnitName != div.Name {
		t.Fatalf("per-person figures %+v", a)
	}

	// Visibility: a colleague no, the division's head yes.
	expectProblem(t, http.StatusForbidden, "GET", analytics+"&group=person&user_id="+ids["bcvt.cv1"], tok["bcvt.cv2"], nil)
	var head tasksapi.Analytics
	must(t, http.StatusOK, "GET", analytics+"&group=person&user_id="+ids["bcvt.cv1"], tok["bcvt.lanhdao"], nil, &head)
	if len(head.Rows) != 1 || head.Rows[0].UserID != ids["bcvt.cv1"] || head.Rows[0].Completed != 1 {
		t.Fatalf("the head's view %+v", head)
	}
	var own tasksapi.Analytics
	must(t, http.StatusOK, "GET", analytics+"&group=person", tok["bcvt.cv2"], nil, &own)
	if len(own.Rows) != 1 || own.Rows[0].UserID != ids["bcvt.cv2"] {
		t.Fatalf("a specialist's own figures %+v", own)
	}

	// The spreadsheet, read back by openpyxl.
	code, raw := call(t, "GET", analytics+"&group=person&open_tasks=true&format=xlsx", tok["stttt.lanhdao"], nil, nil)
	if code != http.StatusOK || !strings.HasPrefix(string(raw), "PK") {
		t.Fatalf("xlsx: %d %.200s", code, raw)
	}
	file := filepath.Join(t.TempDir(), "nhiem-vu.xlsx")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", readAnalyticsXLSX, file).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	got := string(out)
	dmy := func(tm time.Time) string { return tm.Format("02/01/2006") }
	dueDay, _ := time.Parse("2006-01-02", due)
	for _, want := range []string{
		"title: THỐNG KÊ THỜI GIAN XỬ LÝ NHIỆM VỤ|Từ ngày " + dmy(today.AddDate(0, 0, -1)) + " đến ngày " + dmy(today.AddDate(0, 0, 1)),
		"header: Đơn vị|Cá nhân|Được giao|Đã hoàn thành|Hoàn thành đúng hạn|Hoàn thành quá hạn|Tỷ lệ đúng hạn",
		"row: Phòng Bưu chính, Viễn thông|Bùi Thị Lan|1|1|1|0|100.0%",
		"row: Phòng Bưu chính, Viễn thông|Đỗ Văn Minh|1|0|0|0|",
		"row: Tổng cộng||2|1|1|0|100.0%",
		"row: VIỆC ĐANG XỬ LÝ",
		"|" + dmy(dueDay) + "|Mới giao|Đang thực hiện trong hạn",
	} {
		if !strings.Contains(got, want) {
			t.Fatalf("the spreadsheet lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, due) {
		t.Fatalf("an ISO date in the spreadsheet:\n%s", got)
	}

	// The console shows the service's figures beside the documents' and
	// passes its spreadsheet on; a specialist sees their own row only.
	web := webLogin(t, s.web, "stttt.lanhdao")
	page := "/statistics?from=" + dmy(today.AddDate(0, 0, -1)) + "&to=" + dmy(today.AddDate(0, 0, 1)) + "&group=person"
	status, body := web.get(page)
	for _, want := range []string{"Thống kê văn bản và nhiệm vụ", "Thời gian xử lý nhiệm vụ theo cá nhân", "Bùi Thị Lan", "Đỗ Văn Minh",
		`data-user-id="` + ids["bcvt.cv1"] + `"`, `data-rate>100%</td>`, "Tải Excel (nhiệm vụ)", "Văn bản đến:"} {
		if status != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("the statistics page lacks %q: %d\n%s", want, status, body)
		}
	}
	if os.Getenv("EOFFICE_SCREENSHOT_DIR") != "" {
		screenshotPage(t, web, page, "statistics-tasks")
	}
	status, body = web.get("/statistics/file?kind=tasks&group=person&format=xlsx&from=" + dmy(today) + "&to=" + dmy(today))
	if status != http.StatusOK || !strings.HasPrefix(body, "PK") {
		t.Fatalf("the console's spreadsheet: %d %.100s", status, body)
	}
	status, body = webLogin(t, s.web, "bcvt.cv2").get(page)
	if status != http.StatusOK || !strings.Contains(body, "Đỗ Văn Minh") || strings.Contains(body, "Bùi Thị Lan") ||
		!strings.Contains(body, "Thống kê văn bản dành cho lãnh đạo và văn thư") {
		t.Fatalf("a specialist's statistics page: %d\n%s", status, body)
	}
}

const readAnalyticsXLSX = `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
rows = [tuple("" if v is None else str(v) for v in r) for r in ws.iter_rows(values_only=True)]
rows = [r for r in rows if any(r)]
print("title: " + "|".join(r[0] for r in rows[:2]))
print("header: " + "|".join(rows[2]))
for r in rows[3:]:
    print("row: " + "|".join(r).rstrip("|"))
`

// requireOpenpyxl finds a Python with openpyxl, or skips unless the
// environment demands one (CI sets EOFFICE_REQUIRE_OPENPYXL=1).
func requireOpenpyxl(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	if os.Getenv("EOFFICE_REQUIRE_OPENPYXL") == "1" {
		t.Fatal("python3 with openpyxl is required (EOFFICE_REQUIRE_OPENPYXL=1)")
	}
	t.Skip("python3-openpyxl not installed")
	return ""
}

// screenshotPage renders one console page as u sees it with headless
// Chromium's command line into EOFFICE_SCREENSHOT_DIR/<name>.png, for a
// person to look at; a proxy adds the session's cookie, which the command
// line cannot.
func screenshotPage(t *testing.T, u *webUser, path, name string) {
	t.Helper()
	chromium := "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Logf("no chromium: no screenshot of %s", path)
		return
	}
	base, _ := url.Parse(u.base)
	cookies := u.hc.Jar.Cookies(base)
	proxy := httputil.NewSingleHostReverseProxy(base)
	director := proxy.Director
	proxy.Director = func(r *http.Request) {
		director(r)
		for _, c := range cookies {
			r.AddCookie(c)
		}
	}
	front := httptest.NewServer(proxy)
	defer front.Close()
	dir := screenshotDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name+".png")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--window-size=1280,1400", "--screenshot="+out, front.URL+path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	t.Logf("screenshot: %s", out)
}
