package officialpdf

import (
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// The page, in millimetres (the decree's unit): A4, margins within the
// decree's ranges (top and bottom 20–25, left 30–35, right 15–20).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
	textW        = pageW - marginLeft - marginRight

	// The header, the signature block and the recipients sit in two
	// columns, as the decree's templates lay them out in a table: the
	// agency and Nơi nhận on the left, the national title and signature
	// on the right.
	leftW  = 70.0
	rightX = marginLeft + leftW
	rightW = textW - leftW

	indent  = 12.7 // the body's first-line indent (1.27 cm)
	mmPerPt = 25.4 / 72
)

// Font sizes in points, each within the decree's range for its part.
const (
	sizeParent     = 13
	sizeAgency     = 13
	sizeNumber     = 13
	sizeVV         = 12
	sizeNation     = 12.5
	sizeMotto      = 13
	sizeDate       = 13
	sizeMark       = 13
	sizeKind       = 14
	sizeSummary    = 14
	sizeBody       = 14
	sizeSign       = 14
	sizeRecipTitle = 12
	sizeRecip      = 11
	sizePageNo     = 13
)

// lineH is the height of a line of text of size points: single spacing
// (the decree allows single to 1.5 lines).
func lineH(size float64) float64 { return size * 1.2 * mmPerPt }

// renderer draws onto one PDF; y positions are millimetres from the top.
type renderer struct {
	pdf    *fpdf.Fpdf
	images int
	// dry makes the drawing calls only advance y: measure runs a block's
	// own drawing code to learn its height, so the two cannot disagree.
	dry bool
}

// measure is the height the block draw would take from y = 0.
func (r *renderer) measure(draw func(y float64) float64) float64 {
	r.dry = true
	defer func() { r.dry = false }()
	return draw(0)
}

// newPDF is an A4 page of orientation ("P" or "L") that gives the same
// bytes for the same content: fixed dates (the document's own date stands
// for both PDF dates) and sorted catalogs.
func newPDF(orientation string, date time.Time, title string) *fpdf.Fpdf {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	stamp := date
	if stamp.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	// fpdf writes dates without a zone, which readers take as UTC.
	pdf.SetCreationDate(stamp.UTC())
	pdf.SetModificationDate(stamp.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetProducer("eoffice officialpdf", true)
	pdf.SetTitle(clean(title), true)
	pdf.SetLang("vi-VN")
	return pdf
}

func newRenderer(date time.Time, title string) *renderer {
	pdf := newPDF("P", date, title)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	// Pages break where this package decides (keeping the signature with
	// the end of the body), never automatically.
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetCellMargin(0)
	addFonts(pdf)
	pdf.SetHeaderFunc(func() {
		// Page numbers: centred in the top margin, none on the first page.
		if n := pdf.PageNo(); n > 1 {
			pdf.SetFont(family, regular, sizePageNo)
			pdf.SetXY(marginLeft, marginTop/2-lineH(sizePageNo)/2)
			pdf.CellFormat(textW, lineH(sizePageNo), strconv.Itoa(n), "", 0, "C", false, 0, "")
		}
	})
	return &renderer{pdf: pdf}
}

// newPage starts a page and returns the y where its content begins.
func (r *renderer) newPage() float64 {
	r.pdf.AddPage()
	return marginTop
}

// bottom is the lowest y content may reach.
func (r *renderer) bottom() float64 { return pageH - marginBottom }

func (r *renderer) font(style string, size float64) { r.pdf.SetFont(family, style, size) }

// width is s's width in the current font.
func (r *renderer) width(s string) float64 { return r.pdf.GetStringWidth(s) }

// line draws one line of text in [x, x+w] with its top at y, aligned "L",
// "C", "R" or "J" (justified), and returns the y below it.
func (r *renderer) line(x, y, w float64, s, align string, size float64) float64 {
	return r.lineIn(x, y, w, lineH(size), s, align)
}

// lineIn is line with an explicit line height h.
func (r *renderer) lineIn(x, y, w, h float64, s, align string) float64 {
	if r.dry {
		return y + h
	}
	if align == "J" && !strings.Contains(s, " ") {
		align = "L" // justifying one word would divide by no spaces
	}
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
	return y + h
}

// wrap breaks s into lines no wider than w in the current font: the first
// line may be narrower by first (an indent).
func (r *renderer) wrap(s string, w, first float64) []string {
	var lines []string
	cur, avail := "", w-first
	for _, word := range strings.Fields(s) {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if r.width(next) <= avail {
			cur = next
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			avail = w
		}
		// A word longer than a line (a URL) is cut where it must be.
		for r.width(word) > avail {
			cut := r.fit(word, avail)
			lines = append(lines, word[:cut])
			word, avail = word[cut:], w
		}
		cur = word
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// fit is the byte length of s's longest prefix (at least one rune) no
// wider than w.
func (r *renderer) fit(s string, w float64) int {
	end := 0
	for i, c := range s {
		next := i + len(string(c))
		if end > 0 && r.width(s[:next]) > w {
			break
		}
		end = next
	}
	return end
}

// centred draws s wrapped to w, each line centred in [x, x+w], from y; it
// returns the y below and the widest line's width.
func (r *renderer) centred(x, y, w float64, s, style string, size float64) (float64, float64) {
	r.font(style, size)
	widest := 0.0
	for _, l := range r.balanced(s, w) {
		widest = max(widest, r.width(l))
		y = r.line(x, y, w, l, "C", size)
	}
	return y, widest
}

// balanced wraps s to w in as few lines as wrap would, but as evenly as
// possible: a centred name or summary breaks into similar lines ("SỞ THÔNG
// TIN VÀ / TRUYỀN THÔNG"), never a long line and an orphaned word.
func (r *renderer) balanced(s string, w float64) []string {
	lines := r.wrap(s, w, 0)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := w/float64(len(lines)), w
	for hi-lo > 0.5 {
		mid := (lo + hi) / 2
		if len(r.wrap(s, mid, 0)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return r.wrap(s, hi, 0)
}

// rule draws a horizontal line of length l centred on cx.
func (r *renderer) rule(cx, y, l float64) {
	if r.dry {
		return
	}
	r.pdf.SetLineWidth(0.25)
	r.pdf.Line(cx-l/2, y, cx+l/2, y)
}

// clean puts text in NFC, the precomposed forms the font has glyphs for
// (text pasted from some editors arrives decomposed), and drops control
// characters.
func clean(s string) string {
	s = norm.NFC.String(s)
	return strings.Map(func(c rune) rune {
		if c == '\t' || c == '\n' {
			return ' '
		}
		if c < ' ' || c == 0x7f {
			return -1
		}
		return c
	}, s)
}

// upper writes s in capitals as the decree wants names and marks, whatever
// case they were stored in.
func upper(s string) string { return strings.ToUpper(clean(s)) }
