package officialpdf

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/poppler"
)

// The page's geometry in points, as poppler reports it (origin top-left).
const ptPerMM = 72 / 25.4

func mm(v float64) float64 { return v * ptPerMM }

// requirePoppler skips a test when poppler's tools are missing, unless the
// environment demands them (poppler.EnvRequire).
func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfimages", "pdftoppm"} {
		poppler.Tool(t, tool)
	}
}

// writePDF stores pdf in the test's temporary directory.
func writePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v: %s", name, args, err, errOut.String())
	}
	return out.String()
}

// word is one word as pdftotext -bbox places it, in points from the
// page's top-left corner.
type word struct {
	text           string
	x0, y0, x1, y1 float64
}

func (w word) cx() float64 { return (w.x0 + w.x1) / 2 }

type page struct {
	w, h  float64
	words []word
}

// bboxPages reads every word's box with pdftotext -bbox.
func bboxPages(t *testing.T, path string) []page {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(run(t, "pdftotext", "-bbox", path, "-")))
	attr := func(e xml.StartElement, name string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				v, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					t.Fatalf("bbox attribute %s=%q: %v", name, a.Value, err)
				}
				return v
			}
		}
		t.Fatalf("bbox element %s has no %s", e.Name.Local, name)
		return 0
	}
	var pages []page
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return pages
		}
		if err != nil {
			t.Fatalf("reading pdftotext -bbox: %v", err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "page":
			pages = append(pages, page{w: attr(e, "width"), h: attr(e, "height")})
		case "word":
			var text string
			if err := dec.DecodeElement(&text, &e); err != nil {
				t.Fatal(err)
			}
			p := &pages[len(pages)-1]
			p.words = append(p.words, word{text, attr(e, "xMin"), attr(e, "yMin"), attr(e, "xMax"), attr(e, "yMax")})
		}
	}
}

// findAll is the boxes around every run of words spelling phrase.
func (p page) findAll(phrase string) []word {
	want := strings.Fields(phrase)
	var out []word
	for i := 0; i+len(want) <= len(p.words); i++ {
		match := true
		for j, w := range want {
			if p.words[i+j].text != w {
				match = false
				break
			}
		}
		if match {
			box := p.words[i]
			for _, w := range p.words[i+1 : i+len(want)] {
				box.x0, box.y0 = min(box.x0, w.x0), min(box.y0, w.y0)
				box.x1, box.y1 = max(box.x1, w.x1), max(box.y1, w.y1)
			}
			box.text = phrase
			out = append(out, box)
		}
	}
	return out
}

// find is the box around the first run of words spelling phrase.
func (p page) find(phrase string) (word, bool) {
	all := p.findAll(phrase)
	if len(all) == 0 {
		return word{}, false
	}
	return all[0], true
}

// locate finds phrase on any page, failing the test when it is nowhere.
func locate(t *testing.T, pages []page, phrase string, from int) (int, word) {
	t.Helper()
	for i := from; i < len(pages); i++ {
		if w, ok := pages[i].find(phrase); ok {
			return i, w
		}
	}
	t.Fatalf("%q not found from page %d", phrase, from+1)
	return 0, word{}
}

// lineOf is the words on w's line (same top within 2 pt) in w's half of
// the page, where the two columns' lines share a height.
func (p page) lineOf(w word) word {
	box, left := w, w.cx() < p.w/2
	for _, o := range p.words {
		if abs(o.y0-w.y0) < 2 && (o.cx() < p.w/2) == left {
			box.x0, box.x1 = min(box.x0, o.x0), max(box.x1, o.x1)
		}
	}
	return box
}

func abs(v float64) float64 { return max(v, -v) }

// layoutPages is pdftotext -layout's text, one string per page.
func layoutPages(t *testing.T, path string) []string {
	t.Helper()
	return strings.Split(strings.TrimRight(run(t, "pdftotext", "-layout", path, "-"), "\f"), "\f")
}

// fullLine is the words on w's line across the whole page, for lines
// centred on the text area.
func (p page) fullLine(w word) word {
	box := w
	for _, o := range p.words {
		if abs(o.y0-w.y0) < 2 {
			box.x0, box.x1 = min(box.x0, o.x0), max(box.x1, o.x1)
		}
	}
	return box
}
