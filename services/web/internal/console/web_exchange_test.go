package console

import (
	"net/http"
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
