package httpapi_test

import (
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestCopyPDF: a copy (here a recipient's bản sao y, and the issuer's
// trích sao) gets its PDF in the copy form, the original's text then the
// copying agency's part, sealed by the copying agency alone.
func TestCopyPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		sign, _ := testenv.LocalSigning(t)
		e := testenv.New(t, db, testenv.WithSigning(sign))
		c := client{t, e}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, nil)
		for _, tc := range []struct {
			clerk, form, extract, notation, mark, text string
		}{
			{"stttt.vt", "BSY", "", "01/BSY-STTTT", "SAO Y", "Các sở, ngành triển khai"},
			{"ubnd.vt", "BTS", "Điều 2. Giao Sở Thông tin và Truyền thông chủ trì.", "01/BTS-UBND", "TRÍCH SAO", "Điều 2. Giao Sở"},
		} {
			var cp documentsapi.Document
			c.must(201, "POST", "/v1/documents/"+d.ID+"/copies", tc.clerk,
				documentsapi.NewCopy{Form: tc.form, Recipients: []string{id("SYT")}, Extract: tc.extract}, &cp)
			if cp.PDF == nil || cp.Notation != tc.notation {
				t.Fatalf("copy %s: notation %q, pdf %+v", tc.form, cp.Notation, cp.PDF)
			}
			r := c.do("GET", "/v1/documents/"+cp.ID+"/pdf", "syt.ld", nil)
			if r.status != 200 {
				t.Fatalf("GET the copy's pdf as its recipient: %d %s", r.status, r.raw)
			}
			text := layoutText(t, r.raw) + layoutTextAll(t, r.raw)
			for _, want := range []string{"CHỈ THỊ", tc.text, tc.mark, "Số: " + tc.notation, "Nơi nhận:"} {
				if !strings.Contains(text, want) {
					t.Errorf("copy %s: no %q in\n%s", tc.form, want, text)
				}
			}
			sigs := pdfsig(t, r.raw)
			if len(sigs) != 1 || !sigs[0].valid || !sigs[0].total {
				t.Errorf("copy %s: pdfsig %+v", tc.form, sigs)
			}
			var got signatures
			c.must(200, "GET", "/v1/documents/"+cp.ID+"/signatures", tc.clerk, nil, &got)
			if len(got.Items) != 1 || got.Items[0].Kind != "agency" || !got.Items[0].Valid {
				t.Errorf("copy %s: signatures %+v", tc.form, got.Items)
			}
		}
	})
}
