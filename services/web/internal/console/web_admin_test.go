package console

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The administrator signs in with username "admin" (the sample identity
// gives that name its own token) and has no unit, like the bootstrap one.
const adminToken = "SECRET-admin-access"

func init() {
	special["POST /v1/token"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		if !strings.Contains(string(raw), "username=admin&") && !strings.HasSuffix(string(raw), "username=admin") {
			return false
		}
		out, _ := json.Marshal(map[string]any{"access_token": adminToken, "token_type": "Bearer", "expires_in": 900, "refresh_token": "SECRET-admin-refresh"})
		return writeJSON(w, http.StatusOK, string(out))
	}
	special["GET /v1/me"] = func(_ *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.Header.Get("Authorization") != "Bearer "+adminToken {
			return false
		}
		return writeJSON(w, http.StatusOK, `{"id":"u-admin","username":"admin","full_name":"Quản trị hệ thống","roles":["admin"]}`)
	}
	special["GET /v1/units"] = func(_ *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.Header.Get("Authorization") != "Bearer "+adminToken {
			return false
		}
		// The administrator sees a deactivated unit too.
		return writeJSON(w, http.StatusOK, `{"items":[
			{"id":"ubnd","kind":"agency","code":"000.00.00.H37","name":"Ủy ban nhân dân tỉnh Khánh Hòa","short_name":"UBND","active":true,
			 "place_name":"Khánh Hòa","regime":"collective","head_title":"Chủ tịch","collective_name":"Ủy ban nhân dân"},
			{"id":"stttt","kind":"agency","name":"Sở Thông tin và Truyền thông","short_name":"STTTT","parent_id":"ubnd","active":true},
			{"id":"ttbc","kind":"division","name":"Phòng Thông tin - Báo chí","short_name":"TTBC","parent_id":"stttt","active":true},
			{"id":"old","kind":"division","name":"Phòng Bưu chính (cũ)","short_name":"BC","parent_id":"stttt","active":false}]}`)
	}
	for k, v := range map[string]string{
		"POST /v1/units":                 `{"id":"u-new","kind":"division","name":"Phòng Chuyển đổi số","short_name":"CDS","parent_id":"stttt","active":true}`,
		"PATCH /v1/units/ttbc":           `{"id":"ttbc","kind":"division","name":"Phòng Báo chí","short_name":"BC2","parent_id":"stttt","active":true}`,
		"PATCH /v1/units/stttt":          `{"id":"stttt","kind":"agency","name":"Sở Thông tin và Truyền thông","short_name":"STTTT","parent_id":"ubnd","active":true,"place_name":"Khánh Hòa","regime":"head_led","head_title":"Giám đốc"}`,
		"GET /v1/users/u-pgd":            `{"id":"u-pgd","username":"pgd.stttt","full_name":"Võ Văn Phó","unit_id":"stttt","roles":["leader"],"title":"Phó Giám đốc","position":"deputy","active":true}`,
		"PATCH /v1/users/u-pgd":          `{"id":"u-pgd","username":"pgd.stttt","full_name":"Võ Văn Phó","unit_id":"stttt","roles":["leader"],"title":"Quyền Giám đốc","position":"acting_head","active":true}`,
		"POST /v1/users":                 `{"id":"u-new","username":"cds.cv","full_name":"Ngô Thị Lan","unit_id":"u-new","roles":["specialist"],"active":true}`,
		"PATCH /v1/users/u-cv":           `{"id":"u-cv","username":"cv.ttbc","full_name":"Lê Minh Châu","unit_id":"ttbc","roles":["leader"],"active":true}`,
		"POST /v1/clients":               `{"client_id":"c-9f2","client_secret":"SECRET-client-9f2","name":"Cổng dịch vụ công","scopes":["tasks:read","units:read"],"created_at":"2026-11-20T02:30:00Z"}`,
		"POST /v1/units/ttbc/deactivate": `{"id":"ttbc","kind":"division","name":"Phòng Thông tin - Báo chí","short_name":"TTBC","active":false}`,
	} {
		status := http.StatusOK
		if strings.HasPrefix(k, "POST /v1/units") && !strings.HasSuffix(k, "deactivate") || k == "POST /v1/users" || k == "POST /v1/clients" {
			status = http.StatusCreated
		}
		special[k] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
			return writeJSON(w, status, v)
		}
	}
}

