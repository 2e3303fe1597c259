package officialpdf

import (
	_ "embed"

	"codeberg.org/go-pdf/fpdf"
)

// Liberation Serif: metric-compatible with Times New Roman (the decree's
// font, which may not be redistributed) and covering Vietnamese.
var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	serifRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	serifBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	serifItalic []byte
	//go:embed fonts/LiberationSerif-BoldItalic.ttf
	serifBoldItalic []byte
)

const family = "LiberationSerif"

// Font styles as fpdf names them.
const (
	regular    = ""
	bold       = "B"
	italic     = "I"
	boldItalic = "BI"
)

func addFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(family, regular, serifRegular)
	pdf.AddUTF8FontFromBytes(family, bold, serifBold)
	pdf.AddUTF8FontFromBytes(family, italic, serifItalic)
	pdf.AddUTF8FontFromBytes(family, boldItalic, serifBoldItalic)
}

// Style selects one of the embedded faces for [Font].
type Style string

// The faces Font can return, named as fpdf names them.
const (
	Regular    Style = regular
	Bold       Style = bold
	Italic     Style = italic
	BoldItalic Style = boldItalic
)

// Font is the embedded Liberation Serif face of the given style as a
// TrueType file, so that other renderers (e.g. a signature's appearance)
// print Vietnamese with the same font as the page; an unknown style gives
// the regular face. The bytes are shared: callers must not modify them.
func Font(s Style) []byte {
	switch s {
	case Bold:
		return serifBold
	case Italic:
		return serifItalic
	case BoldItalic:
		return serifBoldItalic
	}
	return serifRegular
}
