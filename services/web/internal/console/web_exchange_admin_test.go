package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func init() {
	special["GET /v1/documents"] = chain(special["GET /v1/documents"], func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if q := r.URL.Query(); q.Get("box") != "outgoing" || q.Get("q") != "ngoai" {
			return false
		}
		return writeJSON(w, http.StatusOK, `{"items":[
			{"id":"d-extout","kind":"official_letter","status":"issued","issuer_unit_id":"stttt","summary":"Về việc phối hợp chuyển đổi số","urgency":"normal","notation":"45/STTTT-TTBC","issued_at":"2026-11-20T02:30:00Z","created_at":"2026-11-19T02:30:00Z","channel":"internal",
			 "external_recipients":[{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"},{"code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng"},{"code":"000.00.00.H10","name":"Ủy ban nhân dân tỉnh Cao Bằng"}]},
			{"id":"d-extout2","kind":"official_letter","status":"issued","issuer_unit_id":"stttt","summary":"Về việc mời họp","urgency":"normal","notation":"46/STTTT-TTBC","issued_at":"2026-11-21T02:30:00Z","created_at":"2026-11-21T02:30:00Z","channel":"internal"},
						{"id":"d-own","kind":"plan","status":"draft","issuer_unit_id":"stttt","summary":"Kế hoạch nội bộ","urgency":"normal","created_at":"2026-11-19T02:30:00Z","channel":"internal"}]}`)
	})
	prev := special["GET /v1/exchange/packages"]
	special["GET /v1/exchange/packages"] = chain(prev, func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/exchange/packages?", r.URL.RawQuery)
		return writeJSON(w, http.StatusOK, `{"items":[
			{"id":"p-bad","direction":"in","organisation_code":"000.00.00.H41","organisation_name":"Ủy ban nhân dân tỉnh Lâm Đồng","notation":"","subject":"","state":"refused","reason":"missing Code","signature":"unsigned","created_at":"2026-11-22T01:00:00Z","updated_at":"2026-11-22T01:00:00Z"},
			{"id":"p-in1","direction":"in","organisation_code":"000.00.00.G22","organisation_name":"Bộ Thông tin và Truyền thông","document_id":"d-ex","notation":"125/BTTTT-CĐSQG","subject":"Về việc triển khai nền tảng số","state":"accepted","signature":"valid","created_at":"2026-11-21T01:00:00Z","updated_at":"2026-11-21T01:00:00Z"},
			{"id":"p-out3","direction":"out","organisation_code":"000.00.00.H10","document_id":"d-extout2","notation":"46/STTTT-TTBC","subject":"Về việc mời họp","state":"failed","created_at":"2026-11-21T02:31:00Z","updated_at":"2026-11-21T02:40:00Z"},
						{"id":"p-out1","direction":"out","organisation_code":"000.00.00.G22","document_id":"d-extout","notation":"45/STTTT-TTBC","subject":"Về việc phối hợp chuyển đổi số","state":"registered","created_at":"2026-11-20T02:31:00Z","updated_at":"2026-11-20T03:00:00Z"}],
			"next_cursor":"pc2"}`)
	})
	special["POST /v1/exchange/packages"] = func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		u.note("package", r.Header.Get("Content-Type")+"|"+string(raw))
		if strings.Contains(string(raw), "<Code/>") {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write([]byte(`{"status":422,"title":"Unprocessable Entity","detail":"package refused: the package has no Code"}`))
			return true
		}
		return writeJSON(w, http.StatusAccepted, `{"id":"p-new","state":"accepted","document_id":"d-new-ex"}`)
	}
	special["GET /v1/exchange/organisations/000.00.00.G22"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		return writeJSON(w, http.StatusOK, `{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông","address":"18 Nguyễn Du, Hà Nội","email":"vanthu@mic.gov.vn"}`)
	}
	special["POST /v1/exchange/organisations"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		return writeJSON(w, http.StatusCreated, string(raw))
	}
	special["PUT /v1/exchange/organisations/000.00.00.G22"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		return writeJSON(w, http.StatusOK, string(raw))
	}
	special["POST /v1/exchange/organisations/import"] = func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		u.note("csv", r.Header.Get("Content-Type")+"|"+string(raw))
		return writeJSON(w, http.StatusOK, `{"imported":2}`)
	}
}