func adminBrowser(t *testing.T) (*browser, string) {
	t.Helper()
	b := newBrowser(t)
	form := b.get("/login")
	p := b.post("/login", url.Values{"csrf": {csrfOf(t, form)}, "username": {"admin"}, "password": {"mat-khau-quan-tri"}, "next": {"/admin"}})
	if p.status != http.StatusSeeOther || p.location != "/admin" {
		t.Fatalf("admin login: %d %q %s", p.status, p.location, p.body)
	}
	return b, csrfOf(t, b.get("/admin"))
}

// TestAdminPages renders the administration over sample data: the whole
// unit tree with the deactivated unit, people with paging and the unit
// filter, the edit forms, the client form; every field labelled.
func TestAdminPages(t *testing.T) {
	tests := []struct {
		path      string
		want, not []string
	}{
		{"/admin", []string{"<h1>Quản trị</h1>", `<a href="/admin" aria-current="page">Quản trị</a>`, `<a href="/admin/units" aria-current="page">Đơn vị</a>`,
			`<a href="/admin/units/ttbc">Phòng Thông tin - Báo chí</a>`, "— — ", "Phòng Bưu chính (cũ)", "Ngừng hoạt động", "000.00.00.H37", "Đơn vị thuộc cơ quan",
			`action="/admin/units"`, `<label for="unit_parent">Đơn vị cấp trên</label>`, `href="/admin/units?parent_id=ttbc#h-newunit"`},
			[]string{`<option value="old"`, "?parent_id=old"}},
		{"/admin/units?parent_id=stttt", []string{`<option value="stttt" selected>— Sở Thông tin và Truyền thông</option>`,
			"Thể thức văn bản của cơ quan (chỉ dùng khi Loại đơn vị là Cơ quan)", `<label for="unit_place">Địa danh`, `<option value="" selected>Chưa đặt (coi như Thủ trưởng)</option>`,
			`<option value="collective">Tập thể (TM.)</option>`, `<option value="head_led">Thủ trưởng</option>`, `name="head_title"`, `name="collective_name"`}, nil},
		{"/admin/units/ttbc", []string{"<h2 id=\"h-unit\">Phòng Thông tin - Báo chí</h2>", `value="TTBC"`, "Sở Thông tin và Truyền thông",
			`action="/admin/units/ttbc/deactivate"`, "Ngừng hoạt động đơn vị"}, []string{`name="place_name"`, `name="regime"`}},
		{"/admin/units/ubnd", []string{`<legend>Thể thức văn bản của cơ quan</legend>`, `name="place_name" maxlength="100" value="Khánh Hòa"`,
			`<option value="collective" selected>Tập thể (TM.)</option>`, `value="Chủ tịch"`, `value="Ủy ban nhân dân"`}, nil},
		{"/admin/units/stttt", []string{`name="place_name" maxlength="100" value=""`, `<option value="" selected>Chưa đặt (coi như Thủ trưởng)</option>`}, nil},
		{"/admin/units/old", []string{"Ngừng hoạt động"}, []string{`action="/admin/units/old/deactivate"`}},
		{"/admin/users", []string{"Người dùng và vai trò", `<a href="/admin/users/u-cv">Lê Minh Châu</a>`, "cv.ttbc", "TTBC", "Chuyên viên, Văn thư",
			"Đã khóa", `href="/admin/users?cursor=p2"`, "Trang sau", `href="/admin/users/new"`, `<label for="f_unit">Lọc theo đơn vị</label>`}, nil},
		{"/admin/users?unit_id=ttbc", []string{`<option value="ttbc" selected>`, `href="/admin/users/new?unit_id=ttbc"`}, []string{"Trang sau"}},
		{"/admin/users/new", []string{"Thêm người dùng", `<label for="u_password">`, `type="password"`, `autocomplete="new-password"`,
			`value="specialist" checked`, "Tạo tài khoản", `<label for="u_position">Vị trí ký văn bản`, `<option value="" selected>Chưa đặt</option>`,
			`<option value="head">Thủ trưởng</option>`, `<option value="deputy">Cấp phó</option>`, `<option value="acting_head">Quyền thủ trưởng</option>`,
			`<option value="office_head">Chánh Văn phòng</option>`, `<option value="division_head">Trưởng phòng</option>`}, nil},
		{"/admin/users/u-pgd", []string{"Tài khoản pgd.stttt", `value="Phó Giám đốc"`, `<option value="deputy" selected>Cấp phó</option>`}, nil},
		{"/admin/users/u-cv", []string{"Tài khoản cv.ttbc", `value="Lê Minh Châu"`, `<option value="ttbc" selected>`, `value="specialist" checked`,
			`action="/admin/users/u-cv/deactivate"`, "Khóa tài khoản"}, []string{`name="password"`, `value="admin" checked`}},
		{"/admin/clients", []string{"Đăng ký ứng dụng tích hợp", "Đọc nhiệm vụ", "(webhooks:write)", "chưa có danh sách"}, []string{"Mã bí mật"}},
	}
	b, _ := adminBrowser(t)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := b.get(tt.path)
			if p.status != http.StatusOK {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
			expectPage(t, p.body, tt.want, tt.not)
		})
	}
	if got := b.up.body("GET /v1/users?"); !strings.Contains(got, "unit_id=ttbc") || !strings.Contains(got, "limit=") {
		t.Errorf("users query %q", got)
	}
}

