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
