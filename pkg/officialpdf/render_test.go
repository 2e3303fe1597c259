package officialpdf

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/urgency"
)

var update = flag.Bool("update", false, "rewrite testdata/sample-directive.png")

func TestRenderIsDeterministic(t *testing.T) {
	for _, c := range []struct {
		name   string
		render func() (Rendered, error)
	}{
		{"directive", func() (Rendered, error) { return Render(directive(6)) }},
		{"official letter", func() (Rendered, error) { return Render(officialLetter()) }},
		{"copy", func() (Rendered, error) { return RenderCopy(directive(2), copyForm()) }},
		{"bare minimum", func() (Rendered, error) { return Render(Document{Agency: "UBND XÃ A", Place: "Khánh Hòa"}) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := c.render()
			if err != nil {
				t.Fatal(err)
			}
			b, err := c.render()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.PDF, b.PDF) || a.SignerBox != b.SignerBox || a.SealBox != b.SealBox {
				t.Error("the same document rendered twice differs")
			}
			if !bytes.HasPrefix(a.PDF, []byte("%PDF-")) {
				t.Errorf("not a PDF: %q", a.PDF[:min(len(a.PDF), 8)])
			}
		})
	}
	// And a change shows: the output depends on the input, not only on
	// nothing random.
	a, _ := Render(officialLetter())
	d := officialLetter()
	d.Notation = "124/STTTT-CĐS"
	b, _ := Render(d)
	if bytes.Equal(a.PDF, b.PDF) {
		t.Error("a different number renders the same bytes")
	}
}

func TestRenderRejects(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Document, *CopyForm)
		want   string
	}{
		{"no agency", func(d *Document, _ *CopyForm) { d.Agency = " " }, "agency is required"},
		{"no place", func(d *Document, _ *CopyForm) { d.Place = "" }, "place is required"},
		{"unknown urgency", func(d *Document, _ *CopyForm) { d.Urgency = urgency.Level("asap") }, "unknown urgency"},
		{"unknown confidentiality", func(d *Document, _ *CopyForm) { d.Confidentiality = "hush" }, "unknown confidentiality"},
		{"unknown copy kind", func(_ *Document, c *CopyForm) { c.Kind = "PHOTO" }, "unknown copy kind"},
		{"no copying agency", func(_ *Document, c *CopyForm) { c.Agency = "" }, "copy agency is required"},
		{"a broken signature image", func(d *Document, _ *CopyForm) { d.Signature.Image = []byte("\x89PNG not really") }, "writing the PDF"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, cf := directive(1), copyForm()
			c.change(&d, &cf)
			_, err := RenderCopy(d, cf)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("RenderCopy error = %v, want %q", err, c.want)
			}
		})
	}
}

// TestDraftPreview: a draft has no number and no date yet; it renders with
// blanks to fill in.
func TestDraftPreview(t *testing.T) {
	requirePoppler(t)
	d := directive(1)
	d.Notation, d.Date = "", time.Time{}
	r, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	text := run(t, "pdftotext", "-layout", writePDF(t, r.PDF), "-")
	for _, want := range []string{"Số:", "Khánh Hòa, ngày", "tháng", "năm"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
}

// TestSignatureImage: the signer's image is drawn on the signature's page,
// and leaving it out leaves no image.
func TestSignatureImage(t *testing.T) {
	requirePoppler(t)
	for _, c := range []struct {
		name  string
		doc   Document
		pages string // pdfimages' page column of the image rows
	}{
		{"given", directive(9), "2"},
		{"none", officialLetter(), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Render(c.doc)
			if err != nil {
				t.Fatal(err)
			}
			var pages []string
			for _, row := range strings.Split(run(t, "pdfimages", "-list", writePDF(t, r.PDF)), "\n")[2:] {
				if f := strings.Fields(row); len(f) > 2 && f[2] == "image" {
					pages = append(pages, f[0])
				}
			}
			if got := strings.Join(pages, ","); got != c.pages {
				t.Errorf("images on pages %q, want %q", got, c.pages)
			}
		})
	}
}

// TestSamplePNG renders the directive's first page as a picture; with
// -update it becomes testdata/sample-directive.png, the page to look at
// when the layout changes.
func TestSamplePNG(t *testing.T) {
	requirePoppler(t)
	r, err := Render(directive(4))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run(t, "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", writePDF(t, r.PDF), filepath.Join(dir, "page"))
	png, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) > 300<<10 {
		t.Fatalf("sample page: %d bytes, not a small PNG", len(png))
	}
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "sample-directive.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	for _, c := range []struct {
		name string
		doc  Document
	}{
		{"directive 2 pages", directive(9)},
		{"official letter", officialLetter()},
	} {
		b.Run(c.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				r, err := Render(c.doc)
				if err != nil {
					b.Fatal(err)
				}
				size = len(r.PDF)
			}
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}