// TestAdminOnly: someone without the admin role gets the 403 page in
// Vietnamese, and no administration call is made, even with a valid
// CSRF token; without a token the CSRF check refuses first.
func TestAdminOnly(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login() // a leader
	for _, path := range []string{"/admin", "/admin/units/ttbc", "/admin/users", "/admin/users/u-cv", "/admin/clients", "/admin/calendar"} {
		p := b.get(path)
		if p.status != http.StatusForbidden || !strings.Contains(p.body, "Bạn không có quyền vào trang Quản trị") {
			t.Errorf("GET %s: %d %s", path, p.status, p.body)
		}
	}
	if p := b.get("/"); strings.Contains(p.body, `href="/admin"`) {
		t.Error("the menu offers Quản trị to a leader")
	}
	for _, path := range []string{"/admin/units", "/admin/units/ttbc", "/admin/units/ttbc/deactivate", "/admin/users", "/admin/users/u-cv",
		"/admin/users/u-cv/deactivate", "/admin/clients", "/admin/calendar"} {
		for _, token := range []string{csrf, ""} {
			p := b.post(path, url.Values{"csrf": {token}, "name": {"x"}})
			if p.status != http.StatusForbidden {
				t.Errorf("POST %s (token %t): %d", path, token != "", p.status)
			}
		}
	}
	if sent := b.up.sent(); len(sent) != 1 {
		t.Fatalf("administration calls reached identity: %v", sent)
	}
}

// TestAdminCSRF: every administration and task form is refused without
// the session's token, before any call.
func TestAdminCSRF(t *testing.T) {
	b, _ := adminBrowser(t)
	for _, path := range []string{"/admin/units", "/admin/units/ttbc", "/admin/units/ttbc/deactivate", "/admin/users", "/admin/users/u-cv",
		"/admin/users/u-cv/deactivate", "/admin/clients", "/admin/calendar", "/tasks/t-deleg/delegate", "/tasks/t-deleg/extension", "/tasks/t-child/extension/decision"} {
		p := b.post(path, url.Values{"csrf": {"forged"}, "name": {"x"}, "decision": {"approve"}})
		if p.status != http.StatusForbidden || !strings.Contains(p.body, "Yêu cầu bị từ chối") {
			t.Errorf("POST %s: %d", path, p.status)
		}
	}
	if sent := b.up.sent(); len(sent) != 1 {
		t.Fatalf("forged requests reached the services: %v", sent)
	}
}

