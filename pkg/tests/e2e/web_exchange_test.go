package e2e

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/edxml"
)

// TestWebConsoleExchange: the administrator adds an organisation to the
// exchange directory in the console; the province's clerk hands in an
// edXML package from it, finds the document in the incoming box under
// Liên thông with its sender and notation, sees the package's signature
// result on its page, and refuses it with a reason, which is sent back; a
// broken package is refused with exchange's reason and listed.
func TestWebConsoleExchange(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	const ours, theirs = "000.00.00.H34", "000.00.00.G22"
	must(t, http.StatusOK, "PATCH", s.identity+"/v1/units/"+o.units["UBND"].ID, admin, map[string]string{"code": ours}, nil)

	ad := webLoginAs(t, s.web, "admin", s.adminPassword)
	ad.act("/admin/organisations", url.Values{"code": {theirs}, "name": {"Bộ Thông tin và Truyền thông"}, "email": {"vanthu@mic.gov.vn"}},
		"/admin/organisations", "Đã thêm Bộ Thông tin và Truyền thông vào danh bạ.")

	subject := "Về việc triển khai Nền tảng số " + time.Now().Format("150405")
	pkg, err := edxml.Build(edxml.Package{
		From: edxml.Organisation{ID: theirs, Name: "Bộ Thông tin và Truyền thông"}, To: []edxml.Organisation{{ID: ours, Name: "Ủy ban nhân dân tỉnh Khánh Hòa"}},
		DocumentID: theirs + ",2026/12/05," + time.Now().Format("150405"), Code: edxml.Code{Number: "3456", Notation: "BTTTT-CĐSQG"},
		Place: "Hà Nội", PromulgationDate: time.Now().AddDate(0, 0, -1).Format("2006-01-02"),
		Type:    edxml.DocumentType{Type: "1", TypeDetail: "1", TypeName: "Công văn"},
		Subject: subject, Signer: edxml.Signer{Competence: "KT. BỘ TRƯỞNG", Position: "THỨ TRƯỞNG", FullName: "Nguyễn Huy Dũng"},
		Priority: 1, PageAmount: 2, PromulgationAmount: 1,
		Attachments: []edxml.Attachment{{ContentID: "a1", Name: "3456-BTTTT.txt", ContentType: "text/plain", Data: []byte("Nội dung văn bản")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	vt := webLogin(t, s.web, "ubnd.vanthu")
	if page := vt.uploadFile("/exchange/packages", "goi-tin.edxml", pkg, "/exchange/packages"); !strings.Contains(page, "Đã nhận gói tin") {
		t.Fatalf("the packages page does not say the package was taken:\n%s", page)
	}

	var box string
	eventually(t, 30*time.Second, "the package's document in the incoming box", func() bool {
		_, box = vt.get("/incoming?channel=exchange")
		return strings.Contains(box, subject)
	})
	for _, w := range []string{`channel-exchange">Liên thông</span>`, "Bộ Thông tin và Truyền thông", "3456/BTTTT-CĐSQG"} {
		if !strings.Contains(box, w) {
			t.Fatalf("the incoming row lacks %q:\n%s", w, box)
		}
	}
	m := regexp.MustCompile(`<a href="(/documents/[^"]+)">` + regexp.QuoteMeta(subject)).FindStringSubmatch(box)
	if m == nil {
		t.Fatalf("no link to the document:\n%s", box)
	}
	docPath := m[1]
	// The package's part of the page comes from exchange, which links the
	// package to the document when documents' event reaches it: it may
	// lag the incoming box by a moment.
	var page string
	eventually(t, 30*time.Second, "the package on the document's page", func() bool {
		_, page = vt.get(docPath)
		return strings.Contains(page, "Gói tin liên thông đến")
	})
	for _, w := range []string{"<dt>Nguồn</dt><dd>Liên thông</dd>", "Gói tin liên thông đến", "Chữ ký số của gói tin", "Không ký",
		"KT. BỘ TRƯỞNG", `action="` + docPath + `/refuse"`} {
		if !strings.Contains(page, w) {
			t.Fatalf("the document page lacks %q:\n%s", w, page)
		}
	}
	vt.act(docPath+"/refuse", url.Values{"reason": {"Gửi nhầm cơ quan"}}, docPath, "Đã từ chối văn bản")
	eventually(t, 30*time.Second, "the refusal sent back", func() bool {
		_, page = vt.get(docPath)
		return strings.Contains(page, "<strong>Từ chối</strong>") && strings.Contains(page, "Gửi nhầm cơ quan")
	})

	broken := []byte(`<?xml version="1.0"?><edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>`)
	page = vt.uploadFile("/exchange/packages", "hong.edxml", broken, "/exchange/packages")
	if !strings.Contains(page, "Gói tin bị từ chối") || !strings.Contains(page, "Lý do: ") || !strings.Contains(page, `pkg-refused">Từ chối</span>`) {
		t.Fatalf("the broken package's refusal:\n%s", page)
	}
}

// TestWebConsoleExternalRecipients: a draft names an organisation of the
// exchange directory as a recipient in the console, printed in Nơi nhận;
// once issued, the document page shows the package to it with its state
// and, once built, its edXML, and the clerk's outgoing box counts it.
func TestWebConsoleExternalRecipients(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	must(t, http.StatusOK, "PATCH", s.identity+"/v1/units/"+o.units["UBND"].ID, admin, map[string]string{"code": "000.00.00.H34"}, nil)
	ad := webLoginAs(t, s.web, "admin", s.adminPassword)
	ad.act("/admin/organisations", url.Values{"code": {"000.00.00.G22"}, "name": {"Bộ Thông tin và Truyền thông"}},
		"/admin/organisations", "Đã thêm Bộ Thông tin và Truyền thông vào danh bạ.")

	summary := "V/v phối hợp triển khai Nền tảng số " + time.Now().Format("150405")
	cv := webLogin(t, s.web, "ubnd.chuyenvien")
	_, form := cv.get("/documents/new")
	if !strings.Contains(form, `name="external_recipients" value="000.00.00.G22"`) {
		t.Fatalf("the draft form does not offer the directory:\n%s", form)
	}
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form)[1]
	fields := url.Values{"key": {key}, "kind": {"directive"}, "summary": {summary}, "body": {"Nội dung"},
		"recipients": {o.units["STTTT"].ID}, "external_recipients": {"000.00.00.G22"}}
	status, loc, body := cv.post("/documents", fields)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/documents/") {
		t.Fatalf("draft: %d %q %s", status, loc, body)
	}
	docPath := loc
	page := cv.act(docPath+"/submit", url.Values{}, docPath, "Đã trình ký.")
	if !strings.Contains(page, "Bộ Thông tin và Truyền thông") {
		t.Fatalf("Nơi nhận lacks the external recipient:\n%s", page)
	}
	ld := webLogin(t, s.web, "ubnd.lanhdao")
	ld.act(docPath+"/approve", url.Values{"signing_mark": {""}, "password": {password}}, docPath, "Đã ký văn bản.")
	vt := webLogin(t, s.web, "ubnd.vanthu")
	vt.act(docPath+"/issue", url.Values{}, docPath, "Đã cấp số, phát hành văn bản.")

	// Exchange makes one package per external recipient after the issue;
	// the page shows it by its state in Vietnamese.
	eventually(t, 30*time.Second, "the package to the external recipient on the page", func() bool {
		_, page = vt.get(docPath)
		return regexp.MustCompile(`<td data-label="Nơi nhận">Bộ Thông tin và Truyền thông</td><td data-label="Mã định danh">000.00.00.G22</td>\s*<td data-label="Trạng thái"><span class="tag pkg-[a-z_]+">[^<]*\p{L}[^<]*</span>`).MatchString(page)
	})
	eventually(t, 60*time.Second, "the package built, its edXML offered", func() bool {
		_, page = vt.get(docPath)
		return strings.Contains(page, "Tải gói tin (.edxml)")
	})
	m := regexp.MustCompile(`<a href="(/exchange/packages/[^"]+/edxml)" download>`).FindStringSubmatch(page)
	if status, edx := vt.get(m[1]); status != http.StatusOK || !strings.Contains(edx, "edXMLEnvelope") || !strings.Contains(edx, "000.00.00.G22") {
		t.Fatalf("edxml download: %d %.300s", status, edx)
	}
	_, box := vt.get("/outgoing")
	if !strings.Contains(box, `<th scope="col">Gửi liên thông</th>`) {
		t.Fatalf("the clerk's outgoing box does not count the package:\n%s", box)
	}
}
