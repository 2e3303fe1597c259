package app_test

import (
	"bytes"
	"context"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

func plainPDF(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetFont("Times", "", 13)
	f.AddPage()
	f.Cell(120, 10, "CHI THI ve PAPI")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func signedPDF(t *testing.T) []byte {
	t.Helper()
	ca, err := localca.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := &signing.Signer{Keys: ca}
	rect := signing.Rect{LLX: 360, LLY: 120, URX: 540, URY: 190}
	b, err := s.SignIssued(context.Background(), plainPDF(t),
		signing.Request{Who: signing.Identity{Kind: signing.KindPerson, ID: "u1", Name: "Nguyễn Văn A", Agency: "VPCP"}, Page: 1, Rect: rect},
		signing.Request{Who: signing.Identity{Kind: signing.KindAgency, ID: "vpcp", Name: "Văn phòng Chính phủ"}, Page: 1, Rect: rect})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSignatures keeps each PDF's signature result and the package's: an
// unsigned package is accepted and recorded as unsigned.
func TestSignatures(t *testing.T) {
	signed := signedPDF(t)
	tampered := bytes.Replace(bytes.Clone(signed), []byte("CHI THI ve PAPI"), []byte("CHI THI ve PAPX"), 1)
	if bytes.Equal(tampered, signed) {
		t.Fatal("nothing tampered")
	}
	for _, tc := range []struct {
		name  string
		files [][]byte
		each  []string
		whole string
	}{
		{"signed", [][]byte{signed}, []string{"valid"}, "valid"},
		{"unsigned", [][]byte{plainPDF(t)}, []string{"unsigned"}, "unsigned"},
		{"tampered", [][]byte{tampered, signed}, []string{"invalid", "valid"}, "invalid"},
		{"no files", nil, nil, "unsigned"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, h *harness) {
				p := pkg("doc-" + tc.name)
				p.Attachments = nil
				for _, f := range tc.files {
					p.Attachments = append(p.Attachments, edxml.Attachment{Name: "vb.pdf", ContentType: "application/pdf", Data: f})
				}
				got, err := h.app.Receive(context.Background(), clerk, build(t, p))
				if err != nil || got.State != domain.StateAccepted {
					t.Fatalf("= %+v, %v", got, err)
				}
				var each []string
				for _, f := range got.Files {
					each = append(each, f.Signature)
				}
				if len(each) != len(tc.each) || got.Signature != tc.whole {
					t.Fatalf("signatures %v, package %s; want %v, %s", each, got.Signature, tc.each, tc.whole)
				}
				for i := range each {
					if each[i] != tc.each[i] {
						t.Fatalf("signatures %v, want %v", each, tc.each)
					}
				}
			})
		})
	}
}