// TestAdminActions: each action's call and its message; identity's
// refusals (409 with what still holds a unit open, 400 per field) in
// Vietnamese.
func TestAdminActions(t *testing.T) {
	unit := url.Values{"kind": {"division"}, "parent_id": {"stttt"}, "name": {"Phòng Chuyển đổi số"}, "short_name": {"CDS"}}
	user := url.Values{"username": {"cds.cv"}, "password": {"mat-khau-dai-2026"}, "full_name": {"Ngô Thị Lan"}, "email": {"lan@khanhhoa.gov.vn"},
		"unit_id": {"u-new"}, "roles": {"specialist"}, "title": {"Chuyên viên"}}
	runActions(t, adminBrowser, []consoleAction{
		{"create a unit", "/admin/units", unit, nil, "POST /v1/units",
			`{"kind":"division","name":"Phòng Chuyển đổi số","short_name":"CDS","parent_id":"stttt"}`, "/admin/units", []string{"Đã tạo đơn vị Phòng Chuyển đổi số."}},
		{"rename a unit", "/admin/units/ttbc", url.Values{"name": {"Phòng Báo chí"}, "short_name": {"BC2"}}, nil, "PATCH /v1/units/ttbc",
			`{"name":"Phòng Báo chí","short_name":"BC2"}`, "/admin/units", []string{"Đã lưu đơn vị Phòng Báo chí."}},
		{"deactivate a unit", "/admin/units/ttbc/deactivate", nil, nil, "POST /v1/units/ttbc/deactivate", "", "/admin/units",
			[]string{"Đã ngừng hoạt động đơn vị Phòng Thông tin - Báo chí."}},
		{"deactivate a unit still in use", "/admin/units/stttt/deactivate", nil,
			&refusal{409, `{"status":409,"title":"Conflict","detail":"the unit still has active child units or active users; move or deactivate them first","current_status":"active",
				"errors":[{"field":"children","message":"2 active child unit(s)"},{"field":"users","message":"3 active user(s)"}]}`},
			"POST /v1/units/stttt/deactivate", "", "/admin/units", []string{"Không thể ngừng hoạt động: đơn vị còn đơn vị thuộc cơ quan hoặc người dùng đang hoạt động.",
				"Đơn vị thuộc cơ quan: còn 2 đơn vị thuộc cơ quan đang hoạt động", "Người dùng: còn 3 người dùng đang hoạt động"}},
		{"deactivate a unit twice", "/admin/units/old/deactivate", nil,
			&refusal{409, `{"status":409,"title":"Conflict","detail":"the unit is deactivated","current_status":"inactive"}`},
			"POST /v1/units/old/deactivate", "", "/admin/units", []string{"Đơn vị này đã ngừng hoạt động từ trước."}},
		{"create a person", "/admin/users", user, nil, "POST /v1/users",
			`{"username":"cds.cv","full_name":"Ngô Thị Lan","email":"lan@khanhhoa.gov.vn","unit_id":"u-new","roles":["specialist"],"password":"mat-khau-dai-2026","title":"Chuyên viên"}`,
			"/admin/users/u-new", []string{"Đã tạo tài khoản cds.cv cho Ngô Thị Lan."}},
		{"change roles and unit", "/admin/users/u-cv", url.Values{"full_name": {"Lê Minh Châu"}, "email": {"chau@khanhhoa.gov.vn"}, "unit_id": {"ttbc"}, "roles": {"leader"}, "title": {"Trưởng phòng"}},
			nil, "PATCH /v1/users/u-cv", `{"full_name":"Lê Minh Châu","email":"chau@khanhhoa.gov.vn","unit_id":"ttbc","roles":["leader"],"title":"Trưởng phòng"}`,
			"/admin/users/u-cv", []string{"Đã lưu tài khoản cv.ttbc."}},
		{"set an agency's signing facts", "/admin/units/stttt", url.Values{"name": {"Sở Thông tin và Truyền thông"}, "short_name": {"STTTT"},
			"place_name": {" Khánh Hòa "}, "regime": {"head_led"}, "head_title": {"Giám đốc"}, "collective_name": {""}}, nil, "PATCH /v1/units/stttt",
			`{"name":"Sở Thông tin và Truyền thông","short_name":"STTTT","place_name":"Khánh Hòa","regime":"head_led","head_title":"Giám đốc","collective_name":""}`,
			"/admin/units", []string{"Đã lưu đơn vị Sở Thông tin và Truyền thông."}},
		{"create a deputy", "/admin/users", url.Values{"username": {"pgd.stttt"}, "password": {"mat-khau-dai-2026"}, "full_name": {"Võ Văn Phó"},
			"email": {"pho@khanhhoa.gov.vn"}, "unit_id": {"stttt"}, "roles": {"leader"}, "title": {"Phó Giám đốc"}, "position": {"deputy"}}, nil, "POST /v1/users",
			`"title":"Phó Giám đốc","position":"deputy"}`, "/admin/users/u-new", []string{"Đã tạo tài khoản"}},
		{"make a deputy acting head", "/admin/users/u-pgd", url.Values{"full_name": {"Võ Văn Phó"}, "email": {"pho@khanhhoa.gov.vn"}, "unit_id": {"stttt"},
			"roles": {"leader"}, "title": {"Quyền Giám đốc"}, "position": {"acting_head"}}, nil, "PATCH /v1/users/u-pgd",
			`"title":"Quyền Giám đốc","position":"acting_head"}`, "/admin/users/u-pgd", []string{"Đã lưu tài khoản pgd.stttt."}},
		{"deactivate a person", "/admin/users/u-cv/deactivate", nil, nil, "POST /v1/users/u-cv/deactivate", "", "/admin/users/u-cv",
			[]string{"Đã khóa tài khoản; người này không đăng nhập được nữa."}},
		{"deactivate oneself", "/admin/users/u-admin/deactivate", nil,
			&refusal{409, `{"status":409,"title":"Conflict","detail":"an administrator cannot deactivate their own account","current_status":"active"}`},
			"POST /v1/users/u-admin/deactivate", "", "/admin/users/u-admin", []string{"Quản trị viên không thể tự khóa tài khoản của chính mình."}},
	})
}

