package signing_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"image/color"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
)

var (
	person = signing.Identity{Kind: signing.KindPerson, ID: "u-42", Name: "Nguyễn Thị Minh Khai", Agency: "Sở Thông tin và Truyền thông"}
	agency = signing.Identity{Kind: signing.KindAgency, ID: "a-7", Name: "Sở Thông tin và Truyền thông"}
)

type store struct {
	name  string
	keys  signing.KeyStore
	roots *x509.CertPool
}

func localStore(t testing.TB) store {
	ca, err := localca.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return store{"local CA", ca, ca.Roots()}
}

func requests(t testing.TB, at time.Time) (signing.Request, signing.Request) {
	p := signing.Request{
		Who: person, Page: 2, Rect: signing.Rect{LLX: 360, LLY: 120, URX: 540, URY: 190},
		Image: testPNG(t, color.NRGBA{B: 0x90, A: 0xff}, false), Reason: "Ký ban hành", Location: "Khánh Hòa", Time: at,
	}
	s := signing.Request{
		Who: agency, Page: 2, Rect: signing.Rect{LLX: 330, LLY: 100, URX: 430, URY: 200},
		Image: testPNG(t, color.NRGBA{R: 0xd0, A: 0xff}, true), Reason: "Đóng dấu", Location: "Khánh Hòa", ContactInfo: "vanthu@example.vn", Time: at.Add(time.Second),
	}
	return p, s
}

func TestSignIssuedVerifies(t *testing.T) {
	at := time.Now().Truncate(time.Second)
	for _, st := range allStores(t) {
		t.Run(st.name, func(t *testing.T) {
			ctx := context.Background()
			s := &signing.Signer{Keys: st.keys}
			p, seal := requests(t, at)
			doc := testPDF(t)
			out, err := s.SignIssued(ctx, doc, p, seal)
			if err != nil {
				t.Fatalf("SignIssued: %v", err)
			}
			if !bytes.HasPrefix(out, doc) {
				t.Fatal("signing rewrote the original bytes instead of appending a revision")
			}
			infos, err := signing.Verify(out, st.roots)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			want := []struct {
				signer string
				kind   signing.Kind
				at     time.Time
			}{{person.Name, signing.KindPerson, at}, {agency.Name, signing.KindAgency, at.Add(time.Second)}}
			if len(infos) != len(want) {
				t.Fatalf("Verify found %d signatures, want %d: %+v", len(infos), len(want), infos)
			}
			for i, w := range want {
				got := infos[i]
				if !got.Valid || !got.CoversWholeDocument || !got.Trusted {
					t.Errorf("signature %d: valid=%v covers=%v trusted=%v problem=%q trust=%q", i, got.Valid, got.CoversWholeDocument, got.Trusted, got.Problem, got.TrustError)
				}
				if got.Signer != w.signer || got.Kind != w.kind || !got.SignedAt.Equal(w.at) {
					t.Errorf("signature %d: signer %q kind %q at %v, want %q %q %v", i, got.Signer, got.Kind, got.SignedAt, w.signer, w.kind, w.at)
				}
				if got.CertificateSubject == "" {
					t.Errorf("signature %d: no certificate subject", i)
				}
			}
			if infos[1].ContactInfo != seal.ContactInfo || infos[0].Reason != p.Reason || infos[0].Location != p.Location {
				t.Errorf("dictionary fields lost: %+v", infos)
			}
			pop := pdfsig(t, out)
			if len(pop) != 2 || !pop[0].Valid || !pop[1].Valid || pop[0].Total || !pop[1].Total {
				t.Fatalf("pdfsig: %+v", pop)
			}
			if pop[0].Signer != person.Name || pop[1].Signer != agency.Name {
				t.Errorf("pdfsig signers %q, %q", pop[0].Signer, pop[1].Signer)
			}
		})
	}
}

// TestSignCopy seals an attachment: one agency signature at the top right
// of page 1, valid for Verify and pdfsig.
func TestSignCopy(t *testing.T) {
	st := localStore(t)
	s := &signing.Signer{Keys: st.keys, Now: func() time.Time { return time.Now().Truncate(time.Second) }}
	out, err := s.SignCopy(context.Background(), testPDF(t), signing.Request{Who: agency, Reason: "Sao y bản chính"})
	if err != nil {
		t.Fatalf("SignCopy: %v", err)
	}
	infos, err := signing.Verify(out, st.roots)
	if err != nil || len(infos) != 1 {
		t.Fatalf("Verify: %v, %v", infos, err)
	}
	got := infos[0]
	if !got.Valid || !got.CoversWholeDocument || !got.Trusted || got.Kind != signing.KindAgency || got.SignedAt.IsZero() {
		t.Errorf("copy seal: %+v", got)
	}
	const a4W, a4H = 595.28, 841.89
	if got.Rect.LLX < a4W/2 || got.Rect.URX > a4W || got.Rect.LLY < a4H*3/4 || got.Rect.URY > a4H {
		t.Errorf("copy seal at %+v, want the top right of an A4 page", got.Rect)
	}
	if pop := pdfsig(t, out); len(pop) != 1 || !pop[0].Valid || !pop[0].Total {
		t.Errorf("pdfsig: %+v", pop)
	}
}

func TestSignRefusesBadRequests(t *testing.T) {
	st := localStore(t)
	s := &signing.Signer{Keys: st.keys}
	p, seal := requests(t, time.Now())
	doc := testPDF(t)
	cases := []struct {
		name string
		run  func() error
	}{
		{"page past the end", func() error { r := p; r.Page = 3; _, err := s.Sign(context.Background(), doc, r); return err }},
		{"empty rectangle", func() error {
			r := p
			r.Rect = signing.Rect{}
			_, err := s.Sign(context.Background(), doc, r)
			return err
		}},
		{"no identity", func() error {
			r := p
			r.Who = signing.Identity{}
			_, err := s.Sign(context.Background(), doc, r)
			return err
		}},
		{"seal first", func() error { _, err := s.SignIssued(context.Background(), doc, seal, p); return err }},
		{"person on a copy", func() error { _, err := s.SignCopy(context.Background(), doc, p); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, signing.ErrInvalidRequest) {
				t.Errorf("got %v, want ErrInvalidRequest", err)
			}
		})
	}
	if _, err := s.Sign(context.Background(), []byte("%PDF-1.4 broken"), p); err == nil {
		t.Error("signed an unreadable PDF")
	}
}

// BenchmarkSign is the time to sign one issued document, person then seal,
// with the local CA (keys issued and cached before the clock starts).
func BenchmarkSign(b *testing.B) {
	st := localStore(b)
	s := &signing.Signer{Keys: st.keys}
	p, seal := requests(b, time.Time{})
	doc := testPDF(b)
	ctx := context.Background()
	if _, err := s.SignIssued(ctx, doc, p, seal); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.SignIssued(ctx, doc, p, seal); err != nil {
			b.Fatal(err)
		}
	}
}
