package httpapi_test

import (
	"strings"
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
		// Its scans are attached after, by a clerk of the agency only.
		scan := append([]byte("%PDF-1.4\n"), []byte(strings.Repeat("Bản quét ", 100))...)
		var att documentsapi.Attachment
		upload(t, e, d.ID, "stttt.vt", "Công văn 125.pdf", "application/pdf", scan, "", 201, &att)
		if att.Name != "Công văn 125.pdf" || att.DocumentID != d.ID {
			t.Fatalf("attachment %+v", att)
		}
		upload(t, e, d.ID, "stttt.ld", "b.pdf", "application/pdf", scan, "", 403, nil)
		upload(t, e, d.ID, "snv.ld", "b.pdf", "application/pdf", scan, "", 404, nil)
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

// TestExternalRecipientsInPDF: organisations outside the deployment a
// document is sent to are listed by name in its Nơi nhận, after the units.
func TestExternalRecipientsInPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		sign, _ := testenv.LocalSigning(t)
		e := testenv.New(t, db, testenv.WithSigning(sign),
			testenv.WithOrganisations(testenv.Directory{"000.00.00.H49": "UBND tỉnh Quảng Ninh"}))
		c := client{t: t, e: e}
		b := validBody()
		b["external_recipients"] = []string{"000.00.00.H49"}
		var d documentsapi.Document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", b, &d)
		if len(d.ExternalRecipients) != 1 || d.ExternalRecipients[0] != (documentsapi.ExternalRecipient{Code: "000.00.00.H49", Name: "UBND tỉnh Quảng Ninh"}) {
			t.Fatalf("external recipients %+v", d.ExternalRecipients)
		}
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, nil)
		r := c.do("GET", "/v1/documents/"+d.ID+"/pdf", "ubnd.cv", nil)
		if r.status != 200 {
			t.Fatalf("pdf: %d %s", r.status, r.raw)
		}
		text := layoutTextAll(t, r.raw)
		at := strings.Index(text, "Nơi nhận:")
		if at < 0 || !strings.Contains(text[at:], "UBND tỉnh Quảng Ninh") {
			t.Fatalf("no external recipient under Nơi nhận in\n%s", text)
		}
		b = validBody()
		b["external_recipients"] = []string{"000.00.00.X"}
		c.problem("POST", "/v1/documents", "ubnd.cv", b, 400, "external_recipients", "")
	})
}