// TestAdminFormsRefused: a refused create form comes back with the
// values (never the password) and the reasons, with the service's status.
func TestAdminFormsRefused(t *testing.T) {
	tests := []struct {
		name, path, call string
		form             url.Values
		refuse           refusal
		want, not        []string
	}{
		{"unit short name in use", "/admin/units", "POST /v1/units", url.Values{"kind": {"division"}, "parent_id": {"stttt"}, "name": {"Phòng Báo chí mới"}, "short_name": {"TTBC"}},
			refusal{409, `{"status":409,"title":"Conflict","detail":"short_name TTBC is already used by an active unit under the same parent","errors":[{"field":"short_name","message":"already used by a sibling unit"}]}`},
			[]string{"Thông tin bị trùng", "Tên viết tắt: đã có đơn vị cùng cấp dùng tên này", `value="Phòng Báo chí mới"`, `<option value="stttt" selected>`}, []string{"Chi tiết: short_name"}},
		{"weak password", "/admin/users", "POST /v1/users", url.Values{"username": {"cds.cv"}, "password": {"ngan-qua"}, "full_name": {"Ngô Thị Lan"}, "email": {"lan@khanhhoa.gov.vn"}, "unit_id": {"ttbc"}, "roles": {"clerk"}},
			refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid user","errors":[{"field":"password","message":"must be at least 10 characters"}]}`},
			[]string{"Thông tin chưa hợp lệ", "Mật khẩu: phải có ít nhất 10 ký tự", `value="cds.cv"`, `value="Ngô Thị Lan"`, `value="clerk" checked`, `<option value="ttbc" selected>`},
			[]string{"ngan-qua"}},
		{"unknown regime", "/admin/units/ubnd", "PATCH /v1/units/ubnd", url.Values{"name": {"Ủy ban nhân dân tỉnh Khánh Hòa"}, "short_name": {"UBND"},
			"place_name": {"Nha Trang"}, "regime": {"council"}, "head_title": {"Chủ tịch"}, "collective_name": {"Ủy ban nhân dân"}},
			refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid unit","errors":[{"field":"regime","message":"must be \"collective\" or \"head_led\""}]}`},
			[]string{"Thông tin chưa hợp lệ", "Chế độ làm việc", `value="Nha Trang"`}, nil},
		{"no scope", "/admin/clients", "POST /v1/clients", url.Values{"name": {"Cổng dịch vụ công"}},
			refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid client","errors":[{"field":"scopes","message":"at least one scope is required"}]}`},
			[]string{"Quyền truy cập: chọn ít nhất một quyền", `value="Cổng dịch vụ công"`}, []string{"Mã bí mật chỉ hiển thị"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, csrf := adminBrowser(t)
			b.up.refuse[tt.call] = tt.refuse
			tt.form.Set("csrf", csrf)
			p := b.post(tt.path, tt.form)
			if p.status != tt.refuse.status {
				t.Fatalf("status %d: %s", p.status, p.body)
			}
			expectText(t, p.body, tt.want, tt.not)
		})
	}
}

// TestAdminClientSecretOnce: the secret is on the answer to the form only,
// with the warning; it is kept nowhere the next page could show it.
func TestAdminClientSecretOnce(t *testing.T) {
	b, csrf := adminBrowser(t)
	p := b.post("/admin/clients", url.Values{"csrf": {csrf}, "name": {"Cổng dịch vụ công"}, "scopes": {"tasks:read", "units:read"}})
	if p.status != http.StatusCreated {
		t.Fatalf("%d %s", p.status, p.body)
	}
	expectPage(t, p.body, []string{"Mã bí mật chỉ hiển thị một lần này.", "<code>c-9f2</code>", "<code>SECRET-client-9f2</code>",
		"Đọc nhiệm vụ, Đọc danh mục đơn vị"}, nil)
	if p.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", p.header.Get("Cache-Control"))
	}
	if got := b.up.body("POST /v1/clients"); got != `{"name":"Cổng dịch vụ công","scopes":["tasks:read","units:read"]}` {
		t.Errorf("sent %s", got)
	}
	if again := b.get("/admin/clients"); strings.Contains(again.body, "SECRET-client") {
		t.Error("the secret was shown a second time")
	}
}
