package signing

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"sync"

	_ "image/jpeg" // signature and seal images may be JPEG too

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
)

// pxPerPt is the resolution appearances are rendered at: enough to print
// sharply at the size of a signature block without bloating the PDF.
const pxPerPt = 3

var (
	sealRed = color.NRGBA{R: 0xD0, G: 0x12, B: 0x12, A: 0xFF}
	inkBlue = color.NRGBA{R: 0x1A, G: 0x2A, B: 0x8C, A: 0xFF}
)

// The appearance text is set in the official layout's own font, Liberation
// Serif embedded in officialpdf: it has every Vietnamese letter, including
// those with stacked marks ("ễ", "ặ") that the Go fonts lack, so names and
// agencies print as written. fold() stays as a guard for letters outside
// Vietnamese that the font might not have.
var appearanceFont = sync.OnceValues(func() (*opentype.Font, error) {
	return opentype.Parse(officialpdf.Font(officialpdf.Regular))
})

// personAppearance is the signer's signature image fitted into the
// rectangle, or, with no image, the signer's name written in ink blue.
// The same signer signs document after document with the same look, so
// the last few are kept (scaling the image is a tenth of a PDF's CPU).
func personAppearance(r Rect, img []byte, name string) ([]byte, error) {
	key := personKey{r, sha256.Sum256(img), name}
	if b, ok := personLooks.get(key); ok {
		return b, nil
	}
	b, err := drawPerson(r, img, name)
	if err == nil {
		personLooks.put(key, b)
	}
	return b, err
}

type personKey struct {
	r    Rect
	img  [sha256.Size]byte
	name string
}

// lookCache keeps up to lookCacheSize appearances; when full, it starts
// again (signers are few; the cache only has to hold the busy ones).
type lookCache struct {
	mu sync.Mutex
	m  map[personKey][]byte
}

const lookCacheSize = 64

var personLooks lookCache

func (c *lookCache) get(k personKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *lookCache) put(k personKey, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= lookCacheSize {
		c.m = map[personKey][]byte{}
	}
	c.m[k] = b
}

func drawPerson(r Rect, img []byte, name string) ([]byte, error) {
	canvas := newCanvas(r)
	b := canvas.Bounds()
	if len(img) > 0 {
		if err := drawFitted(canvas, b, img); err != nil {
			return nil, fmt.Errorf("signature image: %w", err)
		}
	} else if err := drawLine(canvas, b, name, inkBlue); err != nil {
		return nil, err
	}
	return encodePNG(canvas)
}

// sealAppearance is the seal (the agency's image, or two red rings when it
// has none) above one red line of text, the signing time.
func sealAppearance(r Rect, img []byte, line string) ([]byte, error) {
	canvas := newCanvas(r)
	b := canvas.Bounds()
	textH := max(b.Dy()/5, 12)
	sealBox := image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Max.Y-textH)
	if len(img) > 0 {
		if err := drawFitted(canvas, sealBox, img); err != nil {
			return nil, fmt.Errorf("seal image: %w", err)
		}
	} else {
		drawRings(canvas, sealBox)
	}
	if err := drawLine(canvas, image.Rect(b.Min.X, b.Max.Y-textH, b.Max.X, b.Max.Y), line, sealRed); err != nil {
		return nil, err
	}
	return encodePNG(canvas)
}

func newCanvas(r Rect) *image.RGBA {
	w := max(int(math.Round(r.Width()*pxPerPt)), 1)
	h := max(int(math.Round(r.Height()*pxPerPt)), 1)
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// drawFitted scales the image to fit box keeping its proportions, centred.
func drawFitted(dst *image.RGBA, box image.Rectangle, data []byte) error {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	sb := src.Bounds()
	if sb.Dx() == 0 || sb.Dy() == 0 || box.Dx() <= 0 || box.Dy() <= 0 {
		return nil
	}
	scale := math.Min(float64(box.Dx())/float64(sb.Dx()), float64(box.Dy())/float64(sb.Dy()))
	w, h := int(float64(sb.Dx())*scale), int(float64(sb.Dy())*scale)
	x0 := box.Min.X + (box.Dx()-w)/2
	y0 := box.Min.Y + (box.Dy()-h)/2
	draw.CatmullRom.Scale(dst, image.Rect(x0, y0, x0+w, y0+h), src, sb, draw.Over, nil)
	return nil
}

// drawRings draws a plain two-ring seal for an agency with no seal image.
func drawRings(dst *image.RGBA, box image.Rectangle) {
	cx, cy := float64(box.Min.X+box.Max.X)/2, float64(box.Min.Y+box.Max.Y)/2
	outer := float64(min(box.Dx(), box.Dy()))/2 - 1
	if outer < 4 {
		return
	}
	width := math.Max(outer/20, 1.5)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			if math.Abs(d-(outer-width)) < width || math.Abs(d-outer*0.72) < width/2 {
				dst.Set(x, y, sealRed)
			}
		}
	}
}

// drawLine writes text centred in box, as large as fits.
func drawLine(dst *image.RGBA, box image.Rectangle, text string, c color.NRGBA) error {
	f, err := appearanceFont()
	if err != nil {
		return fmt.Errorf("font: %w", err)
	}
	text = fold(f, text)
	size := float64(box.Dy()) * 0.8
	for {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return fmt.Errorf("font face: %w", err)
		}
		d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: face}
		w := d.MeasureString(text).Ceil()
		if w > box.Dx()*95/100 && size > 4 {
			size *= float64(box.Dx()) * 0.95 / float64(w)
			_ = face.Close()
			continue
		}
		m := face.Metrics()
		textH := (m.Ascent + m.Descent).Ceil()
		d.Dot = fixed.P(box.Min.X+(box.Dx()-w)/2, box.Min.Y+(box.Dy()-textH)/2+m.Ascent.Ceil())
		d.DrawString(text)
		return face.Close()
	}
}

// fold replaces each letter the font lacks by its letter with fewer marks
// (ễ → ê → e), so a Vietnamese name stays readable.
func fold(f *sfnt.Font, s string) string {
	var buf sfnt.Buffer
	has := func(r rune) bool { i, err := f.GlyphIndex(&buf, r); return err == nil && i != 0 }
	var out strings.Builder
	for _, r := range s {
		if has(r) {
			out.WriteRune(r)
			continue
		}
		parts := []rune(norm.NFD.String(string(r)))
		for n := len(parts) - 1; n >= 1; n-- {
			c := []rune(norm.NFC.String(string(parts[:n])))
			if len(c) == 1 && has(c[0]) {
				out.WriteRune(c[0])
				break
			}
		}
	}
	return out.String()
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	// pdfsign decodes the PNG and compresses the pixels again, so
	// compressing here buys nothing: stored blocks are the cheapest to
	// write and to read back (BestSpeed cost a tenth of a PDF's CPU).
	enc := png.Encoder{CompressionLevel: png.NoCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode appearance: %w", err)
	}
	return buf.Bytes(), nil
}
