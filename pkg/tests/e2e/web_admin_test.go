package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestWebAdminDelegationExtension drives the console of a started stack:
// the administrator creates a division under STTTT and a person in it,
// and is told why STTTT cannot be deactivated; that person signs in; the
// STTTT leader delegates a UBND task to the new division, naming the
// person; the person asks for more time and the leader approves, and the
// child task's due date moves.
func TestWebAdminDelegationExtension(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	stttt := o.units["STTTT"].ID

	ld := webLogin(t, s.web, "stttt.lanhdao")
	if status, page := ld.get("/admin"); status != http.StatusForbidden || !strings.Contains(page, "Bạn không có quyền vào trang Quản trị") {
		t.Fatalf("a leader opened the administration: %d", status)
	}

	// Administration.
	adm := webLoginAs(t, s.web, "admin", s.adminPassword)
	page := adm.act("/admin/units", url.Values{"kind": {"division"}, "parent_id": {stttt}, "name": {"Phòng Chuyển đổi số"}, "short_name": {"CDS"}},
		"/admin/units", "Đã tạo đơn vị Phòng Chuyển đổi số.")
	m := regexp.MustCompile(`<a href="/admin/units/([^"]+)">Phòng Chuyển đổi số</a>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the new unit is not in the tree:\n%s", page)
	}
	cds := m[1]
	page = adm.act("/admin/units/"+stttt+"/deactivate", url.Values{}, "/admin/units", "Không thể ngừng hoạt động")
	for _, w := range []string{"Đơn vị thuộc cơ quan: còn 1 đơn vị thuộc cơ quan đang hoạt động", "Người dùng: còn 2 người dùng đang hoạt động"} {
		if !strings.Contains(page, w) {
			t.Fatalf("the refusal does not say %q:\n%s", w, page)
		}
	}
	status, loc, body := adm.post("/admin/users", url.Values{"username": {"cds.chuyenvien"}, "password": {password}, "full_name": {"Ngô Thị Lan"},
		"email": {"cds.chuyenvien@khanhhoa.gov.vn"}, "unit_id": {cds}, "roles": {"specialist"}, "title": {"Chuyên viên"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/users/") {
		t.Fatalf("create user: %d %q %s", status, loc, body)
	}
	if _, page = adm.get(loc); !strings.Contains(page, "Đã tạo tài khoản cds.chuyenvien cho Ngô Thị Lan.") {
		t.Fatalf("no success message:\n%s", page)
	}
	person := strings.TrimPrefix(loc, "/admin/users/")
	webSigningImages(t, adm, person, stttt)
	lan := webLogin(t, s.web, "cds.chuyenvien")
	if _, home := lan.get("/"); !strings.Contains(home, "Ngô Thị Lan") {
		t.Fatalf("the new person's home page:\n%s", home)
	}

	// A UBND directive gives STTTT a task.
	due := time.Now().AddDate(0, 1, 0)
	var doc documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", o.users["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
		Summary: "Về việc chuyển đổi số " + time.Now().Format("150405"), Body: "…", Recipients: []string{stttt}, DueDate: due.Format("2006-01-02")}, &doc)
	for _, step := range []struct{ action, who string }{{"submit", "ubnd.chuyenvien"}, {"approve", "ubnd.lanhdao"}, {"issue", "ubnd.vanthu"}} {
		must(t, http.StatusOK, "POST", s.documents+"/v1/documents/"+doc.ID+"/"+step.action, o.users[step.who], nil, nil)
	}
	var parent tasksapi.Task
	eventually(t, 30*time.Second, "STTTT's task", func() bool {
		var l client.Page[tasksapi.Task]
		st, _ := call(t, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+doc.ID, o.users["stttt.lanhdao"], nil, &l)
		if st == http.StatusOK && len(l.Items) == 1 {
			parent = l.Items[0]
		}
		return parent.ID != ""
	})
	taskPath := "/tasks/" + parent.ID

	// The leader delegates to the new division, naming Lan. The tasks
	// service learns the new unit and person from identity's events, so the
	// first tries may be refused.
	childDue := due.AddDate(0, 0, -5)
	delegateKey := regexp.MustCompile(`(?s)action="` + regexp.QuoteMeta(taskPath) + `/delegate".*?name="key" value="([^"]+)"`)
	form := url.Values{"parent_due_date": {parent.DueDate}, "own_unit_id": {stttt}, "assignee_unit_id": {cds}, "assignee_user_id": {person},
		"due_date": {childDue.Format("02/01/2006")}, "note": {"Giao Phòng Chuyển đổi số chủ trì"}}
	success := "Đã phân công cho Phòng Chuyển đổi số, hạn " + childDue.Format("02/01/2006") + "."
	eventually(t, 30*time.Second, "the delegation", func() bool {
		_, page = ld.get(taskPath)
		k := delegateKey.FindStringSubmatch(page)
		if k == nil || !strings.Contains(page, `<option value="`+person+`">Ngô Thị Lan — Chuyên viên</option>`) {
			t.Fatalf("no delegation form naming Lan:\n%s", page)
		}
		form.Set("key", k[1])
		if st, loc, _ := ld.post(taskPath+"/delegate", form); st != http.StatusSeeOther || loc != taskPath {
			t.Fatalf("delegate: %d %q", st, loc)
		}
		_, page = ld.get(taskPath)
		return strings.Contains(page, success)
	})
	cm := regexp.MustCompile(`<a href="(/tasks/[^"]+)">Phòng Chuyển đổi số</a>`).FindStringSubmatch(page)
	if cm == nil || !strings.Contains(page, "Ngô Thị Lan</td>") || !strings.Contains(page, "Giao cho Phòng Chuyển đổi số — Ngô Thị Lan. Ý kiến: Giao Phòng") {
		t.Fatalf("the child is not listed with its person, or the history does not name them:\n%s", page)
	}
	childPath := cm[1]
	late := form
	late.Set("due_date", due.AddDate(0, 0, 1).Format("2006-01-02"))
	ld.act(taskPath+"/delegate", late, taskPath, "không được muộn hơn hạn của nhiệm vụ được giao ("+due.Format("02/01/2006")+")")

	// Lan asks for three more days; the leader approves; the date moves.
	newDue := childDue.AddDate(0, 0, 3)
	_, page = lan.get(childPath)
	ek := regexp.MustCompile(`(?s)action="` + regexp.QuoteMeta(childPath) + `/extension".*?name="key" value="([^"]+)"`).FindStringSubmatch(page)
	if ek == nil {
		t.Fatalf("the named person is offered no extension form:\n%s", page)
	}
	lan.act(childPath+"/extension", url.Values{"key": {ek[1]}, "current_due_date": {childDue.Format("2006-01-02")},
		"due_date": {newDue.Format("2006-01-02")}, "reason": {"Chờ số liệu các huyện"}}, childPath,
		"Đã gửi đề nghị gia hạn đến "+newDue.Format("02/01/2006"))
	_, page = ld.get(childPath)
	if !strings.Contains(page, "Quyết định gia hạn từ "+childDue.Format("02/01/2006")+" đến "+newDue.Format("02/01/2006")) {
		t.Fatalf("the assigner is offered no decision:\n%s", page)
	}
	page = ld.act(childPath+"/extension/decision", url.Values{"decision": {"approve"}, "comment": {"Đồng ý"}}, childPath,
		"Đã đồng ý gia hạn; hạn hoàn thành mới là "+newDue.Format("02/01/2006")+".")
	for _, w := range []string{"Hạn hoàn thành</dt><dd>" + newDue.Format("02/01/2006"), "Đã đồng ý", "Chờ số liệu các huyện",
		`<td data-label="Hạn cũ">` + childDue.Format("02/01/2006"), `<td data-label="Hạn đề nghị">` + newDue.Format("02/01/2006"),
		// the history tells both steps from the service's history fields
		"Đề nghị gia hạn từ " + childDue.Format("02/01/2006") + " đến " + newDue.Format("02/01/2006") + ". Lý do: Chờ số liệu các huyện",
		"Đồng ý gia hạn từ " + childDue.Format("02/01/2006") + " đến " + newDue.Format("02/01/2006") + ". Ý kiến: Đồng ý"} {
		if !strings.Contains(page, w) {
			t.Fatalf("the task page after the decision lacks %q:\n%s", w, page)
		}
	}
	var child tasksapi.TaskDetail
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+strings.TrimPrefix(childPath, "/tasks/"), o.users["stttt.lanhdao"], nil, &child)
	if child.DueDate != newDue.Format("2006-01-02") {
		t.Fatalf("the service's due date is %s, want %s", child.DueDate, newDue.Format("2006-01-02"))
	}
}

