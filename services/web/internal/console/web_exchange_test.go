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
		"GET /v1/exchange/organisations": `{"items":[
			{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông","address":"18 Nguyễn Du, Hà Nội","email":"vanthu@mic.gov.vn"},
			{"code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng","parent_code":"000.00.00.A00"}]}`,
		"GET /v1/documents/d-ex": `{"id":"d-ex","kind":"official_letter","kind_name":"Công văn","status":"issued","summary":"Về việc triển khai nền tảng số","urgency":"urgent","confidentiality":"normal","recipients":["stttt"],"notation":"125/BTTTT-CĐSQG","issued_at":"2026-11-21T01:00:00Z","created_at":"2026-11-21T01:00:00Z",
			"receipt":{"agency_id":"stttt","status":"received","updated_at":"2026-11-21T01:00:00Z"},"attachments":[{"id":"a-ex","filename":"125-BTTTT.pdf","content_type":"application/pdf","size":40960}],
			"channel":"exchange","sender":{"organisation_code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"},"original_notation":"125/BTTTT-CĐSQG","original_date":"2026-11-18"}`,
		"GET /v1/documents/d-ex/history": `{"items":[]}`,
		"GET /v1/documents/d-paper": `{"id":"d-paper","kind":"official_letter","status":"issued","summary":"Về việc cắt điện định kỳ","urgency":"normal","confidentiality":"normal","recipients":["stttt"],"notation":"88/PCKH-KD","issued_at":"2026-11-22T01:00:00Z","created_at":"2026-11-22T01:00:00Z","drafter":{"user_id":"u-vt","full_name":"Võ Thị Hoa"},
			"receipt":{"agency_id":"stttt","status":"registered","incoming_number":57,"registered_at":"2026-11-22T01:00:00Z","updated_at":"2026-11-22T01:00:00Z"},
			"channel":"paper","sender":{"name":"Công ty Điện lực Khánh Hòa"},"original_notation":"88/PCKH-KD","original_date":"2026-11-19","pages":3}`,
		"GET /v1/documents/d-paper/history": `{"items":[]}`,
	} {
		sample[k] = v
	}
	special["POST /v1/documents/incoming"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		return writeJSON(w, http.StatusCreated, `{"id":"d-paper2","status":"issued","channel":"paper","receipt":{"agency_id":"stttt","status":"registered","incoming_number":58,"updated_at":"2026-11-22T01:00:00Z"}}`)
	}
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
			`<dt>Số, ký hiệu gốc</dt><dd>88/PCKH-KD</dd>`, `<dt>Ngày văn bản</dt><dd>19/11/2026</dd>`, `<dt>Số trang</dt><dd>3</dd>`,
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
		"Vào sổ văn bản đến", `<dt>Nguồn</dt><dd>Liên thông</dd>`, `Bộ Thông tin và Truyền thông <small class="muted">(mã định danh 000.00.00.G22)</small>`}, nil)
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
