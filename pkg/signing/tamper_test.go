package signing_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/signing"
)

// TestChangedDocument changes a signed document in the ways that matter
// and checks that Verify and pdfsig both see it.
func TestChangedDocument(t *testing.T) {
	st := localStore(t)
	s := &signing.Signer{Keys: st.keys}
	p, seal := requests(t, time.Now().Truncate(time.Second))
	signed, err := s.SignIssued(context.Background(), testPDF(t), p, seal)
	if err != nil {
		t.Fatal(err)
	}
	flipAt := func(marker string) func([]byte) []byte {
		return func(doc []byte) []byte {
			i := bytes.Index(doc, []byte(marker))
			if i < 0 {
				t.Fatalf("marker %q not in the signed PDF", marker)
			}
			doc[i] ^= 0x01 // 'K' → 'J', 'v' → 'w': still a readable PDF
			return doc
		}
	}
	cases := []struct {
		name         string
		change       func([]byte) []byte
		valid        []bool
		covers       []bool
		popplerValid []bool
		popplerTotal []bool
	}{
		{"unchanged", func(d []byte) []byte { return d }, []bool{true, true}, []bool{true, true}, []bool{true, true}, []bool{false, true}},
		{"byte of the text flipped", flipAt("KE HOACH"), []bool{false, false}, []bool{false, true}, []bool{false, false}, []bool{false, true}},
		{"byte of the seal's revision flipped", flipAt("vanthu@example.vn"), []bool{true, false}, []bool{false, true}, []bool{true, false}, []bool{false, true}},
		{"bytes appended unsigned", func(d []byte) []byte { return append(d, "\n% appended\n"...) }, []bool{true, true}, []bool{false, false}, []bool{true, true}, []bool{false, false}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.change(bytes.Clone(signed))
			infos, err := signing.Verify(doc, st.roots)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			var valid, covers []bool
			for _, in := range infos {
				valid, covers = append(valid, in.Valid), append(covers, in.CoversWholeDocument)
				if !in.Valid && in.Problem == "" {
					t.Errorf("%s invalid without a problem", in.Field)
				}
			}
			if !slices.Equal(valid, tc.valid) || !slices.Equal(covers, tc.covers) {
				t.Errorf("Verify valid %v covers %v, want %v %v", valid, covers, tc.valid, tc.covers)
			}
			var pv, pt []bool
			for _, ps := range pdfsig(t, doc) {
				pv, pt = append(pv, ps.Valid), append(pt, ps.Total)
			}
			if !slices.Equal(pv, tc.popplerValid) || !slices.Equal(pt, tc.popplerTotal) {
				t.Errorf("pdfsig valid %v total %v, want %v %v", pv, pt, tc.popplerValid, tc.popplerTotal)
			}
		})
	}
}

func TestVerifyUnsignedAndUnreadable(t *testing.T) {
	infos, err := signing.Verify(testPDF(t), nil)
	if err != nil || len(infos) != 0 {
		t.Errorf("unsigned PDF: %v, %v; want no signatures, no error", infos, err)
	}
	if _, err := signing.Verify([]byte("not a pdf"), nil); err == nil {
		t.Error("garbage verified without error")
	}
}
