package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// Documents that came from outside: one by exchange from a ministry, one
// on paper from a company, beside one of ours.
const crossingList = `{"items":[
	{"id":"d-ex","kind":"official_letter","status":"issued","summary":"Về việc triển khai nền tảng số","urgency":"urgent","confidentiality":"normal","notation":"125/BTTTT-CĐSQG","issued_at":"2026-11-21T01:00:00Z","created_at":"2026-11-21T01:00:00Z","receipt_status":"received",
	 "channel":"exchange","sender":{"organisation_code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"},"original_notation":"125/BTTTT-CĐSQG","original_date":"2026-11-18"},
	{"id":"d-paper","kind":"official_letter","status":"issued","summary":"Về việc cắt điện định kỳ","urgency":"normal","confidentiality":"normal","notation":"88/PCKH-KD","issued_at":"2026-11-22T01:00:00Z","created_at":"2026-11-22T01:00:00Z","receipt_status":"registered",
	 "receipt":{"agency_id":"stttt","status":"registered","incoming_number":57,"registered_at":"2026-11-22T01:00:00Z","updated_at":"2026-11-22T01:00:00Z"},
	 "channel":"paper","sender":{"name":"Công ty Điện lực Khánh Hòa"},"original_notation":"88/PCKH-KD","original_date":"2026-11-19"},
	{"id":"d-flash","kind":"directive","status":"issued","issuer_unit_id":"ubnd","summary":"Về việc ứng phó bão số 9","urgency":"flash","confidentiality":"normal","notation":"15/CT-UBND","issued_at":"2026-11-20T02:30:00Z","created_at":"2026-11-19T02:30:00Z","receipt_status":"received","channel":"internal"}]}`

func init() {
	special["GET /v1/documents"] = chain(special["GET /v1/documents"], func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		q := r.URL.Query()
		if q.Get("box") != "incoming" || (q.Get("channel") == "" && q.Get("q") != "ngoai") {
			return false
		}
		u.note("GET /v1/documents?", r.URL.RawQuery)
		return writeJSON(w, http.StatusOK, crossingList)
	})
}

// chain answers with the first handler that answers (nil ones skipped).
func chain(hs ...func(*upstream, http.ResponseWriter, *http.Request, []byte) bool) func(*upstream, http.ResponseWriter, *http.Request, []byte) bool {
	return func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		for _, h := range hs {
			if h != nil && h(u, w, r, raw) {
				return true
			}
		}
		return false
	}
}

// TestIncomingBoxChannels: the incoming box shows where each document came
// from (Nội bộ, Liên thông, Giấy), its sender, số đến, ngày đến and the
// sender's own notation and date, and filters by channel.
func TestIncomingBoxChannels(t *testing.T) {
	b := newBrowser(t)
	b.login()
	p := b.get("/incoming?q=ngoai")
	checkPage(t, p, http.StatusOK, []string{
		`<th scope="col">Nguồn</th><th scope="col">Nơi gửi</th><th scope="col">Số, ký hiệu gốc</th><th scope="col">Trích yếu</th><th scope="col">Số đến</th><th scope="col">Ngày đến</th>`,
		`<span class="tag channel-exchange">Liên thông</span></td>
<td data-label="Nơi gửi">Bộ Thông tin và Truyền thông</td>
<td data-label="Số, ký hiệu gốc">125/BTTTT-CĐSQG<br><small>ngày 18/11/2026</small></td>`,
		`<span class="tag channel-paper">Giấy</span></td>
<td data-label="Nơi gửi">Công ty Điện lực Khánh Hòa</td>`,
		`<td data-label="Số đến">57</td>
<td data-label="Ngày đến">22/11/2026</td>`,
		`<span class="tag channel-internal">Nội bộ</span></td>
<td data-label="Nơi gửi">Ủy ban nhân dân tỉnh Khánh Hòa</td>
<td data-label="Số, ký hiệu gốc">15/CT-UBND</td>`,
		`<label for="channel">Nguồn</label>`, `<option value="paper">Giấy</option>`,
	}, []string{"000.00.00.G22"})
	// A leader registers nothing on paper; the link is for clerks.
	if strings.Contains(p.body, `href="/incoming/paper"`) {
		t.Errorf("a leader is offered the paper register")
	}

	f := b.get("/incoming?channel=exchange&status=received")
	checkPage(t, f, http.StatusOK, []string{`<option value="exchange" selected>Liên thông</option>`}, nil)
	if got := b.up.body("GET /v1/documents?"); got != "box=incoming&channel=exchange&limit=50&status=received" {
		t.Fatalf("the box asked %q", got)
	}
}

