package folder_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/folder"
)

const pkgXML = `<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId>000.00.00.H41</OrganId></From><To><OrganId>000.00.00.H49</OrganId></To><DocumentId>d1</DocumentId>
</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`

const statusXML = `<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId>000.00.00.H49</OrganId></From><StatusCode>03</StatusCode></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`

func newFolder(t *testing.T) (*folder.Folder, string, string) {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	f, err := folder.New(in, out)
	if err != nil {
		t.Fatal(err)
	}
	return f, in, out
}

func TestSendWritesOneWholeFile(t *testing.T) {
	ctx := context.Background()
	f, _, out := newFolder(t)
	for range 2 { // a retried Send rewrites the same file
		ref, err := f.Send(ctx, "pkg-1", transport.Message{Type: transport.TypeEdoc, Body: []byte(pkgXML)})
		if err != nil {
			t.Fatal(err)
		}
		if ref != "pkg-1.edxml" {
			t.Fatalf("ref = %q", ref)
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "pkg-1.edxml" {
		t.Fatalf("out folder holds %v, want only pkg-1.edxml (no temporary files)", entries)
	}
	b, err := os.ReadFile(filepath.Join(out, "pkg-1.edxml"))
	if err != nil || string(b) != pkgXML {
		t.Fatalf("file = %q, %v", b, err)
	}
	if ok, err := f.Delivered(ctx, "pkg-1.edxml"); !ok || err != nil {
		t.Fatalf("Delivered = %v, %v", ok, err)
	}
}

func TestSendRefusesKeysThatAreNotFileNames(t *testing.T) {
	f, _, _ := newFolder(t)
	for _, key := range []string{"", "..", "../escape", "a/b", `a\b`, ".hidden"} {
		if _, err := f.Send(context.Background(), key, transport.Message{Body: []byte(pkgXML)}); err == nil {
			t.Errorf("Send(%q) succeeded", key)
		}
	}
}

func TestPendingOldestFirstAndAck(t *testing.T) {
	ctx := context.Background()
	f, in, _ := newFolder(t)
	base := time.Now().Add(-time.Hour)
	write := func(name, body string, age int) {
		t.Helper()
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		when := base.Add(time.Duration(age) * time.Minute)
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	write("c.edxml", pkgXML, 3)
	write("a.edxml", statusXML, 1)
	write("b.edxml", "not xml", 2)
	write("notes.txt", pkgXML, 0)
	write(".partial.edxml", pkgXML, 0)

	got, err := f.Pending(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Ref != "a.edxml" || got[1].Ref != "b.edxml" {
		t.Fatalf("Pending(2) = %v, want a.edxml, b.edxml", refs(got))
	}
	if got[0].Type != transport.TypeStatus || got[0].From != "000.00.00.H49" {
		t.Fatalf("status file read as %+v", got[0])
	}
	if got[1].Type != transport.TypeEdoc || string(got[1].Body) != "not xml" {
		t.Fatalf("unreadable file must still be offered whole: %+v", got[1])
	}
	for _, m := range got {
		if err := f.Ack(ctx, m.Ref); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Ack(ctx, "a.edxml"); err != nil {
		t.Fatalf("repeated Ack: %v", err)
	}
	got, err = f.Pending(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Ref != "c.edxml" || got[0].From != "000.00.00.H41" || got[0].To != "000.00.00.H49" {
		t.Fatalf("after Ack, Pending = %+v", got)
	}
	if _, err := os.Stat(filepath.Join(in, folder.Processed, "a.edxml")); err != nil {
		t.Fatalf("acknowledged file not in processed/: %v", err)
	}
	for _, bad := range []string{"../x.edxml", "missing.edxml", "c.txt"} {
		if err := f.Ack(ctx, bad); err == nil {
			t.Errorf("Ack(%q) succeeded", bad)
		}
	}
	if err := f.Announce(ctx, []string{"000.00.00.H49"}); err != nil {
		t.Fatal(err)
	}
}

// A file changed within the settle time may still be being copied in: it
// waits for a later call.
func TestPendingWaitsForAFileToSettle(t *testing.T) {
	ctx := context.Background()
	f, in, _ := newFolder(t)
	p := filepath.Join(in, "arriving.edxml")
	if err := os.WriteFile(p, []byte(pkgXML[:40]), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := f.Pending(ctx, 10); err != nil || len(got) != 0 {
		t.Fatalf("a file being written was offered: %v, %v", got, err)
	}
	if err := os.WriteFile(p, []byte(pkgXML), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-folder.DefaultSettle - time.Second)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	if got, err := f.Pending(ctx, 10); err != nil || len(got) != 1 || string(got[0].Body) != pkgXML {
		t.Fatalf("settled file: %v, %v", got, err)
	}
}

func refs(ms []transport.Message) []string {
	var r []string
	for _, m := range ms {
		r = append(r, m.Ref)
	}
	return r
}
