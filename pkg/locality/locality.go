// Package locality reads the level of local government in an agency's
// name ("Ủy ban nhân dân tỉnh Khánh Hòa"): the seed derives an agency's
// place name from it, and the documents service falls back to it where
// identity records none, so both read a name the same way.
package locality

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Levels of local government as agency names spell them, longest first
// ("thành phố" before a bare "phố" could match).
var levels = []string{" thành phố ", " thị xã ", " thị trấn ", " tỉnh ", " huyện ", " quận ", " phường ", " xã "}

// Split cuts an agency's name at its level of local government:
// "Ủy ban nhân dân tỉnh Khánh Hòa" → "Ủy ban nhân dân", "Khánh Hòa". The
// level is written in lower case and the place's name starts with a
// capital, so "Sở Lao động - Thương binh và Xã hội" names no place. place
// is "" (and body the whole name) when the name names none.
func Split(name string) (body, place string) {
	padded := " " + name + " "
	best, size := -1, 0
	for _, l := range levels {
		for from := 0; ; {
			k := strings.Index(padded[from:], l)
			if k < 0 {
				break
			}
			at := from + k
			if r, _ := utf8.DecodeRuneInString(padded[at+len(l):]); unicode.IsUpper(r) && (best < 0 || at < best) {
				best, size = at, len(l)
			}
			from = at + 1
		}
	}
	if best < 0 {
		return name, ""
	}
	return strings.TrimSpace(padded[:best]), strings.TrimSpace(padded[best+size:])
}