// The agency's clerk (văn thư) signs in as vt.stttt with its own token.
const clerkToken = "SECRET-clerk-access"

func init() {
	special["POST /v1/token"] = chain(func(_ *upstream, w http.ResponseWriter, _ *http.Request, raw []byte) bool {
		if !strings.Contains(string(raw), "username=vt.stttt") {
			return false
		}
		return writeJSON(w, http.StatusOK, `{"access_token":"`+clerkToken+`","token_type":"Bearer","expires_in":900,"refresh_token":"SECRET-clerk-refresh"}`)
	}, special["POST /v1/token"])
	special["GET /v1/me"] = chain(func(_ *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.Header.Get("Authorization") != "Bearer "+clerkToken {
			return false
		}
		return writeJSON(w, http.StatusOK, `{"id":"u-vt","username":"vt.stttt","full_name":"Võ Thị Hoa","unit_id":"stttt","roles":["clerk"]}`)
	}, special["GET /v1/me"])
	for k, v := range map[string]string{
		"GET /v1/documents/d-ex": `{"id":"d-ex","kind":"official_letter","kind_name":"Công văn","status":"issued","summary":"Về việc triển khai nền tảng số","urgency":"urgent","confidentiality":"normal","recipients":["stttt"],"notation":"125/BTTTT-CĐSQG","issued_at":"2026-11-21T01:00:00Z","created_at":"2026-11-21T01:00:00Z",
			"receipt":{"agency_id":"stttt","status":"received","updated_at":"2026-11-21T01:00:00Z"},"attachments":[{"id":"a-ex","filename":"125-BTTTT.pdf","content_type":"application/pdf","size":40960}],
			"channel":"exchange","sender":{"organisation_code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"},"original_notation":"125/BTTTT-CĐSQG","original_date":"2026-11-18",
			"external_signer":{"full_name":"Nguyễn Huy Dũng","competence":"KT. BỘ TRƯỞNG","position":"THỨ TRƯỞNG"}}`,
		"GET /v1/documents/d-ex/history": `{"items":[]}`,
		"GET /v1/documents/d-paper": `{"id":"d-paper","kind":"official_letter","status":"issued","summary":"Về việc cắt điện định kỳ","urgency":"normal","confidentiality":"normal","recipients":["stttt"],"notation":"88/PCKH-KD","issued_at":"2026-11-22T01:00:00Z","created_at":"2026-11-22T01:00:00Z","drafter":{"user_id":"u-vt","full_name":"Võ Thị Hoa"},
			"receipt":{"agency_id":"stttt","status":"registered","incoming_number":57,"registered_at":"2026-11-22T01:00:00Z","updated_at":"2026-11-22T01:00:00Z"},
			"channel":"paper","sender":{"name":"Công ty Điện lực Khánh Hòa"},"original_notation":"88/PCKH-KD","original_date":"2026-11-19","pages":3}`,
		"GET /v1/documents/d-paper/history": `{"items":[]}`,
	} {
		sample[k] = v
	}
	// The directory searches code and name for ?q= (any case), as
	// exchange does, and says there is more when asked for one.
	special["GET /v1/exchange/organisations"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("GET /v1/exchange/organisations?", r.URL.RawQuery)
		q := strings.ToLower(r.URL.Query().Get("q"))
		var items []string
		for _, o := range directory {
			if q == "" || strings.Contains(strings.ToLower(o), q) {
				items = append(items, o)
			}
		}
		next := ""
		if r.URL.Query().Get("limit") == "1" && len(items) > 1 {
			items, next = items[:1], `,"next_cursor":"o2"`
		}
		return writeJSON(w, http.StatusOK, `{"items":[`+strings.Join(items, ",")+`]`+next+`}`)
	}
	special["POST /v1/documents/incoming"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		return writeJSON(w, http.StatusCreated, `{"id":"d-paper2","status":"issued","channel":"paper","receipt":{"agency_id":"stttt","status":"registered","incoming_number":58,"updated_at":"2026-11-22T01:00:00Z"}}`)
	}
}

