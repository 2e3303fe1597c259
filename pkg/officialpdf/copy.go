package officialpdf

// RenderCopy renders a copy (bản sao y, trích sao, sao lục): the document
// again from d, then the copy form of Decree 30 (Phụ lục I, thể thức bản
// sao) — under a solid rule across the text width, the copying agency and
// the copy's number at the left, the form (SAO Y, …) and place-date at the
// right, then Nơi nhận and the signature block. The form follows the
// document's last lines on the same page when it fits there, as the decree
// asks, and starts a new page otherwise.
//
// The copy is rendered from the document's data, not from its issued PDF,
// because a PDF's text cannot be recovered faithfully; the original's
// signatures therefore do not carry over (a copy is certified by the
// copying agency's signature, whose places Rendered gives).
func RenderCopy(d Document, c CopyForm) (Rendered, error) {
	if err := d.validate(); err != nil {
		return Rendered{}, err
	}
	if err := c.validate(); err != nil {
		return Rendered{}, err
	}
	date := c.Date
	if date.IsZero() {
		date = d.Date
	}
	r := newRenderer(date, string(c.Kind)+" "+pdfTitle(d))
	_, _, y := r.document(d)

	h := heading{parent: c.ParentAgency, agency: c.Agency, notation: c.Notation, place: c.Place, date: c.Date, copyKind: c.Kind}
	cl := closing{sig: c.Signature, recipients: c.Recipients, archive: c.Archive}
	need := copyGap + r.measure(func(y float64) float64 { return h.draw(r, y) }) + r.closingMinHeight(cl)
	if y+need > r.bottom() {
		y = r.newPage()
	} else {
		y += copyGap / 2
	}
	r.pdf.SetLineWidth(0.3)
	r.pdf.Line(marginLeft, y, marginLeft+textW, y)
	y = h.draw(r, y+copyGap/2)
	signer, seal, _ := r.closing(y, cl)
	return r.finish(signer, seal)
}

// copyGap is the space around the rule that opens the copy form.
const copyGap = 8.0
