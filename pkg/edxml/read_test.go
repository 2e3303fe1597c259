package edxml

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

func readFile(t *testing.T, name string) (*Package, *Status) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, s, err := Read(f, Limits{})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	if (p == nil) == (s == nil) {
		t.Fatalf("Read(%s) = %v, %v: want exactly one", name, p, s)
	}
	return p, s
}

func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestReadDefaultNamespaceVendor(t *testing.T) {
	p, _ := readFile(t, "vendor_default_ns.edxml")
	check(t, "From", p.From.ID, "000.00.00.G22")
	check(t, "From address", p.From.Address, "1 Hoàng Hoa Thám, Ba Đình, Hà Nội")
	check(t, "To", len(p.To), 2)
	check(t, "To 2", p.To[1].ID, "000.00.00.H49")
	check(t, "DocumentId", p.DocumentID, "000.00.00.G22,2026/11/20,7816/VPCP-TTĐT")
	check(t, "Code", p.Code, Code{"7816", "VPCP-TTĐT"})
	check(t, "PromulgationDate", p.PromulgationDate, "2026-11-20")
	check(t, "DueDate", p.DueDate, "2026-12-15")
	check(t, "Type", p.Type, DocumentType{"1", "0", "Công văn"})
	check(t, "Signer", p.Signer.Competence, "KT. BỘ TRƯỞNG, CHỦ NHIỆM")
	check(t, "urgency", UrgencyOf(p.Priority), "very_urgent")
	check(t, "SteeringType", p.SteeringType, 2)
	check(t, "PageAmount", p.PageAmount, 3)
	check(t, "ToPlaces", strings.Join(p.ToPlaces, "|"), "Các Bộ, cơ quan ngang Bộ|UBND các tỉnh")
	check(t, "BusinessKind", p.BusinessKind, KindNew)
	check(t, "traces", len(p.Traces), 1)
	check(t, "trace time", p.Traces[0].Timestamp.Equal(time.Date(2026, 11, 20, 2, 15, 0, 0, time.UTC)), true)
	check(t, "attachments", len(p.Attachments), 1)
	a := p.Attachments[0]
	check(t, "ContentId", a.ContentID, "f3a2c1d0-0001")
	check(t, "name", a.Name, "7816-VPCP-TTDT.pdf")
	check(t, "type", a.ContentType, "application/pdf")
	check(t, "description", a.Description, "Công văn")
	check(t, "data", bytes.HasPrefix(a.Data, []byte("%PDF-1.4")) && bytes.Contains(a.Data, []byte("Quyet dinh 7816")), true)
}