var directory = []string{
	`{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông","address":"18 Nguyễn Du, Hà Nội","email":"vanthu@mic.gov.vn"}`,
	`{"code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng","parent_code":"000.00.00.A00"}`,
}

// clerkBrowser is a browser signed in as the clerk, and its CSRF token.
func clerkBrowser(t *testing.T) (*browser, string) {
	t.Helper()
	b := newBrowser(t)
	form := b.get("/login")
	p := b.post("/login", url.Values{"csrf": {csrfOf(t, form)}, "username": {"vt.stttt"}, "password": {"dung-mat-khau-2026"}, "next": {"/incoming"}})
	if p.status != http.StatusSeeOther || p.location != "/incoming" {
		t.Fatalf("clerk login: %d %q %s", p.status, p.location, p.body)
	}
	return b, csrfOf(t, b.get("/incoming"))
}

// TestRegisterPaper: the clerk's form offers the exchange directory and
// every field; what it posts reaches POST /v1/documents/incoming as the
// service takes it (a directory organisation by its code, any other
// sender by name), then the document's page asks for the scans. Bad input
// is refused in Vietnamese and sends nothing; the service's refusal keeps
// the values.
func TestRegisterPaper(t *testing.T) {
	b, csrf := clerkBrowser(t)
	in := b.get("/incoming")
	checkPage(t, in, http.StatusOK, []string{`<a class="button" href="/incoming/paper">+ Vào sổ văn bản giấy</a>`}, nil)
	form := b.get("/incoming/paper")
	checkPage(t, form, http.StatusOK, []string{"<h1>Vào sổ văn bản giấy</h1>", `<input id="sender" name="sender" list="org-list" required`,
		`<option value="Bộ Thông tin và Truyền thông (000.00.00.G22)"></option>`, `<label for="original_notation">Số, ký hiệu văn bản</label>`,
		`<label for="original_date">Ngày văn bản</label>`, `<option value="official_letter" selected>Công văn</option>`, `<label for="pages">Số trang</label>`,
		`<option value="flash">Hỏa tốc</option>`, `<option value="secret">Tối mật</option>`}, nil)
	checkLabels(t, form.body)

	base := url.Values{"csrf": {csrf}, "key": {"k1"}, "original_notation": {"88/PCKH-KD"}, "original_date": {"2026-11-19"},
		"kind": {"official_letter"}, "summary": {"Về việc cắt điện định kỳ"}, "urgency": {"urgent"}, "confidentiality": {"normal"}, "pages": {"3"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for kk, vv := range base {
			f[kk] = vv
		}
		f.Set(k, v)
		return f
	}
	tests := []struct {
		name, sender, want string
	}{
		{"from the directory", "Bộ Thông tin và Truyền thông (000.00.00.G22)", `{"sender":{"organisation_code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"},`},
		{"a directory code typed", "000.00.00.h41", `{"sender":{"organisation_code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng"},`},
		{"typed", "Công ty Điện lực Khánh Hòa", `{"sender":{"name":"Công ty Điện lực Khánh Hòa"},`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.post("/incoming/paper", with("sender", tt.sender))
			if p.status != http.StatusSeeOther || p.location != "/documents/d-paper2#h-attachments" {
				t.Fatalf("%d %q %s", p.status, p.location, p.body)
			}
			want := tt.want + `"original_notation":"88/PCKH-KD","original_date":"2026-11-19","kind":"official_letter","summary":"Về việc cắt điện định kỳ","urgency":"urgent","confidentiality":"normal","pages":3}`
			if got := b.up.body("POST /v1/documents/incoming"); got != want {
				t.Fatalf("sent %s\nwant %s", got, want)
			}
		})
	}
	if p := b.get("/documents/d-paper"); !strings.Contains(p.body, "Đã vào sổ văn bản đến, số đến 58. Hãy tải lên bản quét của văn bản.") {
		t.Errorf("no message after registering:\n%s", p.body)
	}

	refused := []struct {
		name   string
		form   url.Values
		refuse *refusal
		want   []string
	}{
		{"no sender", with("sender", " "), nil, []string{"Nơi gửi: chọn cơ quan trong danh bạ hoặc nhập tên"}},
		{"pages not a number", with("pages", "ba"), nil, []string{"Số trang: phải là số nguyên không âm"}},
		{"date in the future", with("sender", "Công ty Điện lực Khánh Hòa"), &refusal{400, `{"status":400,"title":"Bad Request","detail":"the request has invalid fields","errors":[{"field":"original_date","message":"is in the future"}]}`},
			[]string{"Ngày văn bản: không được sau ngày hôm nay", `value="Công ty Điện lực Khánh Hòa"`, `value="88/PCKH-KD"`}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := len(b.up.sent())
			if tt.refuse != nil {
				b.up.refuse["POST /v1/documents/incoming"] = *tt.refuse
				defer delete(b.up.refuse, "POST /v1/documents/incoming")
			}
			p := b.post("/incoming/paper", tt.form)
			checkPage(t, p, http.StatusBadRequest, append(tt.want, "Thông tin chưa hợp lệ, vui lòng kiểm tra lại."), nil)
			if sent := b.up.sent()[before:]; tt.refuse == nil && len(sent) != 0 {
				t.Fatalf("bad input reached the services: %v", sent)
			}
		})
	}

	t.Run("the scans go to the document's page", func(t *testing.T) {
		p := b.get("/documents/d-paper")
		checkPage(t, p, http.StatusOK, []string{`<dt>Nguồn</dt><dd>Giấy</dd>`, `<dt>Nơi gửi</dt><dd>Công ty Điện lực Khánh Hòa</dd>`,
			`<dt>Số, ký hiệu gốc</dt><dd>88/PCKH-KD</dd>`, `<dt>Ngày văn bản</dt><dd>19/11/2026</dd>`, `<dt>Số trang</dt><dd>3</dd>`, `<dt>Người vào sổ</dt><dd>Võ Thị Hoa</dd>`,
			`action="/documents/d-paper/attachments"`, "Thêm bản quét"}, []string{"Đang tạo bản PDF", "Cơ quan ban hành", `action="/documents/d-paper/refuse"`})
	})
	t.Run("only clerks", func(t *testing.T) {
		l := newBrowser(t)
		csrf := l.login()
		if p := l.get("/incoming/paper"); p.status != http.StatusForbidden || !strings.Contains(p.body, "Trang này dành cho văn thư") {
			t.Fatalf("%d %s", p.status, p.body)
		}
		if p := l.post("/incoming/paper", with("csrf", csrf)); p.status != http.StatusForbidden || slices.Contains(l.up.sent(), "POST /v1/documents/incoming") {
			t.Fatalf("%d, sent %v", p.status, l.up.sent())
		}
	})
}

