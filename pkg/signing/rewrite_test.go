package signing_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/digitorus/pdf"

	"github.com/eoffice-vn/eoffice/pkg/signing"
)

var lastStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// rewritePage1 appends an incremental update that replaces page 1's
// content stream, the way a forger would change a signed text and leave
// the first signature's bytes alone. It is written by hand on purpose: no
// library offers to do this.
func rewritePage1(t *testing.T, doc []byte, text string) []byte {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	cptr := rdr.Page(1).V.Key("Contents").GetPtr()
	contents := cptr.GetID()
	root := rdr.Trailer().Key("Root").GetPtr()
	size := rdr.Trailer().Key("Size").Int64()
	m := lastStartXref.FindSubmatch(doc)
	if m == nil || contents == 0 || root.GetID() == 0 {
		t.Fatalf("cannot find the objects to rewrite (contents %d, root %v)", contents, root)
	}
	prev, _ := strconv.Atoi(string(m[1]))
	var buf bytes.Buffer
	buf.Write(doc)
	buf.WriteString("\n")
	offset := buf.Len()
	fonts := rdr.Page(1).Fonts()
	if len(fonts) == 0 {
		t.Fatal("page 1 has no font to write with")
	}
	stream := fmt.Sprintf("BT /%s 13 Tf 50 780 Td (%s) Tj ET", fonts[0], text)
	fmt.Fprintf(&buf, "%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", contents, len(stream), stream)
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n", contents, offset)
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root %d %d R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, root.GetID(), root.GetGen(), prev, xref)
	return buf.Bytes()
}

// TestEarlierSignatureAfterRewrite: a page rewritten after the person
// signed, then sealed over, leaves both signatures cryptographically valid;
// only the person's stops covering the document.
func TestEarlierSignatureAfterRewrite(t *testing.T) {
	st := localStore(t)
	s := &signing.Signer{Keys: st.keys}
	p, seal := requests(t, time.Now().Truncate(time.Second))
	ctx := context.Background()
	one, err := s.Sign(ctx, testPDF(t), p)
	if err != nil {
		t.Fatal(err)
	}
	forged := rewritePage1(t, one, "KE HOACH da bi sua")
	two, err := s.Sign(ctx, forged, seal)
	if err != nil {
		t.Fatalf("sealing the rewritten document: %v", err)
	}
	infos, err := signing.Verify(two, st.roots)
	if err != nil || len(infos) != 2 {
		t.Fatalf("Verify: %v, %v", infos, err)
	}
	if !infos[0].Valid || infos[0].CoversWholeDocument {
		t.Errorf("person's signature: valid %v covers %v, want valid and not covering", infos[0].Valid, infos[0].CoversWholeDocument)
	}
	if !infos[1].Valid || !infos[1].CoversWholeDocument {
		t.Errorf("seal: valid %v covers %v, want both", infos[1].Valid, infos[1].CoversWholeDocument)
	}
	if pop := pdfsig(t, two); len(pop) != 2 || pop[0].Total || !pop[1].Total {
		t.Errorf("pdfsig: %+v", pop)
	}
}
