package signing

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/digitorus/pdf"
)

// markCoverage sets CoversWholeDocument; infos are in revision order.
func markCoverage(doc []byte, final *pdf.Reader, infos []SignatureInfo) {
	if len(infos) == 0 {
		return
	}
	last := len(infos) - 1
	infos[last].CoversWholeDocument = infos[last].end() == int64(len(doc))
	finalPages := pageDigests(final)
	for i := last - 1; i >= 0; i-- {
		// Earlier signatures are unchanged-since only when every later
		// revision is itself a valid signature ending where the next begins
		// (no unsigned bytes slipped in between).
		if !infos[i+1].Valid || !infos[i+1].CoversWholeDocument {
			break
		}
		end := infos[i].end()
		if end > int64(len(doc)) || end >= infos[i+1].end() {
			break
		}
		prev, err := openPDF(doc[:end])
		if err != nil {
			break
		}
		infos[i].CoversWholeDocument = slices.Equal(pageDigests(prev), finalPages)
	}
}

// pageDigests describes what a reader sees on each page: the decoded
// content streams, the media box and the annotations that are not
// signature widgets. Adding a signature changes none of these.
func pageDigests(rdr *pdf.Reader) []string {
	n := rdr.NumPage()
	out := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		p := rdr.Page(i)
		var b strings.Builder
		fmt.Fprintf(&b, "box %v\n", pageBox(p.V))
		contents := p.V.Key("Contents")
		if contents.Kind() == pdf.Array {
			for j := 0; j < contents.Len(); j++ {
				writeStream(&b, contents.Index(j))
			}
		} else {
			writeStream(&b, contents)
		}
		annots := p.V.Key("Annots")
		for j := 0; j < annots.Len(); j++ {
			a := annots.Index(j)
			if a.Key("Subtype").Name() == "Widget" && a.Key("FT").Name() == "Sig" {
				continue
			}
			fmt.Fprintf(&b, "annot %s %v %s\n", a.Key("Subtype").Name(), a.Key("Rect"), a.Key("Contents").Text())
		}
		out = append(out, b.String())
	}
	return out
}

func writeStream(b *strings.Builder, s pdf.Value) {
	if s.Kind() != pdf.Stream {
		return
	}
	r := s.Reader()
	defer r.Close()
	_, _ = io.Copy(b, r)
}
