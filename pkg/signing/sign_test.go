package signing_test

import (
	"bytes"
	"context"
	"crypto/x509"
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
