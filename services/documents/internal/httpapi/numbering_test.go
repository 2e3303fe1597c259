package httpapi_test

import (
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestNumberingOverHTTP: the wire names of the numbering rules — the
// normative flag, the drafting division, the copies' routes — and their
// refusals as problems naming the field.
func TestNumberingOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.SetClock(time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC))
		c := client{t, e}
		flow := func(body map[string]any) documentsapi.Document {
			t.Helper()
			var d documentsapi.Document
			c.expect("POST", "/v1/documents", "ubnd.cv", body, 201, &d)
			c.expect("POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, 200, nil)
			c.expect("POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, 200, nil)
			c.expect("POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, 200, &d)
			return d
		}
		d := flow(map[string]any{"kind": "decision", "summary": "Quy định quản lý", "recipients": []string{id("STTTT")}, "normative": true})
		if d.Notation != "01/2026/QĐ-UBND" || !d.Normative {
			t.Fatalf("normative decision %q, normative %v", d.Notation, d.Normative)
		}
		c.problem("POST", "/v1/documents", "ubnd.cv", map[string]any{"kind": "plan", "summary": "Kế hoạch",
			"recipients": []string{id("STTTT")}, "normative": true}, 400, "normative", "")

		// A Công văn names its drafting division.
		var letter documentsapi.Document
		c.expect("POST", "/v1/documents", "ubnd.cv", map[string]any{"kind": "official_letter", "summary": "V/v báo cáo",
			"recipients": []string{id("SNV")}}, 201, &letter)
		c.problem("POST", "/v1/documents/"+letter.ID+"/submit", "ubnd.cv", nil, 400, "drafting_unit_id", "")
		c.problem("PATCH", "/v1/documents/"+letter.ID, "ubnd.cv", map[string]any{"drafting_unit_id": id("PB")}, 400, "drafting_unit_id", "")
		letter = flow(map[string]any{"kind": "official_letter", "summary": "V/v báo cáo", "recipients": []string{id("SNV")},
			"drafting_unit_id": id("VP")})
		if letter.Notation != "01/UBND-VP" || letter.DraftingUnitID != id("VP") {
			t.Fatalf("Công văn %q drafted in %s", letter.Notation, letter.DraftingUnitID)
		}

		// Copies.
		path := "/v1/documents/" + d.ID + "/copies"
		var cp documentsapi.Document
		c.expect("POST", path, "ubnd.vt", documentsapi.NewCopy{Form: "BTS", Recipients: []string{id("SNV")}, Extract: "Điều 2.", Note: "Trích gửi"}, 201, &cp)
		if cp.Kind != "copy" || cp.KindName != "Bản sao" || cp.Notation != "01/BTS-UBND" || cp.Status != "issued" ||
			cp.CopyOfDocumentID != d.ID || cp.CopyForm != "BTS" || cp.CopyExtract != "Điều 2." || cp.CopyNote != "Trích gửi" ||
			cp.IssuedBy != "u-ubnd-vt" || len(cp.Receipts) != 1 || cp.Receipts[0].AgencyID != id("SNV") {
			t.Fatalf("copy %+v", cp)
		}
		c.problem("POST", path, "ubnd.vt", map[string]any{"form": "BXX", "recipients": []string{id("SNV")}}, 400, "form", "")
		c.problem("POST", path, "ubnd.vt", map[string]any{"form": "BSY", "recipients": []string{id("SNV")}, "pages": 2}, 400, "", "")
		c.problem("POST", path, "ubnd.ld", map[string]any{"form": "BSY", "recipients": []string{id("SNV")}}, 403, "", "")
		c.expect("POST", path, "stttt.vt", map[string]any{"form": "BSY", "recipients": []string{id("SYT")}}, 201, &cp)
		if cp.Notation != "01/BSY-STTTT" {
			t.Fatalf("STTTT's copy %q", cp.Notation)
		}
		var cs documentsapi.Copies
		c.expect("GET", path, "ubnd.cv", nil, 200, &cs)
		if len(cs.Items) != 1 || cs.Items[0].CopyForm != "BTS" || cs.Items[0].Body != nil {
			t.Fatalf("UBND's copies %+v", cs.Items)
		}
		c.expect("GET", path, "lag.vt", nil, 404, nil)
	})
}
