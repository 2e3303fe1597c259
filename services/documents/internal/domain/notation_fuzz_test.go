package domain

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// FuzzNotation builds số, ký hiệu from any kind, number, year, flags and
// short names: it never panics; it either refuses (an official letter
// with no drafting division, naming drafting_unit_id) or starts with the
// number (two digits at least) and a slash, and names the issuer; an
// official letter is never a bare NN/ISSUER.
func FuzzNotation(f *testing.F) {
	f.Add("directive", int64(7), 2026, false, "", "UBND", "", "")
	f.Add("official_letter", int64(123), 2026, false, "", "UBND", "KT", "d1")
	f.Add("official_letter", int64(4), 2026, false, "", "UBND", "", "i1")
	f.Add("decision", int64(15), 2026, true, "", "UBND", "", "")
	f.Add("copy", int64(5), 2026, false, "BSY", "UBND", "", "")
	f.Add("no_such_kind", int64(-1), 0, true, "", "", "", "")
	f.Add("plan", int64(1<<62), 9999, false, "", "SỞ-TTTT", "P.KH", "d2")
	f.Fuzz(func(t *testing.T, kind string, number int64, year int, normative bool, form, issuer, drafting, draftingID string) {
		d := Document{Kind: Kind(kind), Normative: normative, CopyForm: CopyForm(form)}
		n, err := Notation(d, number, year, Unit{ID: "i1", ShortName: issuer}, Unit{ID: draftingID, ShortName: drafting})
		if err != nil {
			e, ok := apperr.As(err)
			if !ok || len(e.Fields) != 1 || e.Fields[0].Field != "drafting_unit_id" || n != "" {
				t.Fatalf("Notation(%q, %d) = %q, %v", kind, number, n, err)
			}
			return
		}
		num, rest, ok := strings.Cut(n, "/")
		if !ok || len(num) < 2 || !strings.Contains(rest, issuer) {
			t.Fatalf("Notation(%q, %d, %q, %q) = %q", kind, number, issuer, drafting, n)
		}
		if Kind(kind) == KindOfficialLetter && (drafting == "" || rest == issuer) {
			t.Fatalf("official letter numbered %q with drafting %q", n, drafting)
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