// TestPackagesPage: the clerks' page lists the agency's packages in and
// out with their states, refused ones with the reason, links each to its
// document and its edXML, filters and pages; others may not see it.
func TestPackagesPage(t *testing.T) {
	b, _ := clerkBrowser(t)
	p := b.get("/exchange/packages?direction=in&state=refused")
	checkPage(t, p, http.StatusOK, []string{"<h1>Gói tin liên thông</h1>", `<a href="/exchange/packages" aria-current="page">Liên thông</a>`,
		`<span class="tag pkg-refused">Từ chối</span><br><small>Lý do: missing Code</small>`,
		`<a href="/documents/d-ex">Về việc triển khai nền tảng số</a>`, `<td data-label="Chữ ký số">Hợp lệ</td>`, `<td data-label="Chữ ký số">Không ký</td>`,
		`<td data-label="Loại">Gói tin đi</td>`, `<span class="tag pkg-registered">Đã vào sổ</span>`, `<a href="/exchange/packages/p-out1/edxml" download>`,
		`<option value="in" selected>Gói tin đến</option>`, `<option value="refused" selected>Từ chối</option>`,
		`href="/exchange/packages?cursor=pc2&amp;direction=in&amp;state=refused"`, `<label for="edxml_file">Tệp gói tin (.edxml; tối đa 100 MB)</label>`}, nil)
	if got := b.up.body("GET /v1/exchange/packages?"); got != "direction=in&limit=50&state=refused" {
		t.Fatalf("asked %q", got)
	}
	l := newBrowser(t)
	l.login()
	if p := l.get("/exchange/packages"); p.status != http.StatusForbidden || strings.Contains(p.body, `href="/exchange/packages"`) {
		t.Fatalf("a leader: %d", p.status)
	}
}

// TestOutgoingBoxSends: the clerk's outgoing box counts each document's
// external recipients by the state of their packages; a leader's (who
// may not read packages) has no such column and asks exchange nothing.
func TestOutgoingBoxSends(t *testing.T) {
	b, _ := clerkBrowser(t)
	p := b.get("/outgoing?q=ngoai")
	checkPage(t, p, http.StatusOK, []string{`<th scope="col">Gửi liên thông</th>`,
		`<td data-label="Gửi liên thông"><span class="tag pkg-queued">Chờ gửi 2</span> <span class="tag pkg-registered">Đã vào sổ 1</span> </td>`,
		// A box's item may not name its external recipients; its packages do.
		`<td data-label="Gửi liên thông"><span class="tag pkg-failed">Không gửi được (trục không biết nơi nhận) 1</span> </td>`}, nil)
	if got := b.up.body("GET /v1/exchange/packages?"); got != "direction=out&limit=500" {
		t.Fatalf("asked exchange %q", got)
	}
	l := newBrowser(t)
	l.login()
	checkPage(t, l.get("/outgoing?q=ngoai"), http.StatusOK, []string{"Về việc phối hợp chuyển đổi số"}, []string{"Gửi liên thông"})
	if got := l.up.body("GET /v1/exchange/packages?"); got != "" {
		t.Fatalf("a leader's box asked exchange %q", got)
	}
}

