package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold makes text searchable without regard to case or Vietnamese
// diacritics: "Phản ánh" and "phan anh" fold alike, and đ becomes d (it is
// a letter of its own, not a d with a mark, so decomposition keeps it).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			b.WriteRune('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// SearchText is what q is matched against: the folded summary and body.
func (d Document) SearchText() string { return Fold(d.Summary + "\n" + d.Body) }
