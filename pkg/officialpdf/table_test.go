package officialpdf

import (
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/poppler"

	"github.com/eoffice-vn/eoffice/pkg/tabular"
)

// A register of several pages prints on landscape pages, each with the
// header and the column headings, and numbers its pages.
func TestRenderTableLandscapeHeadersOnEveryPage(t *testing.T) {
	requirePoppler(t)
	tb := tabular.Table{Heading: "ỦY BAN NHÂN DÂN TỈNH", Title: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", Subtitle: "Năm 2026",
		Columns: []tabular.Column{{Header: "Ngày đến", Width: 20}, {Header: "Số đến", Width: 15}, {Header: "Tên loại và trích yếu nội dung", Width: 80}}}
	for i := 1; i <= 120; i++ {
		tb.Rows = append(tb.Rows, []string{"05/03/2026", strconv.Itoa(i), "Công văn về việc triển khai chuyển đổi số, dòng " + strconv.Itoa(i)})
	}
	var buf bytes.Buffer
	if err := RenderTable(&buf, tb, time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, buf.Bytes())
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	if len(pages) < 2 {
		t.Fatalf("%d pages, want several", len(pages))
	}
	for i, p := range pages {
		for _, want := range []string{"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Năm 2026", "Số đến", "Trang " + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(pages))} {
			if !strings.Contains(p, want) {
				t.Fatalf("page %d lacks %q:\n%s", i+1, want, p)
			}
		}
	}
	if !strings.Contains(string(out), "dòng 120") {
		t.Fatal("the last row is missing")
	}
	w, h := poppler.PageSize(t, path)
	if w <= h {
		t.Fatalf("page %vx%v is not landscape", w, h)
	}
}
