package officialpdf

import (
	"fmt"
	"strings"
	"testing"
)

// TestSignatureKeepsWithBody sweeps body lengths across page ends: wherever
// the page breaks, the signature block never stands alone on a page, and
// nothing crosses the bottom margin.
func TestSignatureKeepsWithBody(t *testing.T) {
	requirePoppler(t)
	for paragraphs := 5; paragraphs <= 10; paragraphs++ {
		for _, extra := range []int{0, 9, 25} {
			t.Run(fmt.Sprintf("%d paragraphs and %d words", paragraphs, extra), func(t *testing.T) {
				d := directive(paragraphs)
				if extra > 0 {
					d.Body += "\n\n" + strings.Repeat("Triển khai ", extra)
				}
				r, err := Render(d)
				if err != nil {
					t.Fatal(err)
				}
				pages := bboxPages(t, writePDF(t, r.PDF))
				checkMargins(t, pages)
				n := r.SignerBox.Page - 1
				p := pages[n]
				mark := must(t, p, "TM. ỦY BAN NHÂN DÂN")
				if n == 0 {
					return
				}
				body := 0
				for _, w := range p.words {
					if w.y0 > mm(marginTop)-0.6 && w.y1 < mark.y0 {
						body++
					}
				}
				if body == 0 {
					t.Errorf("page %d holds the signature block without any of the body", n+1)
				}
			})
		}
	}
}
