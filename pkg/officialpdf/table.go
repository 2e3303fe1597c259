package officialpdf

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/eoffice-vn/eoffice/pkg/tabular"
)

// A register's page (Decree 30, Phụ lục IV): A4 landscape, the agency and
// the year on every page, the column headings repeated above each page's
// rows, the page number at the foot.
const (
	tableMargin   = 12.0
	tableFontSize = 9.0
	tableLine     = 4.2 // mm per line of text in a cell
	tablePad      = 1.0
)

// RenderTable prints t on A4 landscape pages to w. Columns narrower in
// total than the page are widened in proportion; a row taller than what is
// left of a page starts the next one (a cell's lines are never split).
func RenderTable(w io.Writer, t tabular.Table, date time.Time) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table: no columns")
	}
	pdf := newPDF("L", date, t.Title+" "+t.Subtitle)
	pdf.SetMargins(tableMargin, tableMargin, tableMargin)
	pdf.SetAutoPageBreak(false, tableMargin)
	addFonts(pdf)
	pageW, pageH := pdf.GetPageSize()
	widths := fitWidths(t.Columns, pageW-2*tableMargin)

	heads := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		heads[i] = c.Header
	}
	drawRow := func(cells []string, style string) {
		pdf.SetFont(family, style, tableFontSize)
		h := rowHeight(pdf, cells, widths)
		x, y := pdf.GetX(), pdf.GetY()
		for i, wd := range widths {
			pdf.Rect(x, y, wd, h, "D")
			text := ""
			if i < len(cells) {
				text = clean(cells[i])
			}
			align := "L"
			if style == bold {
				align = "C"
			}
			pdf.SetXY(x, y+tablePad/2)
			pdf.MultiCell(wd, tableLine, text, "", align, false)
			x += wd
		}
		pdf.SetXY(tableMargin, y+h)
	}
	pdf.SetHeaderFunc(func() {
		pdf.SetFont(family, bold, 10)
		if t.Heading != "" {
			pdf.CellFormat(0, 5, clean(t.Heading), "", 1, "L", false, 0, "")
		}
		pdf.SetFont(family, bold, 13)
		pdf.CellFormat(0, 6, clean(t.Title), "", 1, "C", false, 0, "")
		pdf.SetFont(family, italic, 11)
		pdf.CellFormat(0, 6, clean(t.Subtitle), "", 1, "C", false, 0, "")
		pdf.Ln(2)
		drawRow(heads, bold)
	})
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - tableMargin + 2)
		pdf.SetFont(family, italic, 9)
		pdf.CellFormat(0, 5, "Trang "+strconv.Itoa(pdf.PageNo())+"/{nb}", "", 0, "C", false, 0, "")
	})
	pdf.SetCellMargin(tablePad)
	pdf.AddPage()
	bottom := pageH - tableMargin
	for _, r := range t.Rows {
		pdf.SetFont(family, regular, tableFontSize)
		if pdf.GetY()+rowHeight(pdf, r, widths) > bottom {
			pdf.AddPage()
		}
		drawRow(r, regular)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("table pdf: %w", err)
	}
	return nil
}

// fitWidths scales the columns' widths to fill the printable width.
func fitWidths(cols []tabular.Column, total float64) []float64 {
	sum := 0.0
	for _, c := range cols {
		sum += max(c.Width, 1)
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = max(c.Width, 1) * total / sum
	}
	return out
}

// rowHeight is the height of the tallest cell of a row in the current font.
func rowHeight(pdf *fpdf.Fpdf, cells []string, widths []float64) float64 {
	lines := 1
	for i, wd := range widths {
		if i < len(cells) && cells[i] != "" {
			lines = max(lines, len(pdf.SplitText(clean(cells[i]), wd)))
		}
	}
	return float64(lines)*tableLine + tablePad
}