// webSigningImages: the administrator uploads a person's signature image
// and an agency's seal image through the console; the service keeps them
// and the pages show them, and a file that is not a PNG is refused.
func webSigningImages(t *testing.T, adm *webUser, person, agency string) {
	t.Helper()
	var img bytes.Buffer
	rgba := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	rgba.Set(3, 4, color.NRGBA{R: 200, A: 255})
	if err := png.Encode(&img, rgba); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ route, saved string }{
		{"/admin/users/" + person + "/signature-image", "Đã cập nhật ảnh chữ ký."},
		{"/admin/units/" + agency + "/seal-image", "Đã cập nhật ảnh con dấu."},
	} {
		back := strings.TrimSuffix(strings.TrimSuffix(c.route, "/signature-image"), "/seal-image")
		if page := adm.uploadFile(c.route, "anh.png", []byte("GIF89a not a png"), back+"#h-image"); !strings.Contains(page, "Tệp không phải ảnh PNG.") {
			t.Fatalf("a GIF was not refused:\n%s", page)
		}
		page := adm.uploadFile(c.route, "anh.png", img.Bytes(), back+"#h-image")
		if !strings.Contains(page, c.saved) || !strings.Contains(page, `<img class="signing-image" src="`+c.route+`"`) {
			t.Fatalf("after the upload to %s:\n%s", c.route, page)
		}
		if status, got := adm.get(c.route); status != http.StatusOK || got != img.String() {
			t.Fatalf("GET %s: %d, %d bytes", c.route, status, len(got))
		}
	}
}

// uploadFile posts a multipart form (the CSRF token first, then the file)
// and returns the page it sends back to, which must be back.
func (u *webUser) uploadFile(path, filename string, content []byte, back string) string {
	u.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf", u.csrf)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	resp, err := u.hc.Post(u.base+path, mw.FormDataContentType(), &buf)
	if err != nil {
		u.t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != back {
		u.t.Fatalf("POST %s: %d %q", path, resp.StatusCode, loc)
	}
	_, page := u.get(back)
	return page
}
