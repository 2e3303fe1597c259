package signing_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// testPDF is a two-page A4 document, uncompressed so a test can find and
// flip a byte of its text.
func testPDF(t testing.TB) []byte {
	t.Helper()
	doc, err := makePDF()
	if err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return doc
}

func makePDF() ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetFont("Times", "", 13)
	for _, text := range []string{"KE HOACH trien khai chuyen doi so", "Trang hai"} {
		f.AddPage()
		f.Cell(120, 10, text)
	}
	var buf bytes.Buffer
	err := f.Output(&buf)
	return buf.Bytes(), err
}

// testPNG is a small image with transparency: a stroke for a signature, a
// disc for a seal.
func testPNG(t testing.TB, c color.NRGBA, disc bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 120; x++ {
			dx, dy := x-60, y-60
			if disc && dx*dx+dy*dy < 55*55 && dx*dx+dy*dy > 45*45 || !disc && y > 50 && y < 58 && x > 10 && x < 110 {
				img.SetNRGBA(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type popplerSig struct {
	Valid, Total bool
	Signer       string
}

var pdfsigName = regexp.MustCompile(`Signer Certificate Common Name: (.*)`)

// pdfsig runs poppler's validator on doc; the test is skipped without it
// unless EOFFICE_REQUIRE_POPPLER=1.
func pdfsig(t testing.TB, doc []byte) []popplerSig {
	t.Helper()
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		if os.Getenv("EOFFICE_REQUIRE_POPPLER") == "1" {
			t.Fatalf("pdfsig is required (EOFFICE_REQUIRE_POPPLER=1): %v", err)
		}
		t.Skip("pdfsig (poppler-utils) not installed")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(bin, path).CombinedOutput() // non-zero on invalid signatures; the text says why
	var sigs []popplerSig
	for _, block := range strings.Split(string(out), "Signature #")[1:] {
		s := popplerSig{
			Valid: strings.Contains(block, "Signature Validation: Signature is Valid."),
			Total: strings.Contains(block, "Total document signed"),
		}
		if m := pdfsigName.FindStringSubmatch(block); m != nil {
			s.Signer = strings.TrimSpace(m[1])
		}
		sigs = append(sigs, s)
	}
	if len(sigs) == 0 {
		t.Fatalf("pdfsig found no signatures:\n%s", out)
	}
	return sigs
}
