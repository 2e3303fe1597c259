package officialpdf

import (
	"regexp"
	"strings"
)

// bodyLine is one laid-out line of the body.
type bodyLine struct {
	text    string
	x, w    float64
	align   string
	first   bool // a paragraph's first line
	paraEnd bool // a paragraph's last line
}

// paraGap is the space between paragraphs (at least 6 pt, the decree says).
const paraGap = 6 * mmPerPt

var blankLines = regexp.MustCompile(`\n[ \t\r]*\n`)

// paragraphs splits a body at blank lines; a single line break inside a
// paragraph is a space, so text wrapped by its author flows again.
func paragraphs(body string) []string {
	var out []string
	for _, p := range blankLines.Split(strings.ReplaceAll(body, "\r\n", "\n"), -1) {
		if p = strings.Join(strings.Fields(clean(p)), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// bodyLines lays the paragraphs out: justified, the first line indented,
// the last line of each paragraph left-aligned as typesetting does.
func (r *renderer) bodyLines(body string) []bodyLine {
	r.font(regular, sizeBody)
	var out []bodyLine
	for _, p := range paragraphs(body) {
		lines := r.wrap(p, textW, indent)
		for i, l := range lines {
			bl := bodyLine{text: l, x: marginLeft, w: textW, align: "J", first: i == 0, paraEnd: i == len(lines)-1}
			if bl.first {
				bl.x, bl.w = marginLeft+indent, textW-indent
			}
			if bl.paraEnd {
				bl.align = "L"
			}
			out = append(out, bl)
		}
	}
	return out
}

// keepLines is how many of the body's last lines go with the signature
// block to a new page, so that it never stands alone after a page break.
const keepLines = 2

// body draws the lines from y, breaking pages, and returns the y below.
// reserve is the height of what must follow the last lines on their page
// (the signature block).
func (r *renderer) body(y float64, lines []bodyLine, reserve float64) float64 {
	h := lineH(sizeBody)
	for i, l := range lines {
		need := h
		switch {
		case i == max(len(lines)-keepLines, 0):
			// The tail and the signature block: together or on a new page.
			for _, t := range lines[i:] {
				need += lineHeightAfter(t, h)
			}
			need += reserve - h
		case l.first && !l.paraEnd:
			need = 2 * h // no paragraph's first line alone at a page's foot
		}
		if y+need > r.bottom() && y > marginTop {
			y = r.newPage()
		}
		r.font(regular, sizeBody)
		y = r.line(l.x, y, l.w, l.text, l.align, sizeBody)
		if l.paraEnd {
			y += paraGap
		}
	}
	return y
}

func lineHeightAfter(l bodyLine, h float64) float64 {
	if l.paraEnd {
		return h + paraGap
	}
	return h
}
