// Package tabular holds a printed register or report as a table — a title,
// column headings and rows of text — and writes it as a spreadsheet
// (.xlsx). pkg/officialpdf prints the same table on paper.
package tabular

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Column is one column: its heading and its printed width in millimetres
// (the spreadsheet takes it as a character width, roughly).
type Column struct {
	Header string
	Width  float64
}

// Table is a register or a report as readers see it: every cell is the
// text to show (dates already dd/mm/yyyy).
type Table struct {
	// Title is the first line ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), Subtitle the
	// second (the agency and the year).
	Title    string
	Subtitle string
	// Heading is the issuing agency printed above the title, left.
	Heading string
	Columns []Column
	Rows    [][]string
}

// ContentTypeXLSX is the media type of WriteXLSX's output.
const ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// WriteXLSX writes t as one sheet: the title and subtitle rows, the
// headings, then the rows, with excelize's stream writer so that a year's
// register of tens of thousands of rows stays in bounded memory.
func WriteXLSX(w io.Writer, t Table, sheet string) error {
	f := excelize.NewFile()
	defer f.Close()
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("xlsx sheet: %w", err)
	}
	// The stream writer keeps the sheet's dimension as it was ("A1"), and
	// readers that trust it (openpyxl's read-only mode) would see one
	// cell: it is set to the whole table first.
	lines := 2 + len(t.Rows) // the blank line and the headings
	for _, l := range []string{t.Heading, t.Title, t.Subtitle} {
		if l != "" {
			lines++
		}
	}
	end, err := excelize.CoordinatesToCellName(max(len(t.Columns), 1), lines)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, "A1:"+end); err != nil {
		return fmt.Errorf("xlsx dimension: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("xlsx stream: %w", err)
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	cellStyle, err := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	for i, c := range t.Columns { // widths must precede the rows
		if err := sw.SetColWidth(i+1, i+1, max(c.Width/2, 6)); err != nil {
			return fmt.Errorf("xlsx width: %w", err)
		}
	}
	last, err := excelize.CoordinatesToCellName(max(len(t.Columns), 1), 1)
	if err != nil {
		return err
	}
	lastCol := last[:len(last)-1]
	row := 1
	for _, line := range []string{t.Heading, t.Title, t.Subtitle} {
		if line == "" {
			continue
		}
		cell := fmt.Sprintf("A%d", row)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: titleStyle, Value: line}}); err != nil {
			return fmt.Errorf("xlsx title: %w", err)
		}
		if err := sw.MergeCell(cell, fmt.Sprintf("%s%d", lastCol, row)); err != nil {
			return fmt.Errorf("xlsx merge: %w", err)
		}
		row++
	}
	row++ // a blank line before the table
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = excelize.Cell{StyleID: headStyle, Value: c.Header}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", row), head); err != nil {
		return fmt.Errorf("xlsx header: %w", err)
	}
	values := make([]any, len(t.Columns))
	for _, r := range t.Rows {
		row++
		for i := range values {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			values[i] = excelize.Cell{StyleID: cellStyle, Value: v}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", row), values); err != nil {
			return fmt.Errorf("xlsx row %d: %w", row, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx flush: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx write: %w", err)
	}
	return nil
}