// TestRefuseExchangeDocument: the clerk refuses a document that came by
// exchange with a reason, which reaches POST /v1/documents/{id}/refuse; an
// empty reason is refused in Vietnamese. A paper document has no such
// action.
func TestRefuseExchangeDocument(t *testing.T) {
	b, csrf := clerkBrowser(t)
	p := b.get("/documents/d-ex")
	checkPage(t, p, http.StatusOK, []string{`action="/documents/d-ex/refuse"`, `<label for="refuse_reason">Lý do từ chối (gửi lại cho cơ quan gửi)</label>`,
		"Vào sổ văn bản đến", `<dt>Nguồn</dt><dd>Liên thông</dd>`, `<dt>Người ký</dt><dd>KT. BỘ TRƯỞNG<br>THỨ TRƯỞNG<br>Nguyễn Huy Dũng</dd>`, `Bộ Thông tin và Truyền thông <small class="muted">(mã định danh 000.00.00.G22)</small>`}, nil)
	r := b.post("/documents/d-ex/refuse", url.Values{"csrf": {csrf}, "reason": {"Gửi nhầm cơ quan"}})
	if r.status != http.StatusSeeOther || r.location != "/documents/d-ex" {
		t.Fatalf("%d %q", r.status, r.location)
	}
	if got := b.up.body("POST /v1/documents/d-ex/refuse"); got != `{"reason":"Gửi nhầm cơ quan"}` {
		t.Fatalf("sent %s", got)
	}
	checkPage(t, b.get("/documents/d-ex"), http.StatusOK, []string{"Đã từ chối văn bản; cơ quan gửi sẽ nhận được lý do."}, nil)

	b.up.refuse["POST /v1/documents/d-ex/refuse"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"the request has invalid fields","errors":[{"field":"reason","message":"is required"}]}`}
	b.post("/documents/d-ex/refuse", url.Values{"csrf": {csrf}, "reason": {""}})
	checkPage(t, b.get("/documents/d-ex"), http.StatusOK, []string{"Lý do: bắt buộc nhập"}, nil)
}

const edxmlSample = `<?xml version="1.0" encoding="UTF-8"?><edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>`

func init() {
	sample["GET /v1/documents/d-extout"] = `{"id":"d-extout","kind":"official_letter","kind_name":"Công văn","status":"issued","issuer_unit_id":"stttt","summary":"Về việc phối hợp chuyển đổi số","urgency":"normal","confidentiality":"normal","recipients":["snv"],"notation":"45/STTTT-TTBC","number":45,"issued_at":"2026-11-20T02:30:00Z","created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"u-cv","full_name":"Lê Minh Châu"},"pdf":{"attachment_id":"a-pdf"},
		"channel":"internal","external_recipients":[{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"},{"code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng"},{"code":"000.00.00.H10","name":"Ủy ban nhân dân tỉnh Cao Bằng"}]}`
	sample["GET /v1/documents/d-extout/history"] = `{"items":[]}`
	sample["GET /v1/documents/d-extout/signatures"] = `{"items":[]}`
	// The packages page's list (web_exchange_admin_test.go) answers the
	// other queries.
	special["GET /v1/exchange/packages"] = chain(func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		q := r.URL.Query()
		u.note("GET /v1/exchange/packages?", r.URL.RawQuery)
		switch q.Get("direction") + " " + q.Get("document_id") {
		case "out d-extout":
			return writeJSON(w, http.StatusOK, `{"items":[
				{"id":"p-out2","direction":"out","organisation_code":"000.00.00.H41","document_id":"d-extout","notation":"45/STTTT-TTBC","state":"refused","reason":"Sai thể thức văn bản","created_at":"2026-11-20T02:31:00Z","updated_at":"2026-11-20T04:00:00Z",
				 "statuses":[{"code":"01","name":"arrived","direction":"received","at":"2026-11-20T02:35:00Z"},{"code":"02","name":"refused","direction":"received","at":"2026-11-20T04:00:00Z","note":"Sai thể thức văn bản"}]},
				{"id":"p-out1","direction":"out","organisation_code":"000.00.00.G22","document_id":"d-extout","notation":"45/STTTT-TTBC","state":"registered","created_at":"2026-11-20T02:31:00Z","updated_at":"2026-11-20T03:00:00Z",
				 "statuses":[{"code":"01","name":"arrived","direction":"received","at":"2026-11-20T02:35:00Z"},{"code":"03","name":"registered","direction":"received","at":"2026-11-20T03:10:00Z"}]}]}`)
		case "in d-ex":
			return writeJSON(w, http.StatusOK, `{"items":[{"id":"p-in1","direction":"in","organisation_code":"000.00.00.G22","organisation_name":"Bộ Thông tin và Truyền thông","document_id":"d-ex","notation":"125/BTTTT-CĐSQG","subject":"Về việc triển khai nền tảng số","state":"accepted","signature":"valid","created_at":"2026-11-21T01:00:00Z","updated_at":"2026-11-21T01:00:00Z",
				"statuses":[{"code":"01","name":"arrived","direction":"sent","at":"2026-11-21T01:00:00Z"}]}]}`)
		}
		return false
	}, special["GET /v1/exchange/packages"])
	special["GET /v1/exchange/packages/p-out1/edxml"] = func(_ *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.Header.Get("Authorization") == "" {
			return writeJSON(w, http.StatusUnauthorized, `{"status":401}`)
		}
		w.Header().Set("Content-Type", "text/html") // the console must not pass this on
		_, _ = w.Write([]byte(edxmlSample))
		return true
	}
}

// TestDocumentExternalRecipients: the page of a document we issued to
// organisations outside shows each one's latest state from its package
// (Đã vào sổ, Từ chối with the reason, Chờ gửi before exchange has made
// it) and links its edXML, which the console streams as a file.
func TestDocumentExternalRecipients(t *testing.T) {
	b := newBrowser(t)
	b.login()
	p := b.get("/documents/d-extout")
	checkPage(t, p, http.StatusOK, []string{
		`<dt>Nơi nhận</dt><dd>SNV; Bộ Thông tin và Truyền thông, Ủy ban nhân dân tỉnh Lâm Đồng, Ủy ban nhân dân tỉnh Cao Bằng <small class="muted">(ngoài hệ thống, gửi liên thông)</small></dd>`,
		`<h2 id="h-exchange">Gửi liên thông ngoài hệ thống</h2>`,
		`<tr><td data-label="Nơi nhận">Bộ Thông tin và Truyền thông</td><td data-label="Mã định danh">000.00.00.G22</td>
<td data-label="Trạng thái"><span class="tag pkg-registered">Đã vào sổ</span></td>
<td data-label="Cập nhật">20/11/2026 10:10</td>
<td data-label="Gói tin"><a href="/exchange/packages/p-out1/edxml" download>Tải gói tin (.edxml)</a></td></tr>`,
		`<span class="tag pkg-refused">Từ chối</span><br><small>Lý do: Sai thể thức văn bản</small>`,
		`<td data-label="Nơi nhận">Ủy ban nhân dân tỉnh Cao Bằng</td><td data-label="Mã định danh">000.00.00.H10</td>
<td data-label="Trạng thái"><span class="tag pkg-queued">Chờ gửi</span></td>`,
		`<span class="muted">Chưa tạo</span>`,
	}, nil)
	if got := b.up.body("GET /v1/exchange/packages?"); got != "direction=out&document_id=d-extout&limit=500" {
		t.Fatalf("asked exchange %q", got)
	}

	d := b.get("/exchange/packages/p-out1/edxml")
	if d.status != http.StatusOK || d.body != edxmlSample || d.header.Get("Content-Type") != "application/xml" ||
		d.header.Get("Content-Disposition") != `attachment; filename=p-out1.edxml` || !strings.Contains(d.header.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("download: %d %v %q", d.status, d.header, d.body)
	}
	if nf := b.get("/exchange/packages/p-nope/edxml"); nf.status != http.StatusNotFound || !strings.Contains(nf.body, "Không tìm thấy") {
		t.Fatalf("unknown package: %d %s", nf.status, nf.body)
	}

	t.Run("exchange unreachable: the page still shows, saying so", func(t *testing.T) {
		b.up.refuse["GET /v1/exchange/packages"] = refusal{503, `{"status":503}`}
		defer delete(b.up.refuse, "GET /v1/exchange/packages")
		checkPage(t, b.get("/documents/d-extout"), http.StatusOK, []string{"Không đọc được tình hình gửi, nhận liên thông", "Về việc phối hợp chuyển đổi số"}, nil)
	})
}

// TestIncomingPackageSignature: the page of a document that came by
// exchange shows its package's signature result and the statuses sent
// back.
func TestIncomingPackageSignature(t *testing.T) {
	b, _ := clerkBrowser(t)
	checkPage(t, b.get("/documents/d-ex"), http.StatusOK, []string{`<h2 id="h-exchange">Gói tin liên thông đến</h2>`,
		`<dt>Chữ ký số của gói tin</dt><dd><span class="ok">` + icon("check") + ` Hợp lệ</span></dd>`,
		`<a href="/exchange/packages/p-in1/edxml" download>`, `<strong>Đã đến</strong> <small class="muted">(Gửi đi)</small>`}, nil)
	if got := b.up.body("GET /v1/exchange/packages?"); got != "direction=in&document_id=d-ex&limit=500" {
		t.Fatalf("asked exchange %q", got)
	}
}

// TestDraftExternalRecipients: the draft form offers the exchange
// directory; the chosen organisations print in Nơi nhận and are sent as
// external_recipients.
func TestDraftExternalRecipients(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	form := b.get("/documents/new")
	checkPage(t, form, http.StatusOK, []string{"Nơi nhận ngoài hệ thống",
		`<label class="org"><input type="checkbox" name="external_recipients" value="000.00.00.G22"> Bộ Thông tin và Truyền thông <small class="muted">(000.00.00.G22)</small></label>`}, nil)
	f := url.Values{"csrf": {csrf}, "key": {"k-ext"}, "kind": {"official_letter"}, "summary": {"V/v phối hợp"}, "recipients": {"snv"},
		"external_recipients": {"000.00.00.H41", "000.00.00.G22"}, "drafting_unit_id": {"ttbc"}}
	prev := url.Values{"preview": {"1"}}
	for k, v := range f {
		prev[k] = v
	}
	pv := b.post("/documents", prev)
	checkPage(t, pv, http.StatusOK, []string{"- Sở Nội vụ;\n- Bộ Thông tin và Truyền thông;\n- Ủy ban nhân dân tỉnh Lâm Đồng;\n- Lưu: VT, TTBC.",
		`value="000.00.00.H41" checked`}, nil)
	if p := b.post("/documents", f); p.status != http.StatusSeeOther {
		t.Fatalf("%d %s", p.status, p.body)
	}
	want := `{"kind":"official_letter","summary":"V/v phối hợp","body":"","recipients":["snv"],"drafting_unit_id":"ttbc","external_recipients":["000.00.00.H41","000.00.00.G22"]}`
	if got := b.up.body("POST /v1/documents"); got != want {
		t.Fatalf("sent %s\nwant %s", got, want)
	}
	t.Run("an unknown organisation is refused in Vietnamese", func(t *testing.T) {
		b.up.refuse["POST /v1/documents"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"the request has invalid fields","errors":[{"field":"external_recipients","message":"unknown organisation code 000.00.00.H99"}]}`}
		p := b.post("/documents", f)
		checkPage(t, p, http.StatusBadRequest, []string{"Nơi nhận ngoài hệ thống: mã 000.00.00.H99 không có trong danh bạ cơ quan ngoài hệ thống"}, nil)
	})
}

// TestDirectorySearch: the forms offer a part of the directory and search
// it on exchange; the draft keeps a chosen organisation the search left
// out; the paper form's search sends nothing.
func TestDirectorySearch(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	pv := b.post("/documents", url.Values{"csrf": {csrf}, "key": {"k"}, "kind": {"official_letter"}, "summary": {"S"},
		"recipients": {"snv"}, "external_recipients": {"000.00.00.G22"}, "org_q": {"lâm đồng"}, "preview": {"1"}})
	checkPage(t, pv, http.StatusOK, []string{`value="000.00.00.H41">`, `value="000.00.00.G22" checked>`, `<input id="org_q" name="org_q" value="lâm đồng">`,
		"- Sở Nội vụ;\n- Bộ Thông tin và Truyền thông;\n- Lưu: VT"}, nil)
	if got := b.up.body("GET /v1/exchange/organisations?"); got != "limit=200&q=l%C3%A2m+%C4%91%E1%BB%93ng" {
		t.Fatalf("asked %q", got)
	}
	if slices.Contains(b.up.sent(), "POST /v1/documents") {
		t.Fatal("the search sent the draft")
	}

	c, ccsrf := clerkBrowser(t)
	f := c.post("/incoming/paper", url.Values{"csrf": {ccsrf}, "sender": {"thông tin"}, "find": {"1"}, "summary": {"Giữ lại"}})
	checkPage(t, f, http.StatusOK, []string{`<option value="Bộ Thông tin và Truyền thông (000.00.00.G22)"></option>`, `value="Giữ lại"`},
		[]string{"Lâm Đồng"})
	if slices.Contains(c.up.sent(), "POST /v1/documents/incoming") {
		t.Fatal("the search registered a document")
	}
}