// TestUploadPackage: an .edxml file reaches exchange whole as
// application/xml; its acceptance or its refusal (with exchange's reason)
// is told in Vietnamese; no file, or a forged or non-clerk upload, sends
// nothing.
func TestUploadPackage(t *testing.T) {
	b, csrf := clerkBrowser(t)
	tests := []struct {
		name, filename, content string
		fields                  [][2]string
		want                    []string
		sent                    bool
	}{
		{"accepted", "goi-tin.edxml", edxmlSample, nil, []string{"Đã nhận gói tin (Đã nhận). Văn bản đã vào hộp Văn bản đến."}, true},
		{"refused with a reason", "hong.edxml", "<edXMLEnvelope><Code/></edXMLEnvelope>", nil,
			[]string{"Gói tin bị từ chối; cơ quan gửi sẽ nhận được thông báo từ chối.", "<li>Lý do: the package has no Code</li>"}, true},
		{"no file", "-", "", nil, []string{"Vui lòng chọn tệp gói tin (.edxml) để tải lên."}, false},
		{"empty file", "rong.edxml", "", nil, []string{"Vui lòng chọn tệp gói tin (.edxml) để tải lên."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(b.up.sent())
			ct, body := multipartForm(t, [][2]string{{"csrf", csrf}}, tt.filename, tt.content)
			p := b.upload("/exchange/packages", ct, body)
			if p.status != http.StatusSeeOther || p.location != "/exchange/packages" {
				t.Fatalf("%d %q %s", p.status, p.location, p.body)
			}
			sent := slices.Contains(b.up.sent()[before:], "POST /v1/exchange/packages")
			if sent != tt.sent {
				t.Fatalf("sent to exchange: %v, want %v", sent, tt.sent)
			}
			if tt.sent && b.up.body("package") != "application/xml|"+tt.content {
				t.Fatalf("exchange got %q", b.up.body("package"))
			}
			checkPage(t, b.get("/exchange/packages"), http.StatusOK, tt.want, nil)
		})
	}
	t.Run("forged or not a clerk", func(t *testing.T) {
		ct, body := multipartForm(t, [][2]string{{"csrf", "wrong"}}, "x.edxml", edxmlSample)
		if p := b.upload("/exchange/packages", ct, body); p.status != http.StatusForbidden {
			t.Fatalf("forged: %d", p.status)
		}
		l := newBrowser(t)
		lc := l.login()
		ct, body = multipartForm(t, [][2]string{{"csrf", lc}}, "x.edxml", edxmlSample)
		if p := l.upload("/exchange/packages", ct, body); p.status != http.StatusForbidden || slices.Contains(l.up.sent(), "POST /v1/exchange/packages") {
			t.Fatalf("leader: %d %v", p.status, l.up.sent())
		}
	})
}

