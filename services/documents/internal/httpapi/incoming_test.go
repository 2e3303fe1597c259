package httpapi_test

import (
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestIncomingRoute: POST /v1/documents/incoming registers a paper
// document (201, channel paper, sender, the sender's notation, its receipt
// registered with an incoming number) and refuses bad input with a 400
// problem naming the field; POST .../refuse needs a reason.
func TestIncomingRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db, testenv.WithOrganisations(testenv.Directory{"000.00.00.G22": "Văn phòng Chính phủ"}))
		c := client{t: t, e: e}
		body := func() map[string]any {
			return map[string]any{"sender": map[string]any{"name": "Bộ Nội vụ"}, "original_notation": "125/BNV-VP",
				"original_date": "2025-03-02", "kind": "official_letter", "summary": "Về cải cách hành chính", "urgency": "urgent", "pages": 2}
		}
		var d documentsapi.Document
		c.expect("POST", "/v1/documents/incoming", "stttt.vt", body(), 201, &d)
		if d.Channel != "paper" || d.Sender == nil || d.Sender.Name != "Bộ Nội vụ" || d.Notation != "125/BNV-VP" ||
			d.OriginalNotation != "125/BNV-VP" || d.IssuerUnitID != "" || d.Receipt == nil || d.Receipt.Status != "registered" ||
			d.Receipt.IncomingNumber != 1 {
			t.Fatalf("document %+v receipt %+v", d, d.Receipt)
		}
		for _, tc := range []struct {
			name  string
			edit  func(map[string]any)
			field string
		}{
			{"no sender", func(b map[string]any) { delete(b, "sender") }, "sender"},
			{"unknown kind", func(b map[string]any) { b["kind"] = "poem" }, "kind"},
			{"future date", func(b map[string]any) { b["original_date"] = "2999-01-01" }, "original_date"},
			{"unknown code", func(b map[string]any) { b["sender"] = map[string]any{"organisation_code": "X"} }, "sender.organisation_code"},
		} {
			b := body()
			tc.edit(b)
			c.problem("POST", "/v1/documents/incoming", "stttt.vt", b, 400, tc.field, "")
		}
		c.problem("POST", "/v1/documents/incoming", "stttt.vt", `{"sender":{"name":"x"},"extra":1}`, 400, "", "")
		c.problem("POST", "/v1/documents/incoming", "stttt.ld", body(), 403, "", "")
		var withCode documentsapi.Document
		b := body()
		b["sender"] = map[string]any{"organisation_code": "000.00.00.G22"}
		c.expect("POST", "/v1/documents/incoming", "stttt.vt", b, 201, &withCode)
		if withCode.Sender.Name != "Văn phòng Chính phủ" || withCode.Sender.OrganisationCode != "000.00.00.G22" || withCode.Receipt.IncomingNumber != 2 {
			t.Fatalf("by code: %+v %+v", withCode.Sender, withCode.Receipt)
		}
		// Refusal: a registered receipt cannot be; a reason is required.
		c.problem("POST", "/v1/documents/"+d.ID+"/refuse", "stttt.vt", map[string]any{"reason": ""}, 400, "reason", "")
		c.problem("POST", "/v1/documents/"+d.ID+"/refuse", "stttt.vt", map[string]any{"reason": "nhầm"}, 409, "", "registered")
		var list documentsapi.DocumentList
		c.expect("GET", "/v1/documents?box=incoming&channel=paper", "stttt.vt", nil, 200, &list)
		if len(list.Items) != 2 || list.Items[0].Channel != "paper" {
			t.Fatalf("list %+v", list.Items)
		}
		c.problem("GET", "/v1/documents?box=incoming&channel=fax", "stttt.vt", nil, 400, "channel", "")
	})
}
