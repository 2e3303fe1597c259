package officialpdf

import (
	"bytes"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The signature block's geometry, in millimetres.
const (
	closingGap = 3.0  // between the body and the signature block
	signW      = 60.0 // the room for the signature image
	signH      = 26.0
	sealD      = 36.0 // a round agency seal's diameter
	recipW     = leftW - 4
)

// closing is the end of a document: the signature block and Nơi nhận.
type closing struct {
	sig        Signature
	recipients []string
	archive    []string
}

// recipientLines are the Nơi nhận entries as printed: "- X;" each, then
// "- Lưu: VT, …." last.
func (c closing) recipientLines() []string {
	var out []string
	for _, n := range c.recipients {
		if n = trimItem(n); n != "" {
			out = append(out, "- "+n+";")
		}
	}
	archive := "VT"
	if len(c.archive) > 0 {
		parts := make([]string, 0, len(c.archive))
		for _, a := range c.archive {
			if a = strings.TrimSpace(clean(a)); a != "" {
				parts = append(parts, a)
			}
		}
		archive = strings.Join(parts, ", ")
	}
	return append(out, "- Lưu: "+archive+".")
}

// trimItem drops the dash and end punctuation a caller may have typed, as
// the layout adds its own.
func trimItem(s string) string {
	s = strings.TrimSpace(clean(s))
	s = strings.TrimSpace(strings.TrimPrefix(s, "-"))
	return strings.TrimRight(s, ";.")
}

// minHeight is how much of the closing must fit on one page: the whole
// signature block and the head of Nơi nhận.
func (r *renderer) closingMinHeight(c closing) float64 {
	sig := r.measure(func(y float64) float64 { return r.signBlock(y, c.sig, nil) })
	recip := lineH(sizeSign) + float64(min(len(c.recipientLines()), 3))*lineH(sizeRecip)
	return closingGap + max(sig, recip)
}

// closing draws the signature block at the right and Nơi nhận at the left
// from y (on a new page when the block does not fit) and returns where the
// signature and the seal go, and the y below.
func (r *renderer) closing(y float64, c closing) (signer, seal Box, end float64) {
	if y+r.closingMinHeight(c) > r.bottom() {
		y = r.newPage()
	} else {
		y += closingGap
	}
	page := r.pdf.PageNo()
	var sx, sy float64
	sigEnd := r.signBlock(y, c.sig, func(x, y float64) { sx, sy = x, y })
	signer = boxFromMM(page, sx, sy, signW, signH)
	// The seal overlaps the left third of the signature (Decree 30, Art.
	// 33): its centre a third of the room left of the room's centre.
	cx, cy := sx+signW/2-signW/3, sy+signH/2
	seal = boxFromMM(page, cx-sealD/2, cy-sealD/2, sealD, sealD)

	// "Nơi nhận:" stands level with the signature block's first line.
	r.font(boldItalic, sizeRecipTitle)
	ry := r.lineIn(marginLeft, y, recipW, lineH(sizeSign), "Nơi nhận:", "L")
	r.font(regular, sizeRecip)
	dash := r.width("- ")
	for _, item := range c.recipientLines() {
		for i, l := range r.wrap(item, recipW, 0) {
			x := marginLeft
			if i > 0 {
				// Continuation lines hang under the text, not the dash.
				x += dash
				l = strings.TrimSpace(l)
			}
			if ry+lineH(sizeRecip) > r.bottom() {
				ry = r.newPage()
				r.font(regular, sizeRecip)
			}
			ry = r.line(x, ry, recipW, l, "L", sizeRecip)
		}
	}
	if r.pdf.PageNo() != page {
		return signer, seal, ry
	}
	return signer, seal, max(ry, sigEnd)
}

// signBlock draws the mark, the position, the room for the signature (its
// top-left reported to room, the image drawn in it when given) and the full
// name, centred in the right column, and returns the y below.
func (r *renderer) signBlock(y float64, sig Signature, room func(x, y float64)) float64 {
	if sig.Mark != "" {
		y, _ = r.centred(rightX, y, rightW, upper(sig.Mark), bold, sizeSign)
	}
	y, _ = r.centred(rightX, y, rightW, upper(sig.Position), bold, sizeSign)
	x := rightX + (rightW-signW)/2
	y += 1
	if room != nil {
		room(x, y)
	}
	if len(sig.Image) > 0 {
		r.image(sig.Image, x, y, signW, signH)
	}
	y += signH + 1
	y, _ = r.centred(rightX, y, rightW, clean(sig.FullName), bold, sizeSign)
	return y
}

// image draws a PNG or JPEG scaled to fit the box, centred in it.
func (r *renderer) image(data []byte, x, y, w, h float64) {
	if r.dry {
		return
	}
	kind := "PNG"
	if bytes.HasPrefix(data, []byte{0xff, 0xd8}) {
		kind = "JPG"
	}
	r.images++
	name := "image" + strconv.Itoa(r.images)
	opts := fpdf.ImageOptions{ImageType: kind}
	info := r.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(data))
	if info == nil || info.Width() <= 0 || info.Height() <= 0 {
		return // the error is kept in the PDF and returned by Output
	}
	scale := min(w/info.Width(), h/info.Height())
	iw, ih := info.Width()*scale, info.Height()*scale
	r.pdf.ImageOptions(name, x+(w-iw)/2, y+(h-ih)/2, iw, ih, false, opts, 0, "")
}
