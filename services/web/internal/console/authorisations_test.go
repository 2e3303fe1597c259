package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func init() {
	sample["GET /v1/authorisations"] = `{"items":[
		{"id":"a-now","agency_id":"stttt","grantor_id":"u-ld","grantor_name":"Phạm Quốc Dũng","grantee_id":"u-cv","grantee_name":"Lê Minh Châu","from":"2026-11-01","to":"2099-12-31","kinds":["official_letter","notice"],"scope":"sign","created_at":"2026-11-01T02:00:00Z","in_force":true},
		{"id":"a-old","agency_id":"stttt","grantor_id":"u-ld","grantor_name":"Phạm Quốc Dũng","grantee_id":"u-cv","grantee_name":"Lê Minh Châu","from":"2026-01-01","to":"2026-01-31","kinds":[],"scope":"inbox","created_at":"2026-01-01T02:00:00Z","in_force":false},
		{"id":"a-gone","agency_id":"stttt","grantor_id":"u-gd","grantor_name":"Nguyễn Văn An","grantee_id":"u-ld","grantee_name":"Phạm Quốc Dũng","from":"2026-11-01","to":"2099-12-31","kinds":["decision"],"scope":"sign","created_at":"2026-11-01T02:00:00Z","revoked_at":"2026-11-10T02:00:00Z","revoked_by":"u-gd","in_force":false}]}`
	sample["GET /v1/documents/d-qd"] = `{"id":"d-qd","kind":"decision","kind_name":"Quyết định","status":"issued","issuer_unit_id":"stttt","drafting_unit_id":"ttbc","summary":"Ban hành Quy chế","body":"Điều 1.","urgency":"normal","confidentiality":"secret","normative":true,"recipients":["snv"],"notation":"05/2026/QĐ-STTTT","created_at":"2026-11-19T02:30:00Z",
		"signer":{"user_id":"u-cv","full_name":"Lê Minh Châu","title":"Chánh Văn phòng","signing_mark":"TUQ.","mark_line":"TUQ. GIÁM ĐỐC","position_line":"CHÁNH VĂN PHÒNG","authorisation_id":"a-now","authorised_by":{"user_id":"u-ld","full_name":"Phạm Quốc Dũng"}}}`
	sample["GET /v1/documents/d-qd/history"] = `{"items":[]}`
	sample["GET /v1/documents/d-qd/copies"] = `{"items":[{"id":"d-copy","kind":"copy","status":"issued","issuer_unit_id":"stttt","summary":"Ban hành Quy chế","copy_of_document_id":"d-qd","copy_form":"BTS","notation":"03/BTS-STTTT","recipients":["snv"],"created_at":"2026-11-21T02:30:00Z"}]}`
	sample["GET /v1/agencies/stttt/signing-rules"] = `{"tl_kinds":["official_letter","invitation"]}`
	special["PUT /v1/agencies/stttt/signing-rules"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		return writeJSON(w, http.StatusOK, string(raw))
	}
	special["POST /v1/authorisations"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		return writeJSON(w, http.StatusCreated, `{"id":"a-new"}`)
	}
	special["POST /v1/documents/d-flash/copies"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		return writeJSON(w, http.StatusCreated, `{"id":"d-copy","kind":"copy","copy_form":"BTS","notation":"03/BTS-STTTT"}`)
	}
}