func TestReadPrefixedVendorWithZips(t *testing.T) {
	p, _ := readFile(t, "vendor_ns1.edxml")
	check(t, "From", p.From.ID, "000.00.15.H51")
	check(t, "To", p.To[0].ID, "000.00.00.H41")
	check(t, "DocumentId", p.DocumentID, "6f1c2b9e-8d4a-4c3e-9b7a-2e5d1f0a9c84")
	check(t, "Code", p.Code.String(), "125/QĐ-SNV")
	check(t, "BusinessKind", p.BusinessKind, KindRevocation)
	check(t, "urgency", UrgencyOf(p.Priority), "flash")
	check(t, "ResponseFor", len(p.ResponseFor), 1)
	check(t, "ResponseFor", p.ResponseFor[0], Reference{OrganID: "000.00.15.H51", Code: Code{"120", "QĐ-SNV"},
		DocumentID: "000.00.15.H51,2026/09/01,120/QĐ-SNV", PromulgationDate: "2026-09-01"})
	check(t, "traces", len(p.Traces), 2)
	check(t, "attachments", len(p.Attachments), 3)
	for i, w := range []struct{ id, name, typ, text string }{
		{"qd125", "125-QD-SNV.pdf", "application/pdf", "Quyet dinh 7816"},                                         // zip typed application/zip
		{"pl125", "phu-luc.pdf", "application/pdf", "Phu luc"},                                                    // zip typed as the file
		{"bm125", "bieu-mau.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""}, // a docx is a zip: kept
	} {
		a := p.Attachments[i]
		check(t, "ContentId", a.ContentID, w.id)
		check(t, "name", a.Name, w.name)
		check(t, "type", a.ContentType, w.typ)
		if w.text != "" {
			check(t, w.name+" unzipped", bytes.HasPrefix(a.Data, []byte("%PDF-")) && bytes.Contains(a.Data, []byte(w.text)), true)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(p.Attachments[2].Data), int64(len(p.Attachments[2].Data)))
	if err != nil || len(zr.File) != 2 {
		t.Errorf("the docx was changed: %v", err)
	}
}

func TestReadVendorStatuses(t *testing.T) {
	_, s := readFile(t, "vendor_status.edxml")
	check(t, "code", StatusName(s.Code), "registered")
	check(t, "From", s.From.ID, "000.00.00.H41")
	check(t, "ResponseFor", s.ResponseFor, Reference{OrganID: "000.00.00.G22", Code: Code{"7816", "VPCP-TTĐT"},
		DocumentID: "000.00.00.G22,2026/11/20,7816/VPCP-TTĐT", PromulgationDate: "2026-11-20"})
	check(t, "Staff", s.Staff, StaffInfo{"Văn thư", "Lê Văn C", "vanthu@nghean.gov.vn", "0912345678"})
	check(t, "Description", s.Description, "Đã vào sổ văn bản đến")
	check(t, "Timestamp", s.Timestamp.Equal(time.Date(2026, 11, 20, 3, 2, 30, 0, time.UTC)), true)

	_, s = readFile(t, "vendor_status_old.edxml")
	check(t, "code", s.Code, "02")
	check(t, "From", s.From.ID, "000.00.00.H49")
	check(t, "ResponseFor", s.ResponseFor, Reference{OrganID: "000.00.00.G22", Code: Code{"7816", "VPCP-TTĐT"},
		DocumentID: "5d0f7a4c-3a1e-4f7b-9d2c-7b8e6a1f0c33", PromulgationDate: "2026-11-20"})
	check(t, "Staff", s.Staff, StaffInfo{Department: "Văn phòng", Staff: "Phạm D"})
	check(t, "Timestamp", s.Timestamp.Equal(time.Date(2026, 11, 21, 1, 30, 0, 0, time.UTC)), true)
}

// Windows senders: a byte order mark, CRLF line ends, and .NET's utf-16
// declaration over UTF-8 bytes.
func TestReadWindowsQuirks(t *testing.T) {
	canon := mustBuild(t, samplePackage())
	doc := "\xef\xbb\xbf" + strings.ReplaceAll(strings.Replace(canon, "UTF-8", "utf-16", 1), "\n", "\r\n")
	p, _, err := Read(strings.NewReader(doc), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	samePackage(t, *p, samplePackage())
}

func mustBuild(t testing.TB, p Package) string {
	t.Helper()
	b, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// without drops the n-th (from 0; -1 all) element named name from doc.
func without(doc, name string, n int) string {
	re := regexp.MustCompile(`(?s)<edXML:` + name + `>.*?</edXML:` + name + `>\n`)
	i := -1
	return re.ReplaceAllStringFunc(doc, func(m string) string {
		if i++; n < 0 || i == n {
			return ""
		}
		return m
	})
}

// replaceNth sets the text of the n-th (from 0) element named name.
func replaceNth(doc, name string, n int, text string) string {
	re := regexp.MustCompile(`(?s)<edXML:` + name + `>.*?</edXML:` + name + `>`)
	i := -1
	return re.ReplaceAllStringFunc(doc, func(m string) string {
		if i++; i == n {
			return "<edXML:" + name + ">" + text + "</edXML:" + name + ">"
		}
		return m
	})
}

func zipOf(name string, data []byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(name)
	w.Write(data)
	zw.Close()
	return b.Bytes()
}

// lyingZip holds data deflated under a header that says it is 10 bytes.
func lyingZip(name string, data []byte) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 10})
	w.Write(comp.Bytes())
	zw.Close()
	return b.Bytes()
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader>
<edXML:MessageHeader><edXML:Subject>&lol9;</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>`

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE edXML [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader>
<edXML:MessageHeader><edXML:Subject>&xxe;</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>`

func TestReadRefuses(t *testing.T) {
	canon := mustBuild(t, samplePackage())
	status, _ := BuildStatus(sampleStatus())
	withAttachment := func(data []byte) string {
		p := samplePackage()
		p.Attachments = []Attachment{{Name: "quyet-dinh.pdf", ContentType: "application/zip", Data: data}}
		return mustBuild(t, p)
	}
	many := samplePackage()
	for len(many.Attachments) < 101 {
		many.Attachments = append(many.Attachments, Attachment{Name: "x.txt", Data: []byte("x")})
	}
	deep := strings.Replace(canon, "<edXML:Content>", "<edXML:Content>"+strings.Repeat("<a>", 40)+strings.Repeat("</a>", 40), 1)
	cut := canon[:strings.Index(canon, "JVBERi")+10]
	for _, c := range []struct {
		name, doc string
		lim       Limits
		reason    string
	}{
		{"empty", "", Limits{}, "not XML"},
		{"text", "Kính gửi: UBND tỉnh", Limits{}, "not XML"},
		{"binary", "%PDF-1.7\n\xff\xfe<\x00\x01", Limits{}, "not XML"},
		{"broken tags", `<edXML:edXML xmlns:edXML="` + Namespace + `"><a></b>`, Limits{}, "not XML"},
		{"truncated", cut, Limits{}, "not XML"},
		{"html", "<html><body>edXML</body></html>", Limits{}, "not edXML"},
		{"no namespace", "<edXML><edXMLEnvelope/></edXML>", Limits{}, "not edXML"},
		{"other namespace", `<edXML xmlns="http://www.e-doc.vn/Schema/"/>`, Limits{}, "not edXML"},
		{"no envelope", `<edXML xmlns="` + Namespace + `"><AttachmentEncoded/></edXML>`, Limits{}, "not edXML: no edXMLEnvelope > edXMLHeader"},
		{"billion laughs", billionLaughs, Limits{}, "DOCTYPE not allowed"},
		{"external entity", externalEntity, Limits{}, "DOCTYPE not allowed"},
		{"entity declaration", `<!ENTITY x "y">` + canon[len(`<?xml version="1.0" encoding="UTF-8"?>`):], Limits{}, "ENTITY declaration not allowed"},
		{"encoding", strings.Replace(canon, "UTF-8", "windows-1258", 1), Limits{}, `encoding "windows-1258" not supported (UTF-8 only)`},
		{"nested", deep, Limits{}, "XML nested too deep"},
		{"too many elements", strings.Replace(canon, "<edXML:Content>", "<edXML:Content>"+strings.Repeat("<a/>", 100_001), 1), Limits{}, "more than 100000 XML elements"},
		{"no Code", without(canon, "Code", 0), Limits{}, "missing Code"},
		{"no From OrganId", strings.Replace(canon, "<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "", 1), Limits{}, "missing From OrganId"},
		{"no To", without(canon, "To", -1), Limits{}, "missing To"},
		{"no DocumentId", without(canon, "DocumentId", 0), Limits{}, "missing DocumentId"},
		{"no Subject", without(canon, "Subject", 0), Limits{}, "missing Subject"},
		{"no PromulgationDate", without(canon, "PromulgationDate", 0), Limits{}, "missing PromulgationDate"},
		{"bad PromulgationDate", strings.Replace(canon, "2026/11/20</", "hôm qua</", 1), Limits{}, `bad PromulgationDate "hôm qua"`},
		{"broken base64", replaceNth(canon, "ContentTransferEncoded", 1, "UEsD*!^%"), Limits{}, "attachment 2: broken base64"},
		{"base64 cut short", replaceNth(canon, "ContentTransferEncoded", 0, "JVBERi0xL"), Limits{}, "attachment 1: broken base64"},
		{"no content", without(canon, "ContentTransferEncoded", 1), Limits{}, "attachment 2: no ContentTransferEncoded"},
		{"reference without attachment", without(canon, "Attachment", 1), Limits{}, `manifest reference 2: no attachment with ContentId "2"`},
		{"too many attachments", mustBuild(t, many), Limits{}, "more than 100 attachments"},
		{"attachment too large", canon, Limits{MaxAttachment: 1024}, "attachment 1 larger than 1 KiB"},
		{"zip bomb", withAttachment(zipOf("quyet-dinh.pdf", make([]byte, 2<<20))), Limits{MaxAttachment: 1 << 20}, "attachment 1 larger than 1 MiB"},
		{"zip that lies about its size", withAttachment(lyingZip("quyet-dinh.pdf", make([]byte, 2<<20))), Limits{MaxAttachment: 1 << 20}, "attachment 1: broken zip"},
		{"broken zip", withAttachment([]byte("PK\x03\x04 not really")), Limits{}, "attachment 1: broken zip"},
		{"status without From", strings.Replace(string(status), "<edXML:OrganId>000.00.00.G22</edXML:OrganId>", "", 1), Limits{}, "missing From OrganId"},
		{"status without document", without(string(status), "DocumentId", 0), Limits{}, "missing ResponseFor DocumentId"},
		{"small limit", canon, Limits{MaxSize: 4096}, "package larger than 4 KiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s, err := Read(strings.NewReader(c.doc), c.lim)
			var e *Error
			if !errors.As(err, &e) || e.Reason != c.reason || p != nil || s != nil {
				t.Fatalf("Read = package %v, status %v, %v; want reason %q", p != nil, s != nil, err, c.reason)
			}
		})
	}
}
