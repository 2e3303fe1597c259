package officialpdf

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

// Box is a rectangle on one page in PDF user space: points (1/72 inch),
// origin at the page's bottom-left corner, as a signature field's /Rect
// and an appearance stream want it.
type Box struct {
	Page int // 1-based
	X, Y float64
	W, H float64
}

// Rect is the box as a PDF rectangle [llx lly urx ury].
func (b Box) Rect() [4]float64 { return [4]float64{b.X, b.Y, b.X + b.W, b.Y + b.H} }

// boxFromMM converts a box measured in millimetres from the page's top.
func boxFromMM(page int, x, y, w, h float64) Box {
	const k = 72 / 25.4
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	return Box{Page: page, X: round(x * k), Y: round((pageH - y - h) * k), W: round(w * k), H: round(h * k)}
}

// Rendered is a rendered document and where its signatures' appearances
// go, for the signing step.
type Rendered struct {
	PDF   []byte
	Pages int
	// SignerBox is the room between the signer's position and name, where
	// the signer's signature image goes (PAdES, the person's signature).
	SignerBox Box
	// SealBox is where the agency's seal image goes: a square the seal's
	// size, overlapping the left third of the signature.
	SealBox Box
	// StampBox is the top right of the first page, in the top margin, where
	// the agency's signature (its name and signing time) goes on copies and
	// attachments.
	StampBox Box
}

// stampBox is the first page's top-right corner inside the top margin.
func stampBox() Box {
	const w, h = 70.0, marginTop - 6
	return boxFromMM(1, pageW-marginRight-w, 3, w, h)
}

// Render renders d in the official layout.
func Render(d Document) (Rendered, error) {
	if err := d.validate(); err != nil {
		return Rendered{}, err
	}
	r := newRenderer(d.Date, pdfTitle(d))
	signer, seal, _ := r.document(d)
	return r.finish(signer, seal)
}

// document draws d from a new page and returns where its signature and
// seal go and the y below its last line.
func (r *renderer) document(d Document) (signer, seal Box, end float64) {
	y := r.newPage()
	h := heading{parent: d.ParentAgency, agency: d.Agency, notation: d.Notation, place: d.Place, date: d.Date}
	if d.KindTitle == "" {
		h.vv = d.Summary
	}
	// Confidentiality above urgency, as the decree numbers them (10a, 10b).
	for _, m := range []string{confidentialityMarks[d.Confidentiality], urgencyMarks[d.Urgency]} {
		if m != "" {
			h.marks = append(h.marks, m)
		}
	}
	y = h.draw(r, y)
	if d.KindTitle != "" {
		y = r.title(y+9, d.KindTitle, d.Summary)
	}
	y += 6
	if len(d.Addressees) > 0 {
		y = r.addressees(y, d.Addressees) + paraGap
	}
	c := closing{sig: d.Signature, recipients: d.Recipients, archive: d.Archive}
	y = r.body(y, r.bodyLines(d.Body), r.closingMinHeight(c))
	return r.closing(y, c)
}

func (r *renderer) finish(signer, seal Box) (Rendered, error) {
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return Rendered{}, fmt.Errorf("officialpdf: writing the PDF: %w", err)
	}
	return Rendered{PDF: buf.Bytes(), Pages: r.pdf.PageCount(), SignerBox: signer, SealBox: seal, StampBox: stampBox()}, nil
}

// pdfTitle is the PDF's Title: the notation and summary, as registers list
// documents.
func pdfTitle(d Document) string {
	kind := d.KindTitle
	if kind == "" {
		kind = "CÔNG VĂN"
	}
	parts := []string{kind}
	for _, p := range []string{d.Notation, d.Summary} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}
