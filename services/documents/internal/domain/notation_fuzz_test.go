package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNotation builds số, ký hiệu from any kind, number and short names:
// it never panics, starts with the number (two digits at least) and a
// slash, and names the issuer.
func FuzzNotation(f *testing.F) {
	f.Add("directive", int64(7), "UBND", "", "")
	f.Add("official_letter", int64(123), "UBND", "KT", "d1")
	f.Add("no_such_kind", int64(-1), "", "", "")
	f.Add("plan", int64(1<<62), "SỞ-TTTT", "P.KH", "d2")
	f.Fuzz(func(t *testing.T, kind string, number int64, issuer, drafting, draftingID string) {
		n := Notation(Kind(kind), number, Unit{ID: "i1", ShortName: issuer}, Unit{ID: draftingID, ShortName: drafting})
		num, rest, ok := strings.Cut(n, "/")
		if !ok || len(num) < 2 || !strings.Contains(rest, issuer) {
			t.Fatalf("Notation(%q, %d, %q, %q) = %q", kind, number, issuer, drafting, n)
		}
	})
}

// FuzzFoldAndDate: accent folding for search and date checking take any
// text without panicking; folding valid UTF-8 is idempotent and keeps it
// valid.
func FuzzFoldAndDate(f *testing.F) {
	for _, s := range []string{"Phản ánh", "ĐƯỜNG", "2026-02-29", "2024-02-29", "9999-99-99", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		// Text reaches Fold through JSON, which makes it valid UTF-8;
		// after an invalid byte Fold leaves the rest unfolded (the input
		// kept in testdata shows it).
		if utf8.ValidString(s) && Fold(once) != once {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, once, Fold(once))
		}
		if utf8.ValidString(s) && !utf8.ValidString(once) {
			t.Fatalf("Fold(%q) = %q is not UTF-8", s, once)
		}
		if ValidDate(s) && len(s) != len("2006-01-02") {
			t.Fatalf("ValidDate(%q) accepts a date not of the form YYYY-MM-DD", s)
		}
	})
}
