package httpapi_test

import (
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/poppler"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestPlanPDFListsItems: a plan's official PDF carries its items (who
// leads, who cooperates, by when, how often they report), read back with
// poppler's pdftotext.
func TestPlanPDFListsItems(t *testing.T) {
	poppler.Tool(t, "pdftotext")
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		sign, _ := testenv.LocalSigning(t)
		e := testenv.New(t, db, testenv.WithSigning(sign), func(c *app.Config) { c.MaxAttachment = 4 << 20 })
		c := client{t, e}
		plan := map[string]any{"kind": "plan", "summary": "Kế hoạch thực hiện Chỉ thị PAPI", "body": "Căn cứ Chỉ thị của Ủy ban nhân dân tỉnh…",
			"recipients": []string{id("STTTT")}, "items": []any{
				map[string]any{"title": "Tuyên truyền về Chỉ số PAPI", "lead_unit_id": id("STTTT"), "cooperating_unit_ids": []string{id("SNV")},
					"due_date": "2026-06-30", "report_cadence": "quarterly", "indicator": map[string]any{"name": "PAPI trục 4", "target": "6,5 điểm"}},
				map[string]any{"title": "Nâng cấp Cổng thông tin", "lead_unit_id": id("SNV"), "cooperating_unit_ids": []string{}, "due_date": "2026-09-01"},
			}}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", plan, &d)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, nil)
		r := c.do("GET", "/v1/documents/"+d.ID+"/pdf", "ubnd.cv", nil)
		if r.status != 200 {
			t.Fatalf("GET pdf: %d %s", r.status, r.raw)
		}
		text := strings.Join(strings.Fields(layoutTextAll(t, r.raw)), " ")
		for _, want := range []string{
			"Căn cứ Chỉ thị", "NHIỆM VỤ CỤ THỂ",
			"1. Tuyên truyền về Chỉ số PAPI", "Đơn vị chủ trì: " + "Sở Thông tin và Truyền thông", "đơn vị phối hợp: " + "Sở Nội vụ",
			"thời hạn hoàn thành: 30/06/2026", "báo cáo hằng quý", "chỉ tiêu: PAPI trục 4 đạt 6,5 điểm",
			"2. Nâng cấp Cổng thông tin", "thời hạn hoàn thành: 01/09/2026",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the plan's PDF lacks %q:\n%s", want, text)
			}
		}
		if i, j := strings.Index(text, "NHIỆM VỤ CỤ THỂ"), strings.Index(text, "Nơi nhận"); i < 0 || j < i {
			t.Errorf("the items do not come before Nơi nhận (%d, %d)", i, j)
		}
	})
}
