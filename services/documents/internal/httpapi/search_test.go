package httpapi_test

import (
	"fmt"
	"net/url"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestSearchRoute: GET /v1/documents with the search form's fields, with
// and without box: each finds its document, combined they narrow, a
// notation in q comes first, "số đến N" is the incoming number, a stranger
// finds nothing, bad values are 400 problems naming the field.
func TestSearchRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t: t, e: e}
		dir := c.issued("ubnd.cv", "ubnd.ld", "ubnd.vt", map[string]any{"kind": "directive",
			"summary": "Về tăng cường chuyển đổi số", "recipients": []string{id("STTTT")}, "due_date": "2026-12-31"})
		notice := c.issued("ubnd.cv", "ubnd.ld", "ubnd.vt", map[string]any{"kind": "notice",
			"summary": "Thông báo về chuyển đổi số", "recipients": []string{id("STTTT")}, "urgency": "flash"})
		var reg documentsapi.Document
		c.expect("POST", "/v1/documents/"+dir.ID+"/register", "stttt.vt", nil, 200, &reg)
		var paper documentsapi.Document
		c.expect("POST", "/v1/documents/incoming", "stttt.vt", map[string]any{"sender": map[string]any{"name": "Bộ Nội vụ"},
			"original_notation": "125/BNV-VP", "original_date": "2025-03-02", "kind": "official_letter",
			"summary": "Về cải cách hành chính", "urgency": "normal"}, 201, &paper)

		find := func(login, query string) []string {
			t.Helper()
			var list documentsapi.DocumentList
			c.expect("GET", "/v1/documents?"+query, login, nil, 200, &list)
			var got []string
			for _, d := range list.Items {
				got = append(got, d.ID)
			}
			return got
		}
		num := fmt.Sprint(reg.Receipt.IncomingNumber)
		for _, tt := range []struct {
			login, query string
			want         []string
		}{
			{"stttt.vt", "notation=" + url.QueryEscape(dir.Notation), []string{dir.ID}},
			{"stttt.vt", "box=incoming&notation=" + url.QueryEscape(dir.Notation), []string{dir.ID}},
			{"stttt.vt", "notation=125%2Fbnv", []string{paper.ID}},
			{"stttt.vt", "q=" + url.QueryEscape(dir.Notation), []string{dir.ID}},
			{"stttt.vt", "q=" + url.QueryEscape("chuyen doi so"), []string{notice.ID, dir.ID}},
			{"stttt.vt", "box=incoming&incoming_number=" + num, []string{dir.ID}},
			{"stttt.vt", "box=incoming&q=" + url.QueryEscape("số đến "+num), []string{dir.ID}},
			{"stttt.vt", "sender=" + url.QueryEscape("bo noi vu"), []string{paper.ID}},
			{"stttt.vt", "sender=UBND&kind=notice", []string{notice.ID}},
			{"stttt.vt", "kind=directive&status=issued&channel=internal", []string{dir.ID}},
			{"stttt.vt", "channel=paper&from=2025-03-01&to=2025-03-02", []string{paper.ID}},
			{"stttt.vt", "channel=paper&from=2025-03-03", nil},
			{"ubnd.vt", "recipient=STTTT&kind=directive", []string{dir.ID}},
			{"syt.ld", "notation=" + url.QueryEscape(dir.Notation), nil},
			{"syt.ld", "q=" + url.QueryEscape("chuyen doi so"), nil},
		} {
			if got := find(tt.login, tt.query); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s %s: %v, want %v", tt.login, tt.query, got, tt.want)
			}
		}
		// A notation typed in q comes first among what the words find.
		if got := find("stttt.vt", "q="+url.QueryEscape("chuyển đổi số")+"&notation="+url.QueryEscape(dir.Notation)); len(got) != 1 || got[0] != dir.ID {
			t.Errorf("notation and q: %v", got)
		}
		// Hạn xử lý in the incoming box: the document's due date until a direction sets one.
		var box documentsapi.DocumentList
		c.expect("GET", "/v1/documents?box=incoming&kind=directive", "stttt.vt", nil, 200, &box)
		if len(box.Items) != 1 || box.Items[0].HandlingDueDate != "2026-12-31" {
			t.Errorf("handling due date: %+v", box.Items)
		}
		for _, tt := range []struct{ query, field string }{
			{"from=2025-13-01", "from"},
			{"to=yesterday", "to"},
			{"from=2025-03-02&to=2025-03-01", "to"},
			{"incoming_number=abc", "incoming_number"},
			{"incoming_number=-1", "incoming_number"},
			{"box=outgoing&incoming_number=1", "incoming_number"},
			{"status=lost", "status"},
			{"kind=poem", "kind"},
			{"channel=fax", "channel"},
		} {
			c.problem("GET", "/v1/documents?"+tt.query, "stttt.vt", nil, 400, tt.field, "")
		}
	})
}
