package officialpdf

import "time"

const (
	nationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto         = "Độc lập - Tự do - Hạnh phúc"
)

// heading is the top of a document or of a copy form: the agency and the
// number on the left, the national title (or the copy's form) and the
// place-date on the right.
type heading struct {
	parent, agency, notation string
	place                    string
	date                     time.Time
	vv                       string   // an official letter's summary
	marks                    []string // confidentiality, urgency
	// copyKind replaces the national title and motto in a copy form.
	copyKind CopyKind
}

// agencyBlock draws the parent and issuing agency with the short rule
// under the latter, centred in the left column, and returns the y below.
func (r *renderer) agencyBlock(y float64, parent, agency string) float64 {
	cx := marginLeft + leftW/2
	if parent != "" {
		y, _ = r.centred(marginLeft, y, leftW, upper(parent), regular, sizeParent)
	}
	y, widest := r.centred(marginLeft, y, leftW, upper(agency), bold, sizeAgency)
	// The rule under the agency: a third to a half of its name's length.
	y += 1.2
	r.rule(cx, y, max(widest*0.4, 15))
	return y
}

// draw lays the heading out from y and returns the y below it.
func (h heading) draw(r *renderer, y float64) float64 {
	left := r.agencyBlock(y, h.parent, h.agency)

	right := y
	if h.copyKind == "" {
		right, _ = r.centred(rightX, right, rightW, nationalTitle, bold, sizeNation)
		r.font(bold, sizeMotto)
		right = r.line(rightX, right, rightW, motto, "C", sizeMotto)
		// The motto is underlined by a rule exactly as long as it.
		right += 0.5
		r.rule(rightX+rightW/2, right, r.width(motto))
	} else {
		right, _ = r.centred(rightX, right, rightW, string(h.copyKind), bold, sizeSign)
	}

	// The number and the place-date share a line, under both columns.
	row := max(left, right) + 2.5
	r.font(regular, sizeNumber)
	left = r.line(marginLeft, row, leftW, "Số: "+clean(h.notation), "C", sizeNumber)
	r.font(italic, sizeDate)
	right = r.line(rightX, row, rightW, DateLine(clean(h.place), h.date), "C", sizeDate)

	if h.vv != "" {
		left, _ = r.centred(marginLeft, left+2, leftW, "V/v "+clean(h.vv), regular, sizeVV)
	}
	for _, m := range h.marks {
		left = r.markBox(left+2.5, m)
	}
	return max(left, right)
}

// markBox draws an urgency or confidentiality mark, bold capitals in a
// single frame 2 mm from the text, centred under the number.
func (r *renderer) markBox(y float64, mark string) float64 {
	const pad = 2.0
	r.font(bold, sizeMark)
	w := r.width(mark) + 2*pad
	h := lineH(sizeMark) + pad
	x := marginLeft + (leftW-w)/2
	if !r.dry {
		r.pdf.SetLineWidth(0.3)
		r.pdf.Rect(x, y, w, h, "D")
	}
	r.line(x, y+pad/2, w, mark, "C", sizeMark)
	return y + h
}

// title draws the kind and, under it, the summary, centred, with a short
// rule below, and returns the y below.
func (r *renderer) title(y float64, kind, summary string) float64 {
	y, _ = r.centred(marginLeft, y, textW, upper(kind), bold, sizeKind)
	if summary == "" {
		return y
	}
	// The summary is kept narrower than the text so that long ones form a
	// balanced block, as typed documents do.
	y, widest := r.centred(marginLeft+textW*0.075, y, textW*0.85, clean(summary), bold, sizeSummary)
	y += 1
	r.rule(marginLeft+textW/2, y, max(widest/3, 30))
	return y
}

// addressees draws an official letter's "Kính gửi": one addressee on the
// same line, centred; several on their own lines, each with a dash.
func (r *renderer) addressees(y float64, names []string) float64 {
	r.font(regular, sizeBody)
	label := "Kính gửi: "
	x := marginLeft + 25
	if len(names) == 1 {
		s := label + clean(names[0]) + "."
		x = marginLeft + max((textW-r.width(s))/2, 0)
		for i, l := range r.wrap(s, marginLeft+textW-x, 0) {
			if i > 0 {
				x = marginLeft + 25 + r.width(label)
			}
			y = r.line(x, y, marginLeft+textW-x, l, "L", sizeBody)
		}
		return y
	}
	// Several: "Kính gửi:" alone, then the dashes aligned under its colon.
	y = r.line(x, y, r.width(label), label, "L", sizeBody)
	x += r.width("Kính gửi")
	for i, n := range names {
		end := ";"
		if i == len(names)-1 {
			end = "."
		}
		for _, l := range r.wrap("- "+trimItem(n)+end, marginLeft+textW-x, 0) {
			y = r.line(x, y, marginLeft+textW-x, l, "L", sizeBody)
		}
	}
	return y
}