// TestOrganisationsAdmin: administrators list, find, add, edit and import
// the directory of organisations outside the deployment; each form sends
// what exchange takes and a refusal reads in Vietnamese.
func TestOrganisationsAdmin(t *testing.T) {
	b, csrf := adminBrowser(t)
	list := b.get("/admin/organisations?q=bộ")
	checkPage(t, list, http.StatusOK, []string{`<a href="/admin/organisations" aria-current="page">Danh bạ cơ quan ngoài hệ thống</a>`,
		`<td data-label="Mã định danh">000.00.00.G22</td><td data-label="Tên cơ quan"><a href="/admin/organisations/000.00.00.G22">Bộ Thông tin và Truyền thông</a></td>`,
		`<label for="org_code">Mã định danh</label>`, `<label for="org_csv">Tệp CSV (tối đa 8 MB)</label>`, "code,name,parent_code,address,email"},
		[]string{"Lâm Đồng"})

	add := b.post("/admin/organisations", url.Values{"csrf": {csrf}, "code": {" 000.00.00.H58 "}, "name": {"Ủy ban nhân dân tỉnh Ninh Thuận"}, "parent_code": {""}, "email": {"vt@ninhthuan.gov.vn"}})
	if add.status != http.StatusSeeOther || add.location != "/admin/organisations" {
		t.Fatalf("add: %d %s", add.status, add.body)
	}
	if got := b.up.body("POST /v1/exchange/organisations"); got != `{"code":"000.00.00.H58","name":"Ủy ban nhân dân tỉnh Ninh Thuận","email":"vt@ninhthuan.gov.vn"}` {
		t.Fatalf("sent %s", got)
	}
	checkPage(t, b.get("/admin/organisations"), http.StatusOK, []string{"Đã thêm Ủy ban nhân dân tỉnh Ninh Thuận vào danh bạ."}, nil)

	b.up.refuse["POST /v1/exchange/organisations"] = refusal{409, `{"status":409,"title":"Conflict","detail":"organisation 000.00.00.G22 is in the directory already","current_status":"exists"}`}
	dup := b.post("/admin/organisations", url.Values{"csrf": {csrf}, "code": {"000.00.00.G22"}, "name": {"Bộ TTTT"}})
	checkPage(t, dup, http.StatusConflict, []string{"Mã định danh 000.00.00.G22 đã có trong danh bạ; hãy sửa cơ quan đó thay vì thêm mới.", `value="Bộ TTTT"`}, []string{"exists"})
	b.up.refuse["POST /v1/exchange/organisations"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"the request has invalid fields","errors":[{"field":"name","message":"is required"}]}`}
	bad := b.post("/admin/organisations", url.Values{"csrf": {csrf}, "code": {"000.00.00.G23"}, "name": {""}})
	checkPage(t, bad, http.StatusBadRequest, []string{"Tên: bắt buộc nhập", `value="000.00.00.G23"`}, nil)

	edit := b.get("/admin/organisations/000.00.00.G22")
	checkPage(t, edit, http.StatusOK, []string{`<h2 id="h-org">Bộ Thông tin và Truyền thông</h2>`, `value="18 Nguyễn Du, Hà Nội"`, `action="/admin/organisations/000.00.00.G22"`}, nil)
	save := b.post("/admin/organisations/000.00.00.G22", url.Values{"csrf": {csrf}, "code": {"ignored"}, "name": {"Bộ Khoa học và Công nghệ"}, "address": {"113 Trần Duy Hưng"}})
	if save.status != http.StatusSeeOther || save.location != "/admin/organisations/000.00.00.G22" {
		t.Fatalf("save: %d %s", save.status, save.body)
	}
	if got := b.up.body("PUT /v1/exchange/organisations/000.00.00.G22"); got != `{"code":"000.00.00.G22","name":"Bộ Khoa học và Công nghệ","address":"113 Trần Duy Hưng"}` {
		t.Fatalf("sent %s", got)
	}

	const csv = "code,name,parent_code,address,email\n000.00.00.H58,Ủy ban nhân dân tỉnh Ninh Thuận,,,\n"
	imports := []struct {
		name, file, content string
		want                string
		sent                bool
	}{
		{"imported", "danh-ba.csv", csv, "Đã nhập danh bạ: 2 cơ quan.", true},
		{"not UTF-8", "danh-ba.csv", "code,name\n000,\xc9y ban\n", "Tệp không phải văn bản UTF-8.", false},
		{"empty", "danh-ba.csv", " \n", "Vui lòng chọn tệp CSV danh bạ để tải lên.", false},
	}
	for _, tt := range imports {
		t.Run(tt.name, func(t *testing.T) {
			before := len(b.up.sent())
			ct, body := multipartForm(t, [][2]string{{"csrf", csrf}}, tt.file, tt.content)
			if p := b.upload("/admin/organisations/import", ct, body); p.status != http.StatusSeeOther {
				t.Fatalf("%d %s", p.status, p.body)
			}
			if sent := slices.Contains(b.up.sent()[before:], "POST /v1/exchange/organisations/import"); sent != tt.sent {
				t.Fatalf("sent %v", sent)
			}
			if tt.sent && b.up.body("csv") != "text/csv|"+csv {
				t.Fatalf("exchange got %q", b.up.body("csv"))
			}
			checkPage(t, b.get("/admin/organisations"), http.StatusOK, []string{tt.want}, nil)
		})
	}
	t.Run("a CSV refused names the line in Vietnamese", func(t *testing.T) {
		b.up.refuse["POST /v1/exchange/organisations/import"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"line 3: 4 fields, want 5"}`}
		ct, body := multipartForm(t, [][2]string{{"csrf", csrf}}, "x.csv", csv)
		b.upload("/admin/organisations/import", ct, body)
		checkPage(t, b.get("/admin/organisations"), http.StatusOK, []string{"Thông tin chưa hợp lệ", "Chi tiết: line 3: 4 fields, want 5"}, nil)
	})
	t.Run("administrators only", func(t *testing.T) {
		c, cc := clerkBrowser(t)
		if p := c.get("/admin/organisations"); p.status != http.StatusForbidden {
			t.Fatalf("clerk sees the directory admin: %d", p.status)
		}
		ct, body := multipartForm(t, [][2]string{{"csrf", cc}}, "x.csv", csv)
		if p := c.upload("/admin/organisations/import", ct, body); p.status != http.StatusForbidden || slices.Contains(c.up.sent(), "POST /v1/exchange/organisations/import") {
			t.Fatalf("clerk import: %d %v", p.status, c.up.sent())
		}
	})
}