func TestAuthorisationsPage(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	p := b.get("/authorisations")
	if p.status != http.StatusOK {
		t.Fatalf("%d %s", p.status, p.body)
	}
	for _, w := range []string{
		"Lê Minh Châu", "Ký thay (TUQ.)", "Công văn, Thông báo", "01/11/2026 – 31/12/2099", "Đang hiệu lực",
		"Xử lý hồ sơ khi vắng", "Đã hết hạn", "Đã thu hồi",
		// The grantor revokes what is in force, nothing else.
		`action="/authorisations/a-now/revoke"`,
		// A head (a leader with no position set) grants to people of the
		// agency, active ones only.
		`<option value="u-cv">Lê Minh Châu — Chuyên viên</option>`, `name="kinds" value="official_letter"`,
		`href="/signing-rules"`,
	} {
		if !strings.Contains(p.body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	for _, not := range []string{`/authorisations/a-old/revoke`, `/authorisations/a-gone/revoke`, "Người đã nghỉ", `<option value="u-ld">`} {
		if strings.Contains(p.body, not) {
			t.Errorf("page has %q", not)
		}
	}

	g := b.post("/authorisations", url.Values{"csrf": {csrf}, "key": {"k1"}, "grantee_id": {"u-cv"}, "from": {"2026-12-01"},
		"to": {"2026-12-15"}, "scope": {"sign"}, "kinds": {"official_letter", "notice"}, "note": {" Đi công tác "}})
	if g.status != http.StatusSeeOther || g.location != "/authorisations" {
		t.Fatalf("grant: %d %q", g.status, g.location)
	}
	want := `{"grantee_id":"u-cv","from":"2026-12-01","to":"2026-12-15","kinds":["official_letter","notice"],"scope":"sign","note":"Đi công tác"}`
	if got := b.up.body("POST /v1/authorisations"); got != want {
		t.Fatalf("sent %s\nwant %s", got, want)
	}
	if next := b.get("/authorisations"); !strings.Contains(next.body, "Đã ủy quyền.") {
		t.Errorf("no success message")
	}

	r := b.post("/authorisations/a-now/revoke", url.Values{"csrf": {csrf}})
	if r.status != http.StatusSeeOther || !slices.Contains(b.up.sent(), "POST /v1/authorisations/a-now/revoke") {
		t.Fatalf("revoke: %d %v", r.status, b.up.sent())
	}

	t.Run("refused dates in Vietnamese", func(t *testing.T) {
		b.up.refuse["POST /v1/authorisations"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid authorisation","errors":[{"field":"to","message":"is required, a date written YYYY-MM-DD"}]}`}
		b.post("/authorisations", url.Values{"csrf": {csrf}, "key": {"k2"}, "grantee_id": {"u-cv"}, "from": {"2026-12-01"}, "scope": {"inbox"}})
		if next := b.get("/authorisations"); !strings.Contains(next.body, "Đến ngày: bắt buộc nhập ngày") {
			t.Errorf("refusal not shown:\n%s", next.body)
		}
	})
}

func TestSigningRulesPage(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	p := b.get("/signing-rules")
	for _, w := range []string{"Sở Thông tin và Truyền thông", `name="tl_kinds" value="official_letter" checked`,
		`name="tl_kinds" value="invitation" checked`, `name="tl_kinds" value="decision">`} {
		if !strings.Contains(p.body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	s := b.post("/signing-rules", url.Values{"csrf": {csrf}, "agency": {"stttt"}, "tl_kinds": {"official_letter", "notice"}})
	if s.status != http.StatusSeeOther || s.location != "/signing-rules?agency=stttt" {
		t.Fatalf("%d %q", s.status, s.location)
	}
	if got := b.up.body("PUT /v1/agencies/stttt/signing-rules"); got != `{"tl_kinds":["official_letter","notice"]}` {
		t.Fatalf("sent %s", got)
	}
}

func TestCopies(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"trích sao carries its extract", url.Values{"form": {"BTS"}, "recipients": {"snv"}, "extract": {" Điều 2. "}, "note": {"Gửi SNV"}},
			`{"form":"BTS","recipients":["snv"],"extract":"Điều 2.","note":"Gửi SNV"}`},
		{"sao y copies all of it", url.Values{"form": {"BSY"}, "recipients": {"snv", "ttbc"}, "extract": {"left over"}},
			`{"form":"BSY","recipients":["snv","ttbc"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := url.Values{"csrf": {csrf}, "key": {tt.name}}
			for k, v := range tt.form {
				f[k] = v
			}
			p := b.post("/documents/d-flash/copies", f)
			if p.status != http.StatusSeeOther || p.location != "/documents/d-copy" {
				t.Fatalf("%d %q %s", p.status, p.location, p.body)
			}
			if got := b.up.body("POST /v1/documents/d-flash/copies"); got != tt.want {
				t.Fatalf("sent %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDocumentShowsOfficialFacts(t *testing.T) {
	b := newBrowser(t)
	b.login()
	p := b.get("/documents/d-qd")
	for _, w := range []string{"Tối mật", "Văn bản QPPL", "Văn bản quy phạm pháp luật", "Đơn vị soạn thảo</dt><dd>Phòng Thông tin - Báo chí",
		"TUQ. GIÁM ĐỐC<br>CHÁNH VĂN PHÒNG<br>Lê Minh Châu", "Ký theo ủy quyền của Phạm Quốc Dũng",
		`<a href="/documents/d-copy">03/BTS-STTTT</a>`, "Trích sao"} {
		if !strings.Contains(p.body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	// Copies are made by clerks; the leader is not offered the form.
	if strings.Contains(p.body, `action="/documents/d-qd/copies"`) {
		t.Errorf("copy form offered to a leader")
	}
}
