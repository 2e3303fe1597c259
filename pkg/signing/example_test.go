package signing_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
)

// An issued document is signed by the person, then sealed by the agency;
// Verify lists both, oldest first.
func Example() {
	dir, err := os.MkdirTemp("", "ca")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ca, err := localca.Open(dir) // a trial CA: not legally valid
	if err != nil {
		log.Fatal(err)
	}
	s := &signing.Signer{Keys: ca}
	doc, err := makePDF()
	if err != nil {
		log.Fatal(err)
	}
	signed, err := s.SignIssued(context.Background(), doc,
		signing.Request{Who: person, Page: 2, Rect: signing.Rect{LLX: 360, LLY: 120, URX: 540, URY: 190}, Reason: "Ký ban hành"},
		signing.Request{Who: agency, Page: 2, Rect: signing.Rect{LLX: 330, LLY: 100, URX: 430, URY: 200}})
	if err != nil {
		log.Fatal(err)
	}
	infos, err := signing.Verify(signed, ca.Roots())
	if err != nil {
		log.Fatal(err)
	}
	for _, in := range infos {
		fmt.Println(in.Kind, in.Signer, in.Valid, in.CoversWholeDocument, in.Trusted)
	}
	// Output:
	// person Nguyễn Thị Minh Khai true true true
	// agency Sở Thông tin và Truyền thông true true true
}
